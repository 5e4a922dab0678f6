import type { AppealAnswerBody, AppealSubmitBody, AppealView, CaseMessage } from '@gavel/contracts';
import {
  type AppealRow,
  answerAppealQuestion,
  type Db,
  getAppealBySuspension,
  getCase,
  getSuspension,
  listCaseMessages,
  listSuspensionEvidence,
  type Suspension,
  submitAppeal,
} from '@gavel/db';
import { distinctExamples } from '../enforcement/suspensionRecord';
import { verifyAppealToken } from '../notices/appealToken';
import { ProblemError } from '../problem';
import { dsaStatement, plainStatement } from './statementView';

export interface AppealPortalOptions {
  secret: string;
  appealDueHours: number;
}

/**
 * Expired, forged, tampered and unknown links get this one answer, word for word: the holder learns
 * nothing about why, and a prober learns nothing about which suspensions exist.
 */
export function invalidAppealLink(): ProblemError {
  return new ProblemError(
    404,
    'NOT_FOUND',
    'This appeal link is not valid. Open the link from your most recent notice.',
  );
}

const MAX_EXAMPLES = 3;

function storedExamples(statement: Record<string, unknown>): string[] {
  const examples = statement.examples;
  return Array.isArray(examples) ? examples.filter((e): e is string => typeof e === 'string') : [];
}

/** The holder's portal. The signed token is the only credential and names one suspension. */
export class AppealPortalService {
  constructor(
    private readonly db: Db,
    private readonly opts: AppealPortalOptions,
  ) {}

  private async suspensionFor(token: string, now: Date): Promise<Suspension> {
    const check = verifyAppealToken(token, this.opts.secret, now);
    if (!check.ok) throw invalidAppealLink();
    const suspension = await getSuspension(this.db, check.claims.suspensionId);
    if (!suspension || suspension.accountId !== check.claims.accountId) throw invalidAppealLink();
    return suspension;
  }

  async view(token: string, now: Date = new Date()): Promise<AppealView> {
    const suspension = await this.suspensionFor(token, now);
    return this.render(suspension, await getAppealBySuspension(this.db, suspension.id), now);
  }

  async submit(
    token: string,
    body: AppealSubmitBody,
    now: Date = new Date(),
  ): Promise<{ view: AppealView; created: boolean }> {
    const suspension = await this.suspensionFor(token, now);
    const existing = await getAppealBySuspension(this.db, suspension.id);
    if (existing) return { view: await this.sameOrRefuse(suspension, existing, body, now), created: false };
    if (suspension.status !== 'open') {
      throw new ProblemError(
        409,
        'SUSPENSION_LIFTED',
        'This suspension has already been lifted: there is nothing to appeal.',
      );
    }
    if (suspension.appealDeadline <= now) {
      throw new ProblemError(
        409,
        'APPEAL_WINDOW_CLOSED',
        'The window for appealing this suspension has closed.',
      );
    }
    const explanation = body.explanation.trim();
    if (explanation.length < 20) {
      throw new ProblemError(400, 'INVALID_BODY', 'The explanation needs at least 20 characters.', [
        { path: '/explanation', message: 'must have at least 20 characters' },
      ]);
    }
    const result = await submitAppeal(this.db, {
      suspension,
      explanation,
      contactEmail: body.contactEmail.trim(),
      changes: body.changes?.trim() ? body.changes.trim() : null,
      dueAt: new Date(now.getTime() + this.opts.appealDueHours * 3_600_000),
      now,
    });
    if (!result.created) {
      return { view: await this.sameOrRefuse(suspension, result.appeal, body, now), created: false };
    }
    return { view: await this.render(suspension, result.appeal, now), created: true };
  }

  /**
   * A retry of the same submit (a network retry, a double click) answers the first appeal; a
   * different text (a second tab) is refused, so the holder learns it was not taken rather than
   * losing it silently.
   */
  private async sameOrRefuse(
    suspension: Suspension,
    existing: AppealRow,
    body: AppealSubmitBody,
    now: Date,
  ): Promise<AppealView> {
    const same =
      existing.explanation === body.explanation.trim() &&
      (existing.changes ?? '') === (body.changes?.trim() ?? '');
    if (!same) {
      throw new ProblemError(
        409,
        'APPEAL_ALREADY_SUBMITTED',
        `An appeal (reference ${existing.id}) was already submitted for this suspension; this text was not added to it. Reload the page to see its status.`,
      );
    }
    return this.render(suspension, existing, now);
  }

  async answer(token: string, body: AppealAnswerBody, now: Date = new Date()): Promise<AppealView> {
    const suspension = await this.suspensionFor(token, now);
    const answer = body.answer.trim();
    if (!answer)
      throw new ProblemError(400, 'INVALID_BODY', 'Write an answer.', [
        { path: '/answer', message: 'is empty' },
      ]);
    const updated = await answerAppealQuestion(this.db, { suspensionId: suspension.id, answer, now });
    if (!updated) throw new ProblemError(409, 'NO_PENDING_QUESTION', 'No question is waiting for an answer.');
    return this.render(suspension, updated, now);
  }

  private async render(suspension: Suspension, appeal: AppealRow | null, now: Date): Promise<AppealView> {
    const [evidence, messages, caseRow] = await Promise.all([
      // A few more than shown, so repeats of one text can be dropped and three distinct ones remain.
      listSuspensionEvidence(this.db, suspension, { limit: 20, withExcerptOnly: true }),
      appeal ? listCaseMessages(this.db, appeal.caseId) : Promise.resolve([]),
      appeal ? getCase(this.db, appeal.caseId, now) : Promise.resolve(null),
    ]);
    const thread: CaseMessage[] = messages.map((m) => ({
      id: String(m.id),
      author: m.author,
      body: m.body,
      at: m.createdAt.toISOString(),
    }));
    const lastReviewerQuestion = [...thread].reverse().find((m) => m.author === 'reviewer');
    const outcome =
      appeal?.status === 'decided' && caseRow?.outcome && caseRow.rationale && caseRow.decidedAt
        ? {
            decision: caseRow.outcome === 'reinstated' ? ('reinstated' as const) : ('upheld' as const),
            rationale: caseRow.rationale,
            decidedAt: caseRow.decidedAt.toISOString(),
          }
        : null;
    return {
      suspension: {
        id: suspension.id,
        accountId: suspension.accountId,
        // An upheld suspension is still in force for the holder.
        status: suspension.status === 'lifted' ? 'lifted' : 'open',
        suspendedAt: suspension.openedAt.toISOString(),
      },
      statement: plainStatement(suspension),
      dsa: dsaStatement(suspension),
      // The statement's own examples first (the triggering message leads), then the rest of the
      // evidence; the same text twice is one example.
      examples: distinctExamples([
        ...storedExamples(suspension.statement),
        ...evidence.map((e) => e.excerpt),
      ]).slice(0, MAX_EXAMPLES),
      canAppeal: !appeal && suspension.status === 'open' && suspension.appealDeadline > now,
      appeal: appeal
        ? {
            reference: appeal.id,
            status: appeal.status,
            submittedAt: appeal.submittedAt.toISOString(),
            expectedResponseBy: (
              caseRow?.dueAt ?? new Date(appeal.submittedAt.getTime() + this.opts.appealDueHours * 3_600_000)
            ).toISOString(),
            explanation: appeal.explanation,
            changes: appeal.changes,
            pendingQuestion: appeal.status === 'info_requested' ? (lastReviewerQuestion?.body ?? null) : null,
            outcome,
          }
        : null,
      messages: thread,
    };
  }
}
