import type { CaseActionBody, CaseActionType } from '@gavel/contracts';
import {
  addCaseMessage,
  appendCaseEvent,
  type CaseRow,
  closeLinkedFlaggedCases,
  type Db,
  type EvidenceDecision,
  getAppealByCase,
  getSuspension,
  insertOutcomeLabels,
  listSuspensionEvidence,
  type Reviewer,
  reviewerNames,
  type StoredReason,
  setAppealStatusForCase,
  updateLockedCase,
  withLockedCase,
} from '@gavel/db';
import {
  type EnforcementEffects,
  type EnforcementService,
  mergeEffects,
  NO_EFFECTS,
} from '../enforcement/enforcement.service';
import { distinctExamples } from '../enforcement/suspensionRecord';
import { ProblemError } from '../problem';
import { actionRefusal } from './casePermissions';
import { caseNotFound } from './cases.service';

export interface CaseActionDeps {
  db: Db;
  /** Every change to an account (reinstate, suspend) and every notice goes through it. */
  enforcement: EnforcementService;
  /** After a decision: erasures this case held back run their follow-up now (privacy/). */
  afterDecision?: () => Promise<unknown>;
}

export interface CaseActionResult {
  caseId: string;
  type: CaseActionType;
  reinstatedAccountId: string | null;
  suspendedAccountId: string | null;
}

/** The reasons a reviewer's suspension names: the strongest of the evidence. */
const SUSPENSION_REASONS = 5;
/** Examples a reviewer's statement of reasons quotes. */
const SUSPENSION_EXAMPLES = 3;

/**
 * reinstate | uphold | escalate | ask | note. Each runs in one transaction with the case row locked;
 * the rules (claim holder, lead-only escalations, independence from the original decision) are
 * checked again under that lock, so of two reviewers acting at once exactly one wins and the other
 * gets a 409. Nothing here runs without a signed-in reviewer: no code path decides an appeal alone.
 */
export class CaseActionService {
  constructor(private readonly deps: CaseActionDeps) {}

  async act(
    reviewer: Reviewer,
    caseId: string,
    body: CaseActionBody,
    now: Date = new Date(),
  ): Promise<CaseActionResult> {
    const rationale = body.rationale.trim();
    if (!rationale) {
      throw new ProblemError(400, 'INVALID_BODY', 'A rationale is required.', [
        { path: '/rationale', message: 'is empty' },
      ]);
    }
    const question = body.question?.trim() ?? '';
    if (body.type === 'ask' && !question) {
      throw new ProblemError(400, 'INVALID_BODY', 'Write the question for the holder.', [
        { path: '/question', message: 'is required to ask' },
      ]);
    }
    const result = await withLockedCase(this.deps.db, caseId, async (tx, locked) => {
      if (body.version !== undefined && body.version !== locked.version) {
        throw new ProblemError(
          409,
          'CONFLICT',
          'Someone else changed this case while you were reading it. Reload it to see what changed.',
        );
      }
      const live = await this.withLiveAssignee(tx, locked, now);
      const suspension = locked.suspensionId ? await getSuspension(tx, locked.suspensionId) : null;
      const refusal = actionRefusal(body.type, live, reviewer, suspension);
      if (refusal)
        throw new ProblemError(
          refusal.status,
          refusal.status === 409 ? 'CONFLICT' : 'FORBIDDEN',
          refusal.detail,
        );
      const actor = { actorType: 'reviewer' as const, actorId: reviewer.id, at: now };
      const none = { effects: NO_EFFECTS, reinstated: null, suspended: null };

      switch (body.type) {
        case 'note':
          await appendCaseEvent(tx, { caseId, type: 'noted', ...actor, data: { rationale } });
          return none;
        case 'escalate':
          // Back to the queue for a lead: the claim ends with the escalation.
          await updateLockedCase(
            tx,
            locked,
            { status: 'escalated', assigneeId: null, claimedAt: null, claimExpiresAt: null },
            now,
          );
          await appendCaseEvent(tx, { caseId, type: 'escalated', ...actor, data: { rationale } });
          return none;
        case 'ask': {
          await updateLockedCase(tx, locked, { status: 'awaiting_info' }, now);
          await setAppealStatusForCase(tx, caseId, 'info_requested', now);
          const messageId = await addCaseMessage(tx, {
            caseId,
            author: 'reviewer',
            authorId: reviewer.id,
            body: question,
            at: now,
          });
          await appendCaseEvent(tx, {
            caseId,
            type: 'asked',
            ...actor,
            data: { rationale, message: messageId },
          });
          return none;
        }
        case 'reinstate':
        case 'uphold':
          return this.decide(tx, locked, suspension, reviewer, body.type === 'reinstate', rationale, now);
      }
    });
    if (!result) throw caseNotFound();
    await this.deps.enforcement.apply(result.effects);
    if (body.type === 'reinstate' || body.type === 'uphold') await this.deps.afterDecision?.();
    return {
      caseId,
      type: body.type,
      reinstatedAccountId: result.reinstated,
      suspendedAccountId: result.suspended,
    };
  }

