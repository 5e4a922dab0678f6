import type { CaseActionBody, CaseActionType } from '@gavel/contracts';
import {
  addCaseMessage,
  appendCaseEvent,
  type CaseRow,
  changeAccountStatus,
  type Db,
  enqueueOutbox,
  getAccount,
  getAppealByCase,
  getSuspension,
  insertOutcomeLabels,
  liftSuspension,
  listSuspensionEvidence,
  newId,
  type Reviewer,
  reviewerNames,
  type StoredReason,
  setAppealStatusForCase,
  suspendAccount,
  updateLockedCase,
  withLockedCase,
} from '@gavel/db';
import type { Policy } from '@gavel/policy';
import { APPEAL_TOKEN_VALIDITY_MS, appealLink, signAppealToken } from '../notices/appealToken';
import { buildStatementOfReasons } from '../notices/statementOfReasons';
import { noticeAddress, suspensionNoticeRows } from '../notices/suspensionNotice';
import { ProblemError } from '../problem';
import { actionRefusal } from './casePermissions';
import { caseNotFound } from './cases.service';
import { outcomeNoticeRows } from './outcomeNotice';

export interface CaseActionDeps {
  db: Db;
  publicUrl: string;
  secret: string;
  mailFrom: string;
  /** For the statement of reasons when a reviewer suspends a flagged account. */
  policy: Policy;
  /**
   * Runs after a reinstatement commits: the signal store (and this replica's account cache) must say
   * 'active' at once, so the account's next /v1/score allows.
   */
  onReinstated: (accountId: string) => Promise<void>;
  /** Runs after a reviewer suspends a flagged account: the scoring path must block it at once. */
  onSuspended: (accountId: string) => Promise<void>;
  /** Nudges the outbox worker when it runs in this process. */
  onOutboxRows?: () => void;
}

export interface CaseActionResult {
  caseId: string;
  type: CaseActionType;
  reinstatedAccountId: string | null;
  suspendedAccountId: string | null;
}

