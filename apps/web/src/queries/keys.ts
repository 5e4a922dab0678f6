// Query keys: mutations invalidate by prefix (['cases'] refreshes the queue and every case page).
export const queryKeys = {
  appeal: (token: string) => ['appeal', token] as const,
  session: ['session'] as const,
  cases: ['cases'] as const,
  caseList: (filters: object) => ['cases', 'list', filters] as const,
  caseDetail: (id: string) => ['cases', 'detail', id] as const,
  dashboard: ['dashboard'] as const,
  liveStats: (minutes: number) => ['dashboard', 'live', minutes] as const,
  accounts: ['accounts'] as const,
  account: (id: string) => ['accounts', id] as const,
  retention: ['retention'] as const,
  reviewers: ['reviewers'] as const,
};
