import { Link } from 'react-router';
import { PageHeading } from '../primitives/PageHeading';

export function NotFoundRoute() {
  return (
    <main id="main" className="holder-page">
      <PageHeading>Page not found</PageHeading>
      <p>
        If you were sent here by a suspension notice, open the link from that email again. Reviewers can{' '}
        <Link to="/review">go to the review console</Link>.
      </p>
    </main>
  );
}
