import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adaptEraseResult } from '../api/adapters';
import { apiRequest } from '../api/client';
import type { EraseResult } from '../api/types';
import { queryKeys } from './keys';
import { accountPath } from './useAccountQuery';

export function useEraseAccountMutation(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      adaptEraseResult(await apiRequest<EraseResult>('POST', `${accountPath(id)}/erase`, {})),
    onSettled: () => {
      client.invalidateQueries({ queryKey: queryKeys.accounts });
      client.invalidateQueries({ queryKey: queryKeys.cases });
    },
  });
}
