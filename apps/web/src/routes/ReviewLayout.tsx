import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import type { Session } from '../api/adapters';
import { Button } from '../primitives/Button';
import { Loading } from '../primitives/Loading';
import { useLogoutMutation } from '../queries/useLogoutMutation';
import { useSessionQuery } from '../queries/useSessionQuery';
import { loginPathFor } from './returnPath';

export interface ReviewOutletContext {
  session: Session;
}

/** Everything under /review needs a session; the API enforces it again on every call. */
export function ReviewLayout() {
  const session = useSessionQuery();
  const logout = useLogoutMutation();
  const location = useLocation();
  if (session.isPending) return <Loading />;
  if (!session.data) {
    return <Navigate to={loginPathFor(`${location.pathname}${location.search}`)} replace />;
  }
  const { reviewer } = session.data;
  return (
    <div className="console">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Gavel review</span>
        <nav aria-label="Review console">
          <NavLink to="/review" end>
            Queue
          </NavLink>
          {reviewer.isLead ? <NavLink to="/review/dashboard">Dashboard</NavLink> : null}
          {reviewer.isAdmin ? <NavLink to="/review/admin">Reviewers</NavLink> : null}
        </nav>
        <span className="whoami">
          {reviewer.name} ({reviewer.role})
        </span>
        <Button variant="secondary" onClick={() => logout.mutate()} busy={logout.isPending}>
          Sign out
        </Button>
      </header>
      <main id="main">
        <Outlet context={{ session: session.data } satisfies ReviewOutletContext} />
      </main>
    </div>
  );
}
