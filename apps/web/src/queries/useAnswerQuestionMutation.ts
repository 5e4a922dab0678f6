import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adaptAppeal } from '../api/adapters';
import { apiRequest } from '../api/client';
import type { AppealAnswerBody, AppealView } from '../api/types';
import { queryKeys } from './keys';

export function useAnswerQuestionMutation(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: AppealAnswerBody) =>
      adaptAppeal(
        await apiRequest<AppealView>('POST', `/api/appeal/${encodeURIComponent(token)}/answers`, body),
      ),
    onSuccess: (appeal) => client.setQueryData(queryKeys.appeal(token), appeal),
  });
}
