import { useQuery } from '@tanstack/react-query';
import { adaptDashboard } from '../api/adapters';
import { apiRequest } from '../api/client';
import type { Dashboard } from '../api/types';
import { queryKeys } from './keys';

export function useDashboardQuery() {
  return useQuery({
    queryKey: queryKeys.dashboard,
    queryFn: async () => adaptDashboard(await apiRequest<Dashboard>('GET', '/api/dashboard')),
    refetchInterval: 60_000,
  });
}
