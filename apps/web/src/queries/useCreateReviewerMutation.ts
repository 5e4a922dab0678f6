import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adaptReviewer } from '../api/adapters';
import { apiRequest } from '../api/client';
import type { CreateReviewerBody, ReviewerView } from '../api/types';
import { queryKeys } from './keys';

export function useCreateReviewerMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateReviewerBody) =>
      adaptReviewer(await apiRequest<ReviewerView>('POST', '/api/admin/reviewers', body)),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.reviewers }),
  });
}
