import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { AccountRoute } from './routes/AccountRoute';
import { AdminRoute } from './routes/AdminRoute';
import { AppealRoute } from './routes/AppealRoute';
import { CaseRoute } from './routes/CaseRoute';
import { DashboardRoute } from './routes/DashboardRoute';
import { LoginRoute } from './routes/LoginRoute';
import { NotFoundRoute } from './routes/NotFoundRoute';
import { QueueRoute } from './routes/QueueRoute';
import { ReviewLayout } from './routes/ReviewLayout';

function HolderShell({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="holder-header">
        <span className="brand">Gavel · Trust and safety</span>
      </header>
      <main id="main">{children}</main>
    </>
  );
}

export const routes = [
  { path: '/', element: <Navigate to="/review" replace /> },
  {
    path: '/appeal/:token',
    element: (
      <HolderShell>
        <AppealRoute />
      </HolderShell>
    ),
  },
  { path: '/review/login', element: <LoginRoute /> },
  {
    path: '/review',
    element: <ReviewLayout />,
    children: [
      { index: true, element: <QueueRoute /> },
      { path: 'cases/:id', element: <CaseRoute /> },
      { path: 'accounts/:id', element: <AccountRoute /> },
      { path: 'dashboard', element: <DashboardRoute /> },
      { path: 'admin', element: <AdminRoute /> },
      { path: '*', element: <NotFoundRoute inConsole /> },
    ],
  },
  { path: '*', element: <NotFoundRoute /> },
];

export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });
}

export function App({ queryClient }: { queryClient: QueryClient }) {
  // Made once per mounted app, not on every render.
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
