import { useQuery } from '@tanstack/react-query';
import { adaptAppeal } from '../api/adapters';
import { apiRequest, isApiError } from '../api/client';
import type { AppealView } from '../api/types';
import { queryKeys } from './keys';

export function useAppealQuery(token: string) {
  return useQuery({
    queryKey: queryKeys.appeal(token),
    queryFn: async () =>
      adaptAppeal(await apiRequest<AppealView>('GET', `/api/appeal/${encodeURIComponent(token)}`)),
    // A bad link stays bad: do not hammer the rate-limited portal with retries.
    retry: (count, error) => count < 2 && (!isApiError(error) || error.status >= 500),
  });
}
