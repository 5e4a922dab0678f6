import type { NewOutboxRow, OutboxPayload } from '@gavel/db';

export interface NoticeReason {
  code: string;
  message: string;
}

export interface SuspensionNoticeInput {
  accountId: string;
  suspensionId: string;
  suspendedAt: Date;
  appealDeadline: Date;
  appealUrl: string;
  reasons: readonly NoticeReason[];
  /** The statement of reasons with DSA Transparency Database field names (sent in the webhook as is). */
  statement: Record<string, unknown>;
  /** Where the notice goes; placeholder when the account has none (see README). */
  email: string;
  webhookUrl: string | null;
  mailFrom: string;
}

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The email: plain text and HTML with the statement of reasons and the appeal link. */
export function renderSuspensionEmail(n: SuspensionNoticeInput): Extract<OutboxPayload, { kind: 'email' }> {
  const facts = typeof n.statement.decision_facts === 'string' ? n.statement.decision_facts : null;
  const ground =
    typeof n.statement.incompatible_content_ground === 'string'
      ? n.statement.incompatible_content_ground
      : null;
  const subject = `Your account ${n.accountId} has been suspended`;
  const text = [
    `We have suspended your messaging account ${n.accountId} (reference ${n.suspensionId}).`,
    '',
    'What is restricted',
    `From ${n.suspendedAt.toISOString()} the account is suspended and every message it sends is blocked,`,
    'with no end date, until a reviewer decides otherwise.',
    '',
    'Why',
    ...n.reasons.map((r) => `- ${r.message} (${r.code})`),
    ...(facts ? ['', facts] : []),
    ...(ground ? ['', `Ground: ${ground}`] : []),
    '',
    'How this was decided',
    'The activity was detected and the decision taken by automated means, from signals about the',
    "account's recent messages and their delivery.",
    '',
    'Ask for a human review',
    `A person who took no part in this decision will review it if you ask, free of charge, until ${day(n.appealDeadline)}:`,
    n.appealUrl,
    '',
    'You may also use any other route to redress open to you, including out-of-court dispute settlement',
    'and the courts.',
  ].join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body>
<p>We have suspended your messaging account <strong>${escapeHtml(n.accountId)}</strong> (reference ${escapeHtml(n.suspensionId)}).</p>
<h2>What is restricted</h2>
<p>From ${escapeHtml(n.suspendedAt.toISOString())} the account is suspended and every message it sends is blocked, with no end date, until a reviewer decides otherwise.</p>
<h2>Why</h2>
<ul>${n.reasons.map((r) => `<li>${escapeHtml(r.message)} (${escapeHtml(r.code)})</li>`).join('')}</ul>
${facts ? `<p>${escapeHtml(facts)}</p>` : ''}${ground ? `<p>Ground: ${escapeHtml(ground)}</p>` : ''}
<h2>How this was decided</h2>
<p>The activity was detected and the decision taken by automated means, from signals about the account's recent messages and their delivery.</p>
<h2>Ask for a human review</h2>
<p>A person who took no part in this decision will review it if you ask, free of charge, until ${escapeHtml(day(n.appealDeadline))}:</p>
<p><a href="${escapeHtml(n.appealUrl)}">${escapeHtml(n.appealUrl)}</a></p>
<p>You may also use any other route to redress open to you, including out-of-court dispute settlement and the courts.</p>
</body></html>
`;
  return { kind: 'email', to: n.email, subject, text, html };
}

/** The webhook event: machine-readable, with the statement of reasons as stored. */
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
      createdAt: n.suspendedAt.toISOString(),
      data: {
        accountId: n.accountId,
        suspensionId: n.suspensionId,
        status: 'suspended',
        reasons: n.reasons.map((r) => ({ code: r.code, message: r.message })),
        appealUrl: n.appealUrl,
        appealDeadline: n.appealDeadline.toISOString(),
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
