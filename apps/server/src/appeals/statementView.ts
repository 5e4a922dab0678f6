import type { PlainStatement } from '@gavel/contracts';
import type { Suspension } from '@gavel/db';

const sentence = (s: string) => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/**
 * The statement of reasons in plain language, from the suspension row: its reasons (already human
 * sentences) and the DSA fields stored with it at suspension time. Nothing is recomputed, so the
 * holder reads what was decided then, not what today's policy would say.
 */
export function plainStatement(suspension: Suspension): PlainStatement {
  const s = suspension.statement;
  const endDate = text(s.end_date_account_restriction);
  const ground = text(s.incompatible_content_ground);
  const terms = text(s.terms_url);
  return {
    restriction:
      'Your account is suspended: every message it sends is blocked and is not delivered to its recipients.',
    scope: `The whole account ${suspension.accountId}, on every channel (SMS, MMS, WhatsApp and email)${
      text(s.territorial_scope) || Array.isArray(s.territorial_scope)
        ? ', in every country where we operate'
        : ''
    }.`,
    since: suspension.openedAt.toISOString(),
    duration: endDate
      ? `Until ${endDate.slice(0, 10)}, unless a reviewer lifts it earlier.`
      : 'No end date: the suspension lasts until a reviewer lifts it, for example after your appeal.',
    facts:
      text(s.decision_facts) ??
      "Automated checks of the account's recent messages and their delivery found signs of spam, fraud or abuse.",
    reasons: suspension.reasons.map((r) => ({ code: r.code, message: r.message })),
    ground: [
      sentence(
        ground ??
          'Our acceptable use policy forbids sending spam, scams and other abusive or fraudulent messages',
      ),
      terms ? `Read it at ${terms}.` : '',
    ]
      .filter(Boolean)
      .join(' '),
    automatedDetection: suspension.automatedDetection,
    automatedDecision: suspension.automatedDecision,
    howToAppeal:
      'Use the form on this page to ask for a human review. A member of our trust and safety team who took no part in the original decision will look at your appeal and the evidence.',
    appealBy: suspension.appealDeadline.toISOString(),
    otherRedress: [
      'You may refer the decision to a certified out-of-court dispute settlement body.',
      'You may bring the matter before a court.',
      'You may lodge a complaint with the Digital Services Coordinator of your country.',
    ],
  };
}

/** The DSA Transparency Database form of the same statement (stored at suspension time). */
export function dsaStatement(suspension: Suspension): Record<string, unknown> {
  return { ...suspension.statement, puid: suspension.statement.puid ?? suspension.id };
}
