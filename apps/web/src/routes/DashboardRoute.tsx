import { useOutletContext } from 'react-router';
import { BarChart } from '../features/dashboard/BarChart';
import { DecisionsChart } from '../features/dashboard/DecisionsChart';
import { LiveCharts } from '../features/dashboard/LiveCharts';
import { RetentionPanel } from '../features/dashboard/RetentionPanel';
import { Alert } from '../primitives/Alert';
import { Loading } from '../primitives/Loading';
import { PageHeading } from '../primitives/PageHeading';
import { Section } from '../primitives/Section';
import { useDocumentTitle } from '../primitives/useDocumentTitle';
import { useDashboardQuery } from '../queries/useDashboardQuery';
import type { ReviewOutletContext } from './ReviewLayout';

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

export function DashboardRoute() {
  const { session } = useOutletContext<ReviewOutletContext>();
  const query = useDashboardQuery();
  useDocumentTitle('Dashboard');
  if (query.isPending) return <Loading label="Loading the dashboard…" />;
  if (query.isError) return <Alert tone="error">{query.error.message}</Alert>;
  const d = query.data;
  return (
    <>
      <PageHeading>Dashboard</PageHeading>
      <div className="dashboard-grid">
        <LiveCharts />
        <Section title="Open cases by age">
          <p>
            <strong>{d.overdue}</strong> overdue.
          </p>
          <BarChart
            title="Open cases by age"
            bars={d.openByAge.map((b) => ({ label: b.bucket, value: b.count }))}
          />
        </Section>
        <Section title="Decisions per day">
          <DecisionsChart days={d.decisionsPerDay} />
        </Section>
        <Section title="Overturn rate by reason">
          <BarChart
            title="Overturn rate by reason"
            max={1}
            bars={d.overturnByReason.map((r) => ({
              label: r.key,
              value: r.rate,
              display: `${percent(r.rate)} of ${r.decided}`,
            }))}
          />
        </Section>
        <Section title="Overturn rate by model version">
          <BarChart
            title="Overturn rate by model version"
            max={1}
            bars={d.overturnByModel.map((r) => ({
              label: r.key,
              value: r.rate,
              display: `${percent(r.rate)} of ${r.decided}`,
            }))}
          />
        </Section>
        {session.reviewer.isAdmin ? <RetentionPanel /> : null}
      </div>
    </>
  );
}
