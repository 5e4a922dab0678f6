import { useQuery } from '@tanstack/react-query';
import { adaptCaseSummary } from '../api/adapters';
import { apiRequest } from '../api/client';
import type { CaseList } from '../api/types';
import { queryKeys } from './keys';

export interface CaseFilters {
  kind?: string;
  status?: string;
  assignee?: string;
  overdue?: boolean;
}

export function casesPath(filters: CaseFilters): string {
  const params = new URLSearchParams();
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.status) params.set('status', filters.status);
  if (filters.assignee) params.set('assignee', filters.assignee);
  if (filters.overdue) params.set('overdue', 'true');
  const query = params.toString();
  return query ? `/api/cases?${query}` : '/api/cases';
}

export function useCasesQuery(filters: CaseFilters) {
  return useQuery({
    queryKey: queryKeys.caseList(filters),
    queryFn: async () => (await apiRequest<CaseList>('GET', casesPath(filters))).cases.map(adaptCaseSummary),
    refetchInterval: 30_000,
  });
}
