import type { CaseDetail, CaseListQuery, CaseSummary, Dashboard, EvidenceCounts } from '@gavel/contracts';
import {
  accountDecisionCounts,
  type CaseRow,
  claimCase,
  claimNextCase,
  countEvidence,
  type Db,
  type EvidenceCountsRow,
  extendCaseClaim,
  getAccount,
  getAppealByCase,
  getCase,
  getSuspension,
  latestAccountDecision,
  listAccountStatusChanges,
  listAccountTimeline,
  listCaseEvents,
  listCaseMessages,
  listQueue,
  listSuspensionEvidence,
  type QueueSort,
  type Reviewer,
  releaseCase,
  reviewDashboard,
  reviewerNames,
  type StoredReason,
} from '@gavel/db';
import { statusChangeView } from '../accounts/statusHistory';
import { ProblemError } from '../problem';
import { allowedActions, isLead } from './casePermissions';
import { caseSummary } from './caseView';

export interface CaseServiceOptions {
  claimTtlMinutes: number;
  /** Live claims one reviewer may hold (409 CLAIM_LIMIT_REACHED past it). */
  maxClaimsPerReviewer: number;
}

const DAY_MS = 86_400_000;
const SCORE_POINTS = 300;
const SAMPLES = 6;
const TOP_REASONS = 8;

export function caseNotFound(): ProblemError {
  return new ProblemError(404, 'NOT_FOUND', 'No such case.');
}

/** The queue, claims and the case page. Actions live in CaseActionService. */
export class CaseService {
  constructor(
    private readonly db: Db,
    private readonly opts: CaseServiceOptions,
  ) {}

  private get ttlMs(): number {
    return this.opts.claimTtlMinutes * 60_000;
  }

  async list(reviewer: Reviewer, query: CaseListQuery, now: Date = new Date()): Promise<CaseSummary[]> {
    const assigneeId = query.assignee === 'me' ? reviewer.id : query.assignee || undefined;
    const rows = await listQueue(this.db, {
      kind: query.kind,
      status: query.status,
      assigneeId,
      overdue: query.overdue,
      accountId: query.accountId,
      reason: query.reason,
      minScore: query.minScore,
      sort: query.sort as QueueSort | undefined,
      limit: query.limit,
      now,
    });
    return rows.map((c) => caseSummary(c, now));
  }

  async claimNext(reviewer: Reviewer, now: Date = new Date()): Promise<CaseSummary | null> {
    const claimed = await claimNextCase(this.db, {
      reviewerId: reviewer.id,
      ttlMs: this.ttlMs,
      includeEscalated: isLead(reviewer),
      maxClaims: this.opts.maxClaimsPerReviewer,
      now,
    });
    return claimed ? this.summary(claimed.id, now) : null;
  }

  async claim(reviewer: Reviewer, caseId: string, now: Date = new Date()): Promise<CaseSummary> {
    const claimed = await claimCase(this.db, caseId, {
      reviewerId: reviewer.id,
      ttlMs: this.ttlMs,
      includeEscalated: isLead(reviewer),
      maxClaims: this.opts.maxClaimsPerReviewer,
      now,
    });
    if (claimed) return this.summary(caseId, now);
    const current = await getCase(this.db, caseId, now);
    if (!current) throw caseNotFound();
    if (current.status === 'decided')
      throw new ProblemError(409, 'CASE_ALREADY_DECIDED', 'This case is already decided.');
    if (current.assignee)
      throw new ProblemError(409, 'CASE_HELD_BY_OTHER', `${current.assignee.name} already holds this case.`);
    throw new ProblemError(403, 'FORBIDDEN', 'Only a lead can take an escalated case.');
  }

  async extend(reviewer: Reviewer, caseId: string, now: Date = new Date()): Promise<CaseSummary> {
    const row = await extendCaseClaim(this.db, caseId, { reviewerId: reviewer.id, ttlMs: this.ttlMs, now });
    if (!row)
      await this.refuseClaimChange(caseId, now, 'You do not hold this case, so you cannot extend the claim.');
    return this.summary(caseId, now);
  }

  async release(reviewer: Reviewer, caseId: string, now: Date = new Date()): Promise<CaseSummary> {
    const row = await releaseCase(this.db, caseId, { reviewerId: reviewer.id, force: isLead(reviewer), now });
    if (!row) await this.refuseClaimChange(caseId, now, 'You do not hold this case.');
    return this.summary(caseId, now);
  }

