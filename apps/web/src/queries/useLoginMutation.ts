import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adaptSession } from '../api/adapters';
import { apiRequest, setCsrfToken } from '../api/client';
import type { LoginBody, SessionView } from '../api/types';
import { queryKeys } from './keys';

export function useLoginMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: LoginBody) =>
      adaptSession(await apiRequest<SessionView>('POST', '/api/session', body)),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      client.setQueryData(queryKeys.session, session);
    },
  });
}
