import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type Appeal, adaptAppeal } from '../api/adapters';
import { apiRequest, isApiError } from '../api/client';
import type { AppealSubmitBody, AppealView } from '../api/types';
import { queryKeys } from './keys';

export interface SubmitAppealResult {
  appeal: Appeal;
  /**
   * The server already held a different appeal for this suspension (sent from another tab or an
   * earlier visit) and refused this one (409 APPEAL_ALREADY_SUBMITTED): its text was not recorded.
   * A retry of the same text is answered 200 with the appeal, and counts as sent.
   */
  alreadyExisted: boolean;
}

export function useSubmitAppealMutation(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: AppealSubmitBody): Promise<SubmitAppealResult> => {
      const path = `/api/appeal/${encodeURIComponent(token)}`;
      try {
        return {
          appeal: adaptAppeal(await apiRequest<AppealView>('POST', path, body)),
          alreadyExisted: false,
        };
      } catch (error) {
        if (!isApiError(error, 409) || error.code !== 'APPEAL_ALREADY_SUBMITTED') throw error;
        return { appeal: adaptAppeal(await apiRequest<AppealView>('GET', path)), alreadyExisted: true };
      }
    },
    onSuccess: ({ appeal }) => client.setQueryData(queryKeys.appeal(token), appeal),
  });
}