  private async refuseClaimChange(caseId: string, now: Date, detail: string): Promise<never> {
    const current = await getCase(this.db, caseId, now);
    if (!current) throw caseNotFound();
    throw new ProblemError(409, 'CASE_NOT_HELD', detail);
  }

  async summary(caseId: string, now: Date = new Date()): Promise<CaseSummary> {
    const [c] = await listQueue(this.db, { caseId, status: 'all', now });
    if (!c) throw caseNotFound();
    return caseSummary(c, now);
  }

  /** Everything the case page shows, in one answer. */
  async detail(reviewer: Reviewer, caseId: string, now: Date = new Date()): Promise<CaseDetail> {
    const c = await getCase(this.db, caseId, now);
    if (!c) throw caseNotFound();
    const suspension = c.suspensionId ? await getSuspension(this.db, c.suspensionId) : null;
    const evidenceAnchor = suspension ? suspension.openedAt : c.createdAt;
    const [
      account,
      counts,
      history,
      timeline,
      evidence,
      evidenceCounts,
      appeal,
      messages,
      accountCases,
      events,
      latest,
    ] = await Promise.all([
      getAccount(this.db, c.accountId),
      accountDecisionCounts(this.db, c.accountId),
      listAccountStatusChanges(this.db, c.accountId),
      listAccountTimeline(this.db, c.accountId, { limit: SCORE_POINTS }),
      listSuspensionEvidence(this.db, { accountId: c.accountId, openedAt: evidenceAnchor }, { limit: 200 }),
      countEvidence(this.db, { accountId: c.accountId, at: evidenceAnchor }),
      getAppealByCase(this.db, c.id),
      listCaseMessages(this.db, c.id),
      listQueue(this.db, { accountId: c.accountId, status: 'all', sort: 'opened', now }),
      listCaseEvents(this.db, c.id),
      latestAccountDecision(this.db, c.accountId),
    ]);
    const self = accountCases.find((x) => x.id === c.id);
    if (!self) throw caseNotFound();
    const names = await reviewerNames(this.db, [
      ...events.map((e) => e.actorId).filter((id): id is string => Boolean(id)),
      ...history.map((h) => h.actorId).filter((id): id is string => Boolean(id)),
      ...(latest?.decidedBy ? [latest.decidedBy] : []),
    ]);
    const actorName = (type: string, id: string | null) =>
      type === 'system' || (type === 'automated' && !id)
        ? 'Gavel (automated)'
        : type === 'holder'
          ? 'Account holder'
          : ((id && names.get(id)) ?? 'a reviewer');
    const latestEvidence = [...evidence].sort((a, b) => b.decidedAt.getTime() - a.decidedAt.getTime())[0];
    return {
      case: caseSummary(self, now),
      account: {
        id: c.accountId,
        status: account?.status ?? 'active',
        risk: account?.risk ?? 0,
        createdAt: (account?.firstSeenAt ?? c.createdAt).toISOString(),
        ageDays: account ? Math.max(0, (now.getTime() - account.firstSeenAt.getTime()) / DAY_MS) : 0,
        messageCount: counts.total,
        blockedCount: counts.blocked,
        blockedWhileSuspendedCount: counts.blockedWhileSuspended,
        statusHistory: history.map((h) => statusChangeView(h, names)),
      },
      suspension: suspension
        ? {
            id: suspension.id,
            status: suspension.status,
            suspendedAt: suspension.openedAt.toISOString(),
            decidedBy: suspension.decidedBy ? (names.get(suspension.decidedBy) ?? 'a reviewer') : null,
          }
        : null,
      scores: timeline
        .filter((d) => !d.blockedWhileSuspended)
        .map((d) => ({
          messageId: d.messageId,
          at: d.decidedAt.toISOString(),
          score: d.score,
          action: d.action,
        }))
        .reverse(),
      blockedWhileSuspended: {
        count: counts.blockedWhileSuspended,
        points: timeline
          .filter((d) => d.blockedWhileSuspended)
          .map((d) => ({ messageId: d.messageId, at: d.decidedAt.toISOString() }))
          .reverse(),
      },
      evidenceCounts: evidenceCountsView(evidenceCounts),
      latestDecision: latestDecisionView(latest, names),
      openCases: accountCases
        .filter((x) => x.id !== c.id && x.status !== 'decided')
        .map((x) => caseSummary(x, now)),
      topReasons: topReasons(evidence.flatMap((e) => e.reasons)),
      signalsAtDecision: signalSnapshot(latestEvidence?.features ?? null),
      samples: evidence
        .filter((e) => e.excerpt)
        .slice(0, SAMPLES)
        .map((e) => ({
          messageId: e.messageId,
          at: e.decidedAt.toISOString(),
          score: e.score,
          action: e.action,
          excerpt: e.excerpt ?? '',
          reasons: e.reasons.map((r) => ({ code: r.code, message: r.message, weight: r.weight })),
        })),
      appeal: appeal
        ? {
            reference: appeal.id,
            status: appeal.status,
            explanation: appeal.explanation,
            changes: appeal.changes,
            contactEmail: appeal.contactEmail ?? '(erased)',
            submittedAt: appeal.submittedAt.toISOString(),
          }
        : null,
      messages: messages.map((m) => ({
        id: String(m.id),
        author: m.author,
        body: m.body,
        at: m.createdAt.toISOString(),
      })),
      earlierCases: accountCases
        .filter((e) => e.id !== c.id && e.createdAt <= c.createdAt)
        .map((e) => caseSummary(e, now)),
      events: events.map((e) => ({
        id: String(e.id),
        type: e.type,
        actor: actorName(e.actorType, e.actorId),
        at: e.at.toISOString(),
        detail: eventDetail(e.data),
      })),
      allowedActions: allowedActions(c, reviewer, suspension),
    };
  }

