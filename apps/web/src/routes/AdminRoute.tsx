import { Navigate, useOutletContext } from 'react-router';
import { CreateReviewerForm } from '../features/admin/CreateReviewerForm';
import { Alert } from '../primitives/Alert';
import { Loading } from '../primitives/Loading';
import { PageHeading } from '../primitives/PageHeading';
import { Section } from '../primitives/Section';
import { useDocumentTitle } from '../primitives/useDocumentTitle';
import { useReviewersQuery } from '../queries/useReviewersQuery';
import type { ReviewOutletContext } from './ReviewLayout';

export function AdminRoute() {
  const { session } = useOutletContext<ReviewOutletContext>();
  if (!session.reviewer.isAdmin) return <Navigate to="/review" replace />;
  return <AdminPage />;
}

function AdminPage() {
  useDocumentTitle('Reviewers');
  const reviewers = useReviewersQuery();
  return (
    <>
      <PageHeading>Reviewers</PageHeading>
      <div className="dashboard-grid">
        <CreateReviewerForm />
        <Section title="Everyone who can sign in">
          {reviewers.isPending ? <Loading /> : null}
          {reviewers.error ? <Alert tone="error">{reviewers.error.message}</Alert> : null}
          {reviewers.data ? (
            <table>
              <caption className="sr-only">Reviewers</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                </tr>
              </thead>
              <tbody>
                {reviewers.data.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.name}</th>
                    <td>{r.email}</td>
                    <td>{r.role}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </Section>
      </div>
    </>
  );
}
