import type { CaseSummary } from '@gavel/contracts';
import type { QueueRow } from '@gavel/db';

const DAY_MS = 86_400_000;

/** A queue row as the console shows it (also the summary inside every case answer). */
export function caseSummary(c: QueueRow, now: Date = new Date()): CaseSummary {
  return {
    id: c.id,
    kind: c.kind,
    status: c.status,
    priority: c.priority,
    accountId: c.accountId,
    suspensionId: c.suspensionId,
    openedAt: c.createdAt.toISOString(),
    dueAt: c.dueAt.toISOString(),
    overdue: c.status !== 'decided' && c.dueAt < now,
    assignee: c.assignee,
    claimExpiresAt: c.assignee && c.claimExpiresAt ? c.claimExpiresAt.toISOString() : null,
    outcome: c.outcome,
    version: c.version,
    accountStatus: c.accountStatus,
    openingScore: c.openingScore,
    topReason: c.topReason,
    accountAgeDays: c.accountFirstSeenAt
      ? Math.max(0, Math.round(((now.getTime() - c.accountFirstSeenAt.getTime()) / DAY_MS) * 10) / 10)
      : 0,
    accountMessages24h: c.accountMessages24h,
    dueInSeconds: Math.round((c.dueAt.getTime() - now.getTime()) / 1000),
    closedWith: c.closedWithCaseId ? { caseId: c.closedWithCaseId, kind: 'appeal' } : null,
  };
}
