import type { Appeal } from '../../api/adapters';
import { formatDate, formatDateTime } from '../../primitives/formatTime';
import { Section } from '../../primitives/Section';

export function StatementOfReasons({ appeal }: { appeal: Appeal }) {
  const s = appeal.statement;
  return (
    <Section title="Why your account was suspended">
      <dl className="facts">
        <dt>What we restricted</dt>
        <dd>{s.restriction}</dd>
        <dt>Scope</dt>
        <dd>{s.scope}</dd>
        <dt>Since</dt>
        <dd>{formatDateTime(appeal.suspendedAt)}</dd>
        <dt>For how long</dt>
        <dd>{s.duration}</dd>
      </dl>
      <h3>Our reasons</h3>
      <ul className="reasons">
        {s.reasons.map((r) => (
          <li key={r.code}>{r.message}</li>
        ))}
      </ul>
      <p>{s.facts}</p>
      <p>
        <strong>The rule we applied: </strong>
        {s.ground}
      </p>
      {appeal.examples.length > 0 ? (
        <>
          <h3>Examples of the messages concerned</h3>
          <p className="muted">
            Personal details such as numbers, email addresses and link paths are hidden.
          </p>
          <ul className="examples">
            {appeal.examples.map((example, i) => (
              <li key={i}>
                <blockquote>{example}</blockquote>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>How this decision was made</h3>
      <p>
        {s.automatedDetection
          ? 'The messages were detected by automated systems. '
          : 'The messages were detected by a person. '}
        {s.automatedDecision
          ? 'The suspension was decided automatically, without a person looking at it first. That is why you can ask a person to look at it now.'
          : 'The suspension was decided by a person.'}
      </p>
      <h3>How to appeal</h3>
      <p>
        {s.howToAppeal} You can appeal until <strong>{formatDate(s.appealBy)}</strong>. Appealing is free.
      </p>
      {s.otherRedress.length > 0 ? (
        <>
          <h3>Other ways to seek redress</h3>
          <ul>
            {s.otherRedress.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      ) : null}
      <details className="dsa">
        <summary>The statement in machine-readable form (EU Digital Services Act fields)</summary>
        <pre>{JSON.stringify(appeal.dsa, null, 2)}</pre>
      </details>
    </Section>
  );
}
