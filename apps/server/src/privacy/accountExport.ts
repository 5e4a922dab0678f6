import type { AccountExport, ErasureView, KeptItem } from '@gavel/contracts';
import type { ErasureRow, AccountExport as StoredExport } from '@gavel/db';

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The signed appeal link in a notice is the holder's credential: an export hands over what was said,
 * not a working key to the appeal (the holder has it in the notice itself).
 */
function withoutAppealTokens(value: unknown): unknown {
  if (typeof value === 'string')
    return value.replace(/\/appeal\/[A-Za-z0-9._~-]+/g, '/appeal/[link removed]');
  if (Array.isArray(value)) return value.map(withoutAppealTokens);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutAppealTokens(v)]));
  return value;
}

export function erasureView(row: ErasureRow): ErasureView {
  return {
    id: row.id,
    requestedAt: iso(row.requestedAt),
    requestedBy: row.requestedBy,
    status: row.status,
    completedAt: isoOrNull(row.completedAt),
    kept: row.kept as unknown as KeptItem[],
  };
}

/** The stored rows as the export contract spells them: ISO times, no message bodies, no credentials. */
export function accountExportView(stored: StoredExport, erasures: ErasureRow[]): AccountExport {
  const holderAnswers = new Map<string, { body: string; at: string }[]>();
  for (const c of stored.cases)
    holderAnswers.set(
      c.id,
      c.messages.filter((m) => m.author === 'holder').map((m) => ({ body: m.body, at: iso(m.createdAt) })),
    );
  const a = stored.account;
  return {
    accountId: stored.accountId,
    exportedAt: iso(stored.exportedAt),
    account: a
      ? {
          id: a.id,
          status: a.status,
          risk: a.risk,
          allowlisted: a.allowlisted,
          blocklisted: a.blocklisted,
          noticeEmail: a.noticeEmail,
          webhookUrl: a.webhookUrl,
          firstSeenAt: iso(a.firstSeenAt),
          statusChangedAt: isoOrNull(a.statusChangedAt),
          createdAt: iso(a.createdAt),
          updatedAt: iso(a.updatedAt),
        }
      : null,
    statusChanges: stored.statusChanges.map((s) => ({
      id: s.id,
      fromStatus: s.fromStatus,
      toStatus: s.toStatus,
      cause: s.cause,
      actorId: s.actorId,
      caseId: s.caseId,
      suspensionId: s.suspensionId,
      reasons: s.reasons,
      at: iso(s.at),
    })),
    suspensions: stored.suspensions.map((s) => ({
      id: s.id,
      status: s.status,
      reasons: s.reasons,
      statement: s.statement,
      automatedDetection: s.automatedDetection,
      automatedDecision: s.automatedDecision,
      decidedBy: s.decidedBy,
      openedAt: iso(s.openedAt),
      closedAt: isoOrNull(s.closedAt),
      appealDeadline: iso(s.appealDeadline),
    })),
    decisions: stored.decisions.map((d) => ({
      messageId: d.messageId,
      channel: d.channel,
      score: d.score,
      action: d.action,
      reasons: d.reasons,
      accountStatus: d.accountStatus,
      accountRisk: d.accountRisk,
      modelVersion: d.modelVersion,
      policyVersion: d.policyVersion,
      bodyHash: d.bodyHash,
      excerpt: d.excerpt,
      features: d.features,
      degraded: d.degraded,
      decidedAt: iso(d.decidedAt),
    })),
    appeals: stored.appeals.map((p) => ({
      id: p.id,
      suspensionId: p.suspensionId,
      caseId: p.caseId,
      explanation: p.explanation,
      contactEmail: p.contactEmail,
      changes: p.changes,
      status: p.status,
      submittedAt: iso(p.submittedAt),
      decidedAt: isoOrNull(p.decidedAt),
      answers: holderAnswers.get(p.caseId) ?? [],
    })),
    cases: stored.cases.map((c) => ({
      id: c.id,
      kind: c.kind,
      status: c.status,
      suspensionId: c.suspensionId,
      outcome: c.outcome,
      rationale: c.rationale,
      decidedBy: c.decidedBy,
      decidedAt: isoOrNull(c.decidedAt),
      createdAt: iso(c.createdAt),
      dueAt: iso(c.dueAt),
      events: c.events.map((e) => ({
        id: e.id,
        type: e.type,
        actorType: e.actorType,
        actorId: e.actorId,
        data: e.data,
        at: iso(e.at),
      })),
      messages: c.messages.map((m) => ({ id: m.id, author: m.author, body: m.body, at: iso(m.createdAt) })),
    })),
    notices: stored.notices.map((n) => ({
      id: n.id,
      topic: n.topic,
      status: n.status,
      payload: withoutAppealTokens(n.payload) as Record<string, unknown>,
      createdAt: iso(n.createdAt),
      sentAt: isoOrNull(n.sentAt),
    })),
    labels: stored.labels.map((l) => ({
      id: l.id,
      messageId: l.messageId,
      caseId: l.caseId,
      suspensionId: l.suspensionId,
      label: l.label,
      modelVersion: l.modelVersion,
      features: l.features,
      createdAt: iso(l.createdAt),
    })),
    erasures: erasures.map(erasureView),
  };
}
