import { and, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../database';
import { executeRows } from '../rawRows';
import { decisions } from '../schema';

/**
 * Decisions written within this long after the restriction still count as its evidence: the decision
 * log is written in batches, and the message that tipped the account over is logged a moment after
 * the suspension row.
 */
export const EVIDENCE_SLACK_MS = 60_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * A block that only repeats the suspension: the account was already suspended, so the model was not
 * asked and the reasons are ACCOUNT_SUSPENDED (and BLOCKLISTED) alone. Never evidence, never a model
 * score. The message that caused the suspension carries ACCOUNT_SUSPENDED too, but with its content
 * reasons, so it stays evidence.
 */
export function blockedWhileSuspended(reasons: SQL | typeof decisions.reasons = decisions.reasons): SQL {
  return sql`(${reasons} @> '[{"code":"ACCOUNT_SUSPENDED"}]'::jsonb and not exists (
    select 1 from jsonb_array_elements(${reasons}) as r(reason)
    where r.reason->>'code' not in ('ACCOUNT_SUSPENDED', 'BLOCKLISTED')))`;
}

/** The same test in TypeScript, for rows already read. */
export function isBlockedWhileSuspended(reasons: readonly { code: string }[]): boolean {
  return (
    reasons.some((r) => r.code === 'ACCOUNT_SUSPENDED') &&
    reasons.every((r) => r.code === 'ACCOUNT_SUSPENDED' || r.code === 'BLOCKLISTED')
  );
}

export interface EvidenceCountsRow {
  /** Messages scored in the window (blocks that only repeat a suspension excluded). */
  messages: number;
  blocked: number;
  review: number;
  reviewLastHour: number;
  allowed: number;
  blockedWhileSuspended: number;
  from: Date;
  to: Date;
}

/**
 * The counts behind a restriction: the account's decisions in the 24 hours up to `at` (plus the
 * write slack). The statement of reasons and the case page both read them here, so they cannot
 * disagree.
 */
export async function countEvidence(
  db: Db,
  input: { accountId: string; at: Date; slackMs?: number },
): Promise<EvidenceCountsRow> {
  const from = new Date(input.at.getTime() - DAY_MS);
  const to = new Date(input.at.getTime() + (input.slackMs ?? EVIDENCE_SLACK_MS));
  const hourAgo = new Date(input.at.getTime() - HOUR_MS);
  const bws = blockedWhileSuspended();
  const [row] = await executeRows<Record<string, number>>(
    db,
    sql`select
        (count(*) filter (where not ${bws}))::int as messages,
        (count(*) filter (where ${decisions.action} = 'block' and not ${bws}))::int as blocked,
        (count(*) filter (where ${decisions.action} = 'review'))::int as review,
        (count(*) filter (where ${decisions.action} = 'review' and ${decisions.decidedAt} >= ${hourAgo.toISOString()}::timestamptz))::int as review_last_hour,
        (count(*) filter (where ${decisions.action} = 'allow'))::int as allowed,
        (count(*) filter (where ${bws}))::int as blocked_while_suspended
      from ${decisions}
      where ${decisions.accountId} = ${input.accountId}
        and ${decisions.decidedAt} >= ${from.toISOString()}::timestamptz
        and ${decisions.decidedAt} <= ${to.toISOString()}::timestamptz`,
  );
  return {
    messages: Number(row?.messages ?? 0),
    blocked: Number(row?.blocked ?? 0),
    review: Number(row?.review ?? 0),
    reviewLastHour: Number(row?.review_last_hour ?? 0),
    allowed: Number(row?.allowed ?? 0),
    blockedWhileSuspended: Number(row?.blocked_while_suspended ?? 0),
    from,
    to,
  };
}

/** A decision as a reviewer or the holder is shown it: scores, reasons, the redacted excerpt. */
export interface EvidenceDecision {
  messageId: string;
  channel: string;
  score: number;
  action: string;
  reasons: { code: string; message: string; weight: number }[];
  excerpt: string | null;
  modelVersion: string;
  features: Record<string, unknown> | null;
  decidedAt: Date;
}

/** The columns of an `EvidenceDecision`, for a select from the decision log. */
export const evidenceColumns = {
  messageId: decisions.messageId,
  channel: decisions.channel,
  score: decisions.score,
  action: decisions.action,
  reasons: decisions.reasons,
  excerpt: decisions.excerpt,
  modelVersion: decisions.modelVersion,
  features: decisions.features,
  decidedAt: decisions.decidedAt,
};

export interface TimelineDecision extends EvidenceDecision {
  blockedWhileSuspended: boolean;
}

/** The account's decisions, newest first, each marked when it only repeats a suspension. */
export async function listAccountTimeline(
  db: Db,
  accountId: string,
  opts: { limit?: number; before?: Date } = {},
): Promise<TimelineDecision[]> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 1000);
  const rows = await db
    .select(evidenceColumns)
    .from(decisions)
    .where(
      and(eq(decisions.accountId, accountId), opts.before ? lt(decisions.decidedAt, opts.before) : undefined),
    )
    .orderBy(desc(decisions.decidedAt), desc(decisions.messageId))
    .limit(limit);
  return rows.map((r) => ({ ...r, blockedWhileSuspended: isBlockedWhileSuspended(r.reasons) }));
}
