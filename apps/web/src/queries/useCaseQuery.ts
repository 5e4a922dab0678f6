import { useQuery } from '@tanstack/react-query';
import { adaptCaseDetail } from '../api/adapters';
import { apiRequest } from '../api/client';
import type { CaseDetail } from '../api/types';
import { queryKeys } from './keys';

export function useCaseQuery(id: string) {
  return useQuery({
    queryKey: queryKeys.caseDetail(id),
    queryFn: async () =>
      adaptCaseDetail(await apiRequest<CaseDetail>('GET', `/api/cases/${encodeURIComponent(id)}`)),
  });
}
