import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adaptCaseSummary } from '../api/adapters';
import { apiRequest } from '../api/client';
import type { ClaimNextResult } from '../api/types';
import { queryKeys } from './keys';

export function useClaimNextMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const result = await apiRequest<ClaimNextResult>('POST', '/api/cases/claim-next', {});
      return result.case ? adaptCaseSummary(result.case) : null;
    },
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.cases }),
  });
}
