import { useQuery } from '@tanstack/react-query';
import { adaptReviewer } from '../api/adapters';
import { apiRequest } from '../api/client';
import type { ReviewerList } from '../api/types';
import { queryKeys } from './keys';

export function useReviewersQuery() {
  return useQuery({
    queryKey: queryKeys.reviewers,
    queryFn: async () =>
      (await apiRequest<ReviewerList>('GET', '/api/admin/reviewers')).reviewers.map(adaptReviewer),
  });
}