const DAY_MS = 86_400_000;
/** The reasons a reviewer's suspension names: the strongest of the evidence. */
const SUSPENSION_REASONS = 5;

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
    let outboxWritten = false;
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

      switch (body.type) {
        case 'note':
          await appendCaseEvent(tx, { caseId, type: 'noted', ...actor, data: { rationale } });
          return { reinstated: null, suspended: null };
        case 'escalate':
          // Back to the queue for a lead: the claim ends with the escalation.
          await updateLockedCase(
            tx,
            locked,
            { status: 'escalated', assigneeId: null, claimedAt: null, claimExpiresAt: null },
            now,
          );
          await appendCaseEvent(tx, { caseId, type: 'escalated', ...actor, data: { rationale } });
          return { reinstated: null, suspended: null };
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
          return { reinstated: null, suspended: null };
        }
        case 'reinstate':
        case 'uphold': {
          const reinstate = body.type === 'reinstate';
          const outcome =
            locked.kind === 'appeal'
              ? reinstate
                ? 'reinstated'
                : 'upheld'
              : reinstate
                ? 'cleared'
                : 'suspended';
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
          let reactivated = false;
          if (reinstate) {
            if (suspension) await liftSuspension(tx, suspension.id, now);
            const change = await changeAccountStatus(tx, {
              accountId: locked.accountId,
              to: 'active',
              cause: 'reviewer',
              actorId: reviewer.id,
              caseId,
              suspensionId: suspension?.id ?? null,
              // Clearing a flagged case never lifts a suspension: only its appeal can.
              expectedFrom: locked.kind === 'appeal' ? undefined : 'flagged',
              risk: 0,
              at: now,
            });
            reactivated = change !== null || locked.kind === 'appeal';
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
          // Upholding a flag suspends the account: a human decision, with its own statement, notice
          // and appeal link. The deciding reviewer becomes suspensions.decided_by, so a colleague
          // decides any appeal against it.
          let suspendedHere = false;
          if (locked.kind === 'flagged' && !reinstate) {
            suspendedHere = await this.suspendFlaggedAccount(tx, locked, reviewer, rationale, evidence, now);
          }
          if (locked.kind === 'appeal' && suspension) {
            const appeal = await getAppealByCase(tx, caseId);
            const account = await getAccount(tx, locked.accountId);
            const token = signAppealToken(
              {
                suspensionId: suspension.id,
                accountId: locked.accountId,
                expiresAt: new Date(now.getTime() + APPEAL_TOKEN_VALIDITY_MS),
              },
              this.deps.secret,
            );
            const rows = outcomeNoticeRows({
              accountId: locked.accountId,
              suspensionId: suspension.id,
              caseId,
              appealReference: appeal?.id ?? caseId,
              outcome: reinstate ? 'reinstated' : 'upheld',
              rationale,
              decidedAt: now,
              statusUrl: appealLink(this.deps.publicUrl, token),
              email: appeal?.contactEmail ?? account?.noticeEmail ?? null,
              webhookUrl: account?.webhookUrl ?? null,
            });
            outboxWritten = (await enqueueOutbox(tx, rows)).length > 0;
          }
          await appendCaseEvent(tx, { caseId, type: 'decided', ...actor, data: { outcome, rationale } });
          return {
            reinstated: reactivated ? locked.accountId : null,
            suspended: suspendedHere ? locked.accountId : null,
          };
        }
      }
    });
    if (!result) throw caseNotFound();
    if (result.reinstated) await this.deps.onReinstated(result.reinstated);
    if (result.suspended) await this.deps.onSuspended(result.suspended);
    if (outboxWritten || result.suspended) this.deps.onOutboxRows?.();
    return {
      caseId,
      type: body.type,
      reinstatedAccountId: result.reinstated,
      suspendedAccountId: result.suspended,
    };
  }

  private async suspendFlaggedAccount(
    tx: Db,
    locked: CaseRow,
    reviewer: Reviewer,
    rationale: string,
    evidence: { reasons: StoredReason[] }[],
    now: Date,
  ): Promise<boolean> {
    const { policy } = this.deps;
    const reasons = strongestReasons(evidence.flatMap((e) => e.reasons));
    const facts = `A reviewer examined the account's recent messages and found: ${
      reasons.length ? reasons.map((r) => r.message).join('; ') : 'spam, scam or abusive messages'
    }. ${rationale}`;
    const statement = {
      ...buildStatementOfReasons({
        accountId: locked.accountId,
        reasons,
        channel: 'sms',
        decidedAt: now,
        policy,
      }),
      decision_facts: facts,
      automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
    };
    const account = await getAccount(tx, locked.accountId);
    const result = await suspendAccount(tx, {
      id: newId('su'),
      accountId: locked.accountId,
      reasons,
      statement,
      appealDeadline: new Date(now.getTime() + Math.max(policy.statement.appealWindowDays, 183) * DAY_MS),
      decidedBy: reviewer.id,
      caseId: locked.id,
      at: now,
      outbox: (suspension) =>
        suspensionNoticeRows({
          accountId: locked.accountId,
          suspensionId: suspension.id,
          suspendedAt: suspension.openedAt,
          appealDeadline: suspension.appealDeadline,
          appealUrl: appealLink(
            this.deps.publicUrl,
            signAppealToken(
              {
                suspensionId: suspension.id,
                accountId: locked.accountId,
                expiresAt: new Date(
                  Math.max(
                    now.getTime() + APPEAL_TOKEN_VALIDITY_MS,
                    suspension.appealDeadline.getTime() + 90 * DAY_MS,
                  ),
                ),
              },
              this.deps.secret,
            ),
          ),
          reasons,
          statement,
          email: noticeAddress(locked.accountId, account?.noticeEmail ?? null),
          webhookUrl: account?.webhookUrl ?? null,
          mailFrom: this.deps.mailFrom,
        }),
    });
    return result.created;
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
