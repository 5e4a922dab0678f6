import { Link } from 'react-router';
import { PageHeading } from '../primitives/PageHeading';
import { useDocumentTitle } from '../primitives/useDocumentTitle';

/**
 * Any path the app does not know: at the top level (the server serves the app for unknown paths
 * so a browser gets this page, not problem JSON) and inside the console (already in its <main>).
 */
export function NotFoundRoute({ inConsole = false }: { inConsole?: boolean }) {
  useDocumentTitle('Page not found', inConsole ? 'review' : 'holder');
  const body = (
    <div className="holder-page" data-testid="not-found">
      <PageHeading>Page not found</PageHeading>
      {inConsole ? (
        <p>
          There is nothing at this address. <Link to="/review">Go back to the queue</Link>.
        </p>
      ) : (
        <p>
          If you were sent here by a suspension notice, open the link from that email again. Reviewers can{' '}
          <Link to="/review">go to the review console</Link>.
        </p>
      )}
    </div>
  );
  return inConsole ? body : <main id="main">{body}</main>;
}
