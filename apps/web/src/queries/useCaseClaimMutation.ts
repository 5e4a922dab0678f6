import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api/client';
import type { CaseSummary } from '../api/types';
import { queryKeys } from './keys';

export type ClaimOperation = 'claim' | 'release' | 'extend';

/** Claim a given case, release it, or extend the claim. */
export function useCaseClaimMutation(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (operation: ClaimOperation) =>
      apiRequest<CaseSummary>('POST', `/api/cases/${encodeURIComponent(id)}/${operation}`, {}),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.cases }),
  });
}
