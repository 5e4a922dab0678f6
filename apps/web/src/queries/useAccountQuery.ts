import { useQuery } from '@tanstack/react-query';
import { adaptAccountPage } from '../api/adapters';
import { apiRequest } from '../api/client';
import type { AccountPage } from '../api/types';
import { queryKeys } from './keys';

export const accountPath = (id: string) => `/api/accounts/${encodeURIComponent(id)}`;

export function useAccountQuery(id: string) {
  return useQuery({
    queryKey: queryKeys.account(id),
    queryFn: async () => adaptAccountPage(await apiRequest<AccountPage>('GET', accountPath(id))),
  });
}
