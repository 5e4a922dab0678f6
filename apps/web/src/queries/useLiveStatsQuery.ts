import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api/client';
import type { LiveStats } from '../api/types';
import { queryKeys } from './keys';

/** The dashboard's live charts: polled every 5 s while the page is open. */
export function useLiveStatsQuery(minutes = 30) {
  return useQuery({
    queryKey: queryKeys.liveStats(minutes),
    queryFn: () => apiRequest<LiveStats>('GET', `/api/stats?minutes=${minutes}`),
    refetchInterval: 5_000,
  });
}
