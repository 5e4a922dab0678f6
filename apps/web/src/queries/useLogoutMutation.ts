import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, setCsrfToken } from '../api/client';
import { queryKeys } from './keys';

export function useLogoutMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<void>('DELETE', '/api/session'),
    onSettled: () => {
      setCsrfToken(null);
      client.removeQueries({ queryKey: queryKeys.cases });
      client.setQueryData(queryKeys.session, null);
    },
  });
}
