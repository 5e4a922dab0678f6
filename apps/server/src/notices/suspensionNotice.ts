import type { NewOutboxRow, OutboxPayload } from '@gavel/db';
import type { StatementOfReasons } from '@gavel/policy';

/** A statement as built by `statementOfReasons`, possibly with fields overridden (e.g. a reviewer's decision). */
export type NoticeStatement = Omit<StatementOfReasons, 'automated_decision' | 'automated_detection'> & {
  automated_decision: string;
  automated_detection?: string;
};

export interface SuspensionNoticeInput {
  accountId: string;
  suspensionId: string;
  /** The statement of reasons (DSA Transparency Database field names plus plain language). */
  statement: NoticeStatement;
  appealUrl: string;
  /** Where the notice goes; a placeholder when the account has none (see `noticeAddress`). */
  email: string;
  webhookUrl: string | null;
  // Accepted for earlier callers; the statement carries all of these now.
  suspendedAt?: Date;
  appealDeadline?: Date;
  reasons?: readonly { code: string; message: string }[];
  mailFrom?: string;
}

/** Who decided, in plain language: the statement's text, unless a reviewer took the decision. */
function automationText(s: NoticeStatement): string {
  return s.automated_decision === 'AUTOMATED_DECISION_NOT_AUTOMATED'
    ? 'Automated checks detected the activity; a reviewer examined the account and decided the suspension. A different person reviews it if you appeal.'
    : s.automation;
}

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** The email: plain text and HTML, the statement of reasons and the appeal link. */
export function renderSuspensionEmail(n: SuspensionNoticeInput): Extract<OutboxPayload, { kind: 'email' }> {
  const s = n.statement;
  const ground = s.termsUrl
    ? `${s.incompatible_content_ground} (${s.termsUrl})`
    : s.incompatible_content_ground;
  const text = [
    s.title,
    '',
    s.restriction,
    s.duration,
    '',
    'Why',
    ...s.reasons.map((r) => `- ${r.message} (${r.code})`),
    '',
    s.decision_facts,
    ...(s.examples.length > 0 ? ['', 'Examples (redacted)', ...s.examples.map((e) => `- ${e}`)] : []),
    '',
    `Ground: ${ground}`,
    '',
    'How this was decided',
    automationText(s),
    '',
    'Ask for a human review',
    s.redress.howToAppeal,
    '',
    n.appealUrl,
    '',
    'Other routes to redress',
    ...s.redress.otherRoutes.map((r) => `- ${r}`),
    '',
    `Reference: ${n.suspensionId}`,
  ].join('\n');
  const list = (items: readonly string[]) =>
    `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(s.title)}</title></head>
<body>
<h1>${escapeHtml(s.title)}</h1>
<p>${escapeHtml(s.restriction)}</p>
<p>${escapeHtml(s.duration)}</p>
<h2>Why</h2>
${list(s.reasons.map((r) => `${r.message} (${r.code})`))}
<p>${escapeHtml(s.decision_facts)}</p>
${s.examples.length > 0 ? `<h3>Examples (redacted)</h3>${list(s.examples)}` : ''}
<p>Ground: ${escapeHtml(ground)}</p>
<h2>How this was decided</h2>
<p>${escapeHtml(automationText(s))}</p>
<h2>Ask for a human review</h2>
<p>${escapeHtml(s.redress.howToAppeal)}</p>
<p><a href="${escapeHtml(n.appealUrl)}">${escapeHtml(n.appealUrl)}</a></p>
<h2>Other routes to redress</h2>
${list(s.redress.otherRoutes)}
<p>Reference: ${escapeHtml(n.suspensionId)}</p>
</body></html>
`;
  return {
    kind: 'email',
    to: n.email,
    subject: `Your account ${n.accountId} has been suspended`,
    text,
    html,
  };
}

/** The webhook event: machine-readable, with the whole statement of reasons. */
export function renderSuspensionWebhook(
  n: SuspensionNoticeInput & { webhookUrl: string },
): Extract<OutboxPayload, { kind: 'webhook' }> {
  return {
    kind: 'webhook',
    url: n.webhookUrl,
    event: 'account.suspended',
    body: {
      type: 'account.suspended',
      id: `evt_${n.suspensionId}`,
      data: {
        accountId: n.accountId,
        suspensionId: n.suspensionId,
        status: 'suspended',
        reasons: n.statement.reasons,
        appealUrl: n.appealUrl,
        appealDeadline: n.statement.redress.appealDeadline,
        statementOfReasons: n.statement,
      },
    },
  };
}

/** The outbox rows for one suspension: the email always, the webhook when the account has a URL. */
export function suspensionNoticeRows(n: SuspensionNoticeInput): NewOutboxRow[] {
  const rows: NewOutboxRow[] = [
    {
      topic: 'suspension.notice',
      accountId: n.accountId,
      payload: renderSuspensionEmail(n),
      idempotencyKey: `suspension.notice.email.${n.suspensionId}`,
    },
  ];
  if (n.webhookUrl) {
    rows.push({
      topic: 'suspension.notice',
      accountId: n.accountId,
      payload: renderSuspensionWebhook({ ...n, webhookUrl: n.webhookUrl }),
      idempotencyKey: `suspension.notice.webhook.${n.suspensionId}`,
    });
  }
  return rows;
}

/** Notices need an address; an account without one gets a placeholder (.invalid never resolves). */
export function noticeAddress(accountId: string, noticeEmail: string | null): string {
  if (noticeEmail) return noticeEmail;
  const local =
    accountId
      .toLowerCase()
      .replace(/[^a-z0-9._-]/g, '-')
      .slice(0, 60) || 'account';
  return `${local}@accounts.gavel.invalid`;
}
