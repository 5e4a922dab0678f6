import type { CaseSummary } from '@gavel/contracts';
import type { CaseWithAssignee } from '@gavel/db';

export function caseSummary(c: CaseWithAssignee, now: Date = new Date()): CaseSummary {
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
  };
}
