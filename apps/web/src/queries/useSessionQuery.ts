import { useQuery } from '@tanstack/react-query';
import { adaptSession, type Session } from '../api/adapters';
import { apiRequest, isApiError, setCsrfToken } from '../api/client';
import type { SessionView } from '../api/types';
import { queryKeys } from './keys';

/** The signed-in reviewer, or null when there is no session (401). */
export function useSessionQuery() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: async (): Promise<Session | null> => {
      try {
        const session = adaptSession(await apiRequest<SessionView>('GET', '/api/session'));
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
