import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type Appeal, adaptAppeal } from '../api/adapters';
import { apiRequestWithStatus } from '../api/client';
import type { AppealSubmitBody, AppealView } from '../api/types';
import { queryKeys } from './keys';

export interface SubmitAppealResult {
  appeal: Appeal;
  /**
   * The server already held an appeal for this suspension (sent from another tab or an earlier
   * visit) and answered 200 with it instead of 201: this submit's text was not recorded.
   */
  alreadyExisted: boolean;
}

export function useSubmitAppealMutation(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: AppealSubmitBody): Promise<SubmitAppealResult> => {
      const { status, body: view } = await apiRequestWithStatus<AppealView>(
        'POST',
        `/api/appeal/${encodeURIComponent(token)}`,
        body,
      );
      return { appeal: adaptAppeal(view), alreadyExisted: status !== 201 };
    },
    onSuccess: ({ appeal }) => client.setQueryData(queryKeys.appeal(token), appeal),
  });
}
