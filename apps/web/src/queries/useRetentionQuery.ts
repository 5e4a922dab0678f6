import { useQuery } from '@tanstack/react-query';
import { adaptRetention } from '../api/adapters';
import { apiRequest } from '../api/client';
import type { RetentionStatus } from '../api/types';
import { queryKeys } from './keys';

export function useRetentionQuery(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.retention,
    queryFn: async () => adaptRetention(await apiRequest<RetentionStatus>('GET', '/api/admin/retention')),
    enabled,
    refetchInterval: 60_000,
  });
}
