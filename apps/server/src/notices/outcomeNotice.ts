import type { NewOutboxRow, OutboxPayload } from '@gavel/db';

export interface OutcomeNoticeInput {
  accountId: string;
  suspensionId: string;
  caseId: string;
  appealReference: string;
  outcome: 'reinstated' | 'upheld';
  rationale: string;
  decidedAt: Date;
  statusUrl: string;
  /** The contact email the holder gave with the appeal (null once erased). */
  email: string | null;
  webhookUrl: string | null;
}

/** "7 December 2026 at 14:05 UTC": the holder reads this, not a parser. */
export function humanTime(at: Date): string {
  const day = at.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const time = at.toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'UTC',
  });
  return `${day} at ${time} UTC`;
}

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

export function renderOutcomeEmail(
  n: OutcomeNoticeInput & { email: string },
): Extract<OutboxPayload, { kind: 'email' }> {
  const reinstated = n.outcome === 'reinstated';
  const subject = reinstated
    ? `Your appeal ${n.appealReference}: account ${n.accountId} reinstated`
    : `Your appeal ${n.appealReference}: the suspension of ${n.accountId} stays`;
  const headline = reinstated
    ? `A reviewer has reinstated your account ${n.accountId}. The suspension is lifted and your messages are delivered again.`
    : `A reviewer looked at your appeal and decided to keep the suspension of your account ${n.accountId}.`;
  const text = [
    headline,
    '',
    "The reviewer's reasons",
    n.rationale,
    '',
    `Appeal ${n.appealReference}, decided on ${humanTime(n.decidedAt)} by a person who took no part in the original decision.`,
    `Your appeal page: ${n.statusUrl}`,
    ...(reinstated
      ? []
      : [
          '',
          'You may still refer the decision to a certified out-of-court dispute settlement body, or to a court.',
        ]),
  ].join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body>
<p>${escapeHtml(headline)}</p>
<h2>The reviewer's reasons</h2>
<p style="white-space:pre-wrap">${escapeHtml(n.rationale)}</p>
<p>Appeal ${escapeHtml(n.appealReference)}, decided on ${escapeHtml(humanTime(n.decidedAt))} by a person who took no part in the original decision.</p>
<p><a href="${escapeHtml(n.statusUrl)}">Open your appeal page</a></p>
${reinstated ? '' : '<p>You may still refer the decision to a certified out-of-court dispute settlement body, or to a court.</p>'}
</body></html>`;
  return { kind: 'email', to: n.email, subject, text, html };
}

/** The outcome notice as outbox rows (email to the appeal's contact, webhook to the account's URL). */
export function outcomeNoticeRows(n: OutcomeNoticeInput): NewOutboxRow[] {
  const rows: NewOutboxRow[] = [];
  if (n.email) {
    rows.push({
      topic: 'appeal.outcome',
      accountId: n.accountId,
      payload: renderOutcomeEmail({ ...n, email: n.email }),
      idempotencyKey: `appeal.outcome:email:${n.caseId}`,
    });
  }
  if (n.webhookUrl) {
    rows.push({
      topic: 'appeal.outcome',
      accountId: n.accountId,
      payload: {
        kind: 'webhook',
        url: n.webhookUrl,
        event: 'appeal.decided',
        body: {
          event: 'appeal.decided',
          accountId: n.accountId,
          suspensionId: n.suspensionId,
          appealReference: n.appealReference,
          outcome: n.outcome,
          accountStatus: n.outcome === 'reinstated' ? 'active' : 'suspended',
          rationale: n.rationale,
          decidedAt: n.decidedAt.toISOString(),
        },
      },
      idempotencyKey: `appeal.outcome:webhook:${n.caseId}`,
    });
  }
  return rows;
}
