import type { LiveStats } from '../../api/types';
import { Alert } from '../../primitives/Alert';
import { Loading } from '../../primitives/Loading';
import { Section } from '../../primitives/Section';
import { useLiveStatsQuery } from '../../queries/useLiveStatsQuery';
import { LineChart } from './LineChart';

const hhmm = (iso: string) => iso.slice(11, 16);

function age(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

const percent = (v: number) => `${Math.round(v * 100)}%`;

function LiveChartsBody({ stats }: { stats: LiveStats }) {
  const m = stats.minutes;
  const x = m.map((p) => hhmm(p.minute));
  const agreement = m.map((p) => (p.shadowCompared > 0 ? p.shadowAgreed / p.shadowCompared : Number.NaN));
  const { queue, shadow } = stats;
  return (
    <>
      <Section title="Decisions per minute">
        <LineChart
          testId="chart-decisions"
          title="Decisions per minute"
          xLabels={x}
          series={[
            { label: 'allow', color: '#1b7f3b', values: m.map((p) => p.allow) },
            { label: 'review', color: '#b54708', values: m.map((p) => p.review) },
            { label: 'block', color: '#b42318', values: m.map((p) => p.block) },
          ]}
        />
      </Section>
      <Section title="Accounts flagged and suspended per minute">
        <LineChart
          testId="chart-transitions"
          title="Accounts flagged and suspended per minute"
          xLabels={x}
          series={[
            { label: 'flagged', color: '#b54708', values: m.map((p) => p.flagged) },
            { label: 'suspended', color: '#b42318', values: m.map((p) => p.suspended) },
          ]}
        />
      </Section>
      <Section title="Review queue">
        <dl className="facts" data-testid="queue-now">
          <dt>Open cases</dt>
          <dd>
            {queue.open} ({queue.flagged} flagged accounts, {queue.appeals} appeals)
          </dd>
          <dt>Oldest</dt>
          <dd>{age(queue.oldestAgeSeconds)}</dd>
          <dt>Median age</dt>
          <dd>{age(queue.medianAgeSeconds)}</dd>
        </dl>
        <LineChart
          testId="chart-queue"
          title="Open cases at the end of each minute"
          xLabels={x}
          series={[{ label: 'open cases', color: '#2453a6', values: m.map((p) => p.queueOpen) }]}
        />
      </Section>
      <Section title="Shadow model agreement">
        {shadow.shadowModel ? (
          <>
            <p data-testid="shadow-summary">
              {shadow.liveModel} and {shadow.shadowModel} chose the same action for{' '}
              <strong>{shadow.compared > 0 ? percent(shadow.agreed / shadow.compared) : '–'}</strong> of{' '}
              {shadow.compared} messages in the last {stats.windowMinutes} minutes.
            </p>
            <LineChart
              testId="chart-shadow"
              title="Share of messages where the shadow model chose the live action"
              xLabels={x}
              max={1}
              series={[{ label: 'agreement', color: '#2453a6', values: agreement, format: percent }]}
            />
          </>
        ) : (
          <p className="empty" data-testid="shadow-summary">
            No shadow model is running (set SHADOW_MODEL to compare one with {shadow.liveModel}).
          </p>
        )}
      </Section>
    </>
  );
}

/** The live half of the dashboard: the last 30 minutes, refreshed every 5 seconds. */
export function LiveCharts() {
  const query = useLiveStatsQuery(30);
  if (query.isPending) return <Loading label="Loading the live figures…" />;
  if (query.isError) return <Alert tone="error">{query.error.message}</Alert>;
  return <LiveChartsBody stats={query.data} />;
}