  /** Reinstate or uphold, under the case lock: the case, the account, the labels and the notices. */
  private async decide(
    tx: Db,
    locked: CaseRow,
    suspension: Awaited<ReturnType<typeof getSuspension>>,
    reviewer: Reviewer,
    reinstate: boolean,
    rationale: string,
    now: Date,
  ): Promise<{ effects: EnforcementEffects; reinstated: string | null; suspended: string | null }> {
    const { enforcement } = this.deps;
    const caseId = locked.id;
    const outcome =
      locked.kind === 'appeal' ? (reinstate ? 'reinstated' : 'upheld') : reinstate ? 'cleared' : 'suspended';
    await updateLockedCase(
      tx,
      locked,
      {
        status: 'decided',
        outcome,
        rationale,
        decidedBy: reviewer.id,
        decidedAt: now,
        assigneeId: null,
        claimedAt: null,
        claimExpiresAt: null,
      },
      now,
    );
    if (locked.kind === 'appeal') await setAppealStatusForCase(tx, caseId, 'decided', now);
    const effects: EnforcementEffects[] = [];
    if (reinstate) {
      effects.push(
        await enforcement.reinstateInCase(tx, {
          accountId: locked.accountId,
          suspension,
          caseId,
          reviewerId: reviewer.id,
          onlyFromFlagged: locked.kind !== 'appeal',
          at: now,
        }),
      );
    }
    const evidence = await listSuspensionEvidence(tx, {
      accountId: locked.accountId,
      openedAt: suspension?.openedAt ?? locked.createdAt,
    });
    await insertOutcomeLabels(tx, {
      caseId,
      accountId: locked.accountId,
      suspensionId: suspension?.id ?? null,
      label: reinstate ? 'overturned' : 'upheld',
      evidence,
    });
    // Upholding a flag suspends the account: a human decision, with its own statement, notice and
    // appeal link. The deciding reviewer becomes suspensions.decided_by, so a colleague decides any
    // appeal against it.
    if (locked.kind === 'flagged' && !reinstate) {
      effects.push(
        await enforcement.suspendInCase(tx, {
          accountId: locked.accountId,
          caseId,
          reviewerId: reviewer.id,
          rationale,
          reasons: strongestReasons(evidence.flatMap((e) => e.reasons)),
          channel: dominantChannel(evidence),
          examples: distinctExamples(evidence.map((e) => e.excerpt)).slice(0, SUSPENSION_EXAMPLES),
          at: now,
        }),
      );
    }
    if (locked.kind === 'appeal') {
      // The appeal settles the restriction: the flag that led to the suspension must not stay open, or
      // a stale "uphold" on it could suspend a reinstated account again.
      await closeLinkedFlaggedCases(tx, {
        accountId: locked.accountId,
        decidedCaseId: caseId,
        outcome: reinstate ? 'cleared' : 'suspended',
        rationale: `Closed with the appeal's decision (${outcome}, case ${caseId}): ${rationale}`,
        decidedBy: reviewer.id,
        at: now,
      });
    }
    if (locked.kind === 'appeal' && suspension) {
      const appeal = await getAppealByCase(tx, caseId);
      effects.push(
        await enforcement.notifyAppealOutcomeInCase(tx, {
          accountId: locked.accountId,
          suspensionId: suspension.id,
          caseId,
          appealReference: appeal?.id ?? caseId,
          outcome: reinstate ? 'reinstated' : 'upheld',
          rationale,
          contactEmail: appeal?.contactEmail ?? null,
          at: now,
        }),
      );
    }
    await appendCaseEvent(tx, {
      caseId,
      type: 'decided',
      actorType: 'reviewer',
      actorId: reviewer.id,
      at: now,
      data: { outcome, rationale },
    });
    const merged = mergeEffects(...effects);
    return {
      effects: merged,
      reinstated: merged.status?.to === 'active' ? locked.accountId : null,
      suspended: merged.status?.to === 'suspended' && merged.noticesEnqueued ? locked.accountId : null,
    };
  }

  /** The locked row with its live assignee (an expired claim holds nothing). */
  private async withLiveAssignee(tx: Db, locked: CaseRow, now: Date) {
    const live = locked.assigneeId !== null && locked.claimExpiresAt !== null && locked.claimExpiresAt > now;
    if (!live || !locked.assigneeId) return { ...locked, assignee: null };
    const names = await reviewerNames(tx, [locked.assigneeId]);
    return {
      ...locked,
      assignee: {
        id: locked.assigneeId,
        name: names.get(locked.assigneeId) ?? 'another reviewer',
        email: '',
      },
    };
  }
}

/** The channel most of the evidence was sent on (the statement names it), or null without evidence. */
function dominantChannel(evidence: readonly Pick<EvidenceDecision, 'channel'>[]): string | null {
  const counts = new Map<string, number>();
  for (const e of evidence) counts.set(e.channel, (counts.get(e.channel) ?? 0) + 1);
  return [...counts.entries()].sort((x, y) => y[1] - x[1])[0]?.[0] ?? null;
}

function strongestReasons(reasons: StoredReason[]): StoredReason[] {
  const byCode = new Map<string, StoredReason>();
  for (const r of reasons) {
    if (r.code === 'ACCOUNT_SUSPENDED') continue;
    const seen = byCode.get(r.code);
    if (!seen || r.weight > seen.weight)
      byCode.set(r.code, { code: r.code, message: r.message, weight: r.weight });
  }
  return [...byCode.values()].sort((a, b) => b.weight - a.weight).slice(0, SUSPENSION_REASONS);
}
