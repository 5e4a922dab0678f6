import type { AccountPage, DecisionPage, DecisionPageQuery } from '@gavel/contracts';
import {
  accountDecisionCounts,
  type Db,
  getAccount,
  listAccountErasures,
  listAccountNotices,
  listAccountStatusChanges,
  listAccountSuspensions,
  listAccountTimeline,
  listQueue,
  type Reviewer,
  reviewerNames,
  type TimelineDecision,
} from '@gavel/db';
import { caseSummary } from '../cases/caseView';
import { ProblemError } from '../problem';
import { signalViews } from './signalLabels';
import { statusChangeView } from './statusHistory';

const DAY_MS = 86_400_000;
const FIRST_PAGE = 50;

function decisionPage(rows: TimelineDecision[], limit: number): DecisionPage {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    decisions: page.map((d) => ({
      messageId: d.messageId,
      at: d.decidedAt.toISOString(),
      channel: d.channel,
      action: d.action,
      score: d.blockedWhileSuspended ? null : d.score,
      blockedWhileSuspended: d.blockedWhileSuspended,
      reasons: d.reasons.map((r) => ({ code: r.code, message: r.message, weight: r.weight })),
      modelVersion: d.modelVersion,
      excerpt: d.excerpt,
    })),
    nextBefore: rows.length > limit && last ? last.decidedAt.toISOString() : null,
  };
}

/** The reviewer's account page: standing and its history, every case, the decision timeline, signals, notices. */
export class AccountPageService {
  constructor(private readonly db: Db) {}

  async page(reviewer: Reviewer, accountId: string, now = new Date()): Promise<AccountPage> {
    const { db } = this;
    const [account, counts, history, suspensions, accountCases, timeline, notices, erasures] =
      await Promise.all([
        getAccount(db, accountId),
        accountDecisionCounts(db, accountId),
        listAccountStatusChanges(db, accountId),
        listAccountSuspensions(db, accountId),
        listQueue(db, { accountId, status: 'all', sort: '-opened', now }),
        listAccountTimeline(db, accountId, { limit: FIRST_PAGE + 1 }),
        listAccountNotices(db, accountId),
        listAccountErasures(db, accountId),
      ]);
    // An erased account stays findable (its erasure is on record) even when nothing else is left.
    if (!account && counts.total === 0 && erasures.length === 0)
      throw new ProblemError(404, 'NOT_FOUND', 'No account with this id is known.');
    const names = await reviewerNames(
      db,
      history.map((h) => h.actorId).filter((id): id is string => Boolean(id)),
    );
    const firstSeen = account?.firstSeenAt ?? timeline[timeline.length - 1]?.decidedAt ?? now;
    const pending = erasures.filter((e) => e.status === 'pending').pop();
    return {
      account: {
        id: accountId,
        status: account?.status ?? 'active',
        risk: account?.risk ?? 0,
        allowlisted: account?.allowlisted ?? false,
        blocklisted: account?.blocklisted ?? false,
        firstSeenAt: firstSeen.toISOString(),
        ageDays: Math.max(0, Math.round(((now.getTime() - firstSeen.getTime()) / DAY_MS) * 10) / 10),
        messageCount: counts.total,
        blockedCount: counts.blocked,
        blockedWhileSuspendedCount: counts.blockedWhileSuspended,
      },
      statusHistory: history.map((h) => ({ ...statusChangeView(h, names), caseId: h.caseId })),
      suspensions: suspensions.map((s) => ({
        id: s.id,
        status: s.status,
        suspendedAt: s.openedAt.toISOString(),
        closedAt: s.closedAt ? s.closedAt.toISOString() : null,
        automatedDecision: s.automatedDecision,
        reasons: s.reasons.map((r) => ({ code: r.code, message: r.message, weight: r.weight })),
      })),
      cases: accountCases.map((c) => caseSummary(c, now)),
      decisions: decisionPage(timeline, FIRST_PAGE),
      signals: signalViews(timeline[0]?.features ?? null),
      notices: notices.map((n) => ({
        id: String(n.id),
        topic: n.topic,
        kind: n.kind,
        status: n.status,
        createdAt: n.createdAt.toISOString(),
        sentAt: n.sentAt ? n.sentAt.toISOString() : null,
      })),
      pendingErasure: pending
        ? {
            id: pending.id,
            requestedAt: pending.requestedAt.toISOString(),
            heldCaseIds: (pending.kept as { caseId?: unknown }[])
              .map((k) => k.caseId)
              .filter((id): id is string => typeof id === 'string'),
          }
        : null,
      canManagePrivacy: reviewer.role === 'admin',
    };
  }

  /** Older pages of the decision timeline. */
  async decisions(accountId: string, query: DecisionPageQuery): Promise<DecisionPage> {
    const limit = query.limit ?? FIRST_PAGE;
    const rows = await listAccountTimeline(this.db, accountId, {
      limit: limit + 1,
      ...(query.before ? { before: new Date(query.before) } : {}),
    });
    return decisionPage(rows, limit);
  }
}