  async dashboard(now: Date = new Date()): Promise<Dashboard> {
    const data = await reviewDashboard(this.db, { now });
    const withRate = (rows: { key: string; decided: number; overturned: number }[]) =>
      rows.map((r) => ({ ...r, rate: r.decided > 0 ? r.overturned / r.decided : 0 }));
    return {
      ...data,
      overturnByReason: withRate(data.overturnByReason),
      overturnByModel: withRate(data.overturnByModel),
    };
  }
}

export function evidenceCountsView(c: EvidenceCountsRow): EvidenceCounts {
  return {
    messages: c.messages,
    blocked: c.blocked,
    review: c.review,
    reviewLastHour: c.reviewLastHour,
    allowed: c.allowed,
    blockedWhileSuspended: c.blockedWhileSuspended,
    from: c.from.toISOString(),
    to: c.to.toISOString(),
  };
}

function latestDecisionView(
  latest: CaseRow | null,
  names: Map<string, string>,
): CaseDetail['latestDecision'] {
  if (!latest?.outcome || !latest.decidedAt) return null;
  return {
    caseId: latest.id,
    kind: latest.kind,
    outcome: latest.outcome,
    decidedAt: latest.decidedAt.toISOString(),
    decidedBy: (latest.decidedBy && names.get(latest.decidedBy)) ?? 'a reviewer',
    rationale: latest.rationale ?? '',
  };
}

/** Reasons across the evidence, ranked by how often and how strongly they fired (mean weight shown). */
function topReasons(reasons: StoredReason[]): { code: string; message: string; weight: number }[] {
  const byCode = new Map<string, { message: string; total: number; n: number }>();
  for (const r of reasons) {
    if (r.code === 'ACCOUNT_SUSPENDED') continue;
    const entry = byCode.get(r.code) ?? { message: r.message, total: 0, n: 0 };
    entry.total += Number.isFinite(r.weight) ? r.weight : 0;
    entry.n += 1;
    byCode.set(r.code, entry);
  }
  return [...byCode.entries()]
    .sort((a, b) => b[1].total - a[1].total)
    .slice(0, TOP_REASONS)
    .map(([code, e]) => ({ code, message: e.message, weight: e.n > 0 ? e.total / e.n : 0 }));
}

/**
 * The account signals recorded with the decision. The snapshot keeps them under `signals` when the
 * writer nests them; otherwise its scalar fields are the signals.
 */
function signalSnapshot(features: Record<string, unknown> | null): Record<string, unknown> {
  if (!features) return {};
  const nested = features.signals;
  const source =
    nested && typeof nested === 'object' && !Array.isArray(nested)
      ? (nested as Record<string, unknown>)
      : features;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      typeof value === 'string' ||
      value === null
    )
      out[key] = value;
  }
  return out;
}

/** The audit line's detail: only the fields meant for display (never personal data: see case_events). */
function eventDetail(data: Record<string, unknown>): string | null {
  const parts: string[] = [];
  if (typeof data.outcome === 'string') parts.push(data.outcome);
  if (typeof data.rationale === 'string') parts.push(data.rationale);
  if (typeof data.kind === 'string') parts.push(data.kind);
  if (typeof data.until === 'string') parts.push(`until ${data.until.slice(0, 16).replace('T', ' ')} UTC`);
  return parts.length ? parts.join(': ') : null;
}
