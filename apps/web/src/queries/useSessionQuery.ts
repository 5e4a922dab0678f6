import { useQuery } from '@tanstack/react-query';
import { adaptSession, type Session } from '../api/adapters';
import { apiRequest, isApiError, setCsrfToken } from '../api/client';
import type { SessionView } from '../api/types';
import { queryKeys } from './keys';

/** The signed-in reviewer, or null when there is no session (204, or 401 once it expired). */
export function useSessionQuery() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: async (): Promise<Session | null> => {
      try {
        const dto = await apiRequest<SessionView | undefined>('GET', '/api/session');
        if (!dto) {
          setCsrfToken(null);
          return null;
        }
        const session = adaptSession(dto);
        setCsrfToken(session.csrfToken);
        return session;
      } catch (error) {
        if (isApiError(error, 401)) {
          setCsrfToken(null);
          return null;
        }
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}
