import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adaptCaseDetail } from '../api/adapters';
import { apiRequest } from '../api/client';
import type { CaseActionBody, CaseDetail } from '../api/types';
import { queryKeys } from './keys';

export function useCaseActionMutation(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: CaseActionBody) =>
      adaptCaseDetail(
        await apiRequest<CaseDetail>('POST', `/api/cases/${encodeURIComponent(id)}/actions`, body),
      ),
    onSettled: () => {
      client.invalidateQueries({ queryKey: queryKeys.cases });
      client.invalidateQueries({ queryKey: queryKeys.dashboard });
    },
  });
}
