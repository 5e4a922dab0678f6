import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adaptAppeal } from '../api/adapters';
import { apiRequest } from '../api/client';
import type { AppealSubmitBody, AppealView } from '../api/types';
import { queryKeys } from './keys';

export function useSubmitAppealMutation(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: AppealSubmitBody) =>
      adaptAppeal(await apiRequest<AppealView>('POST', `/api/appeal/${encodeURIComponent(token)}`, body)),
    onSuccess: (appeal) => client.setQueryData(queryKeys.appeal(token), appeal),
  });
}
