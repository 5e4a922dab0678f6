import type { AccountExport, EraseResult, RetentionStatus, TransparencyQuery } from '@gavel/contracts';
import {
  addErasedCounts,
  countDecisions,
  type Db,
  exportAccount,
  getAccount,
  lastJobRun,
  listAccountErasures,
  listErasuresReadyToFinish,
  listSuspensionsIssued,
  newId,
  requestAccountErasure,
} from '@gavel/db';
import type { SignalStore } from '@gavel/signals';
import type { FastifyBaseLogger } from 'fastify';
import { ProblemError } from '../problem';
import type { AccountDirectory } from '../scoring/accountDirectory';
import { accountExportView } from './accountExport';
import { dsaSubmission } from './transparency';

export const RETENTION_JOB = 'retention';
const PAGE = 500;
/** A year: a longer period is a second request (and a bounded response). */
const MAX_PERIOD_MS = 366 * 86_400_000;

export interface PrivacyDeps {
  db: Db;
  signals: SignalStore;
  directory: AccountDirectory;
  settings: { excerptDays: number; intervalMinutes: number };
  log: FastifyBaseLogger;
}

/** The privacy promises as calls: export, erasure (and its follow-up), retention status, transparency. */
export class PrivacyService {
  constructor(private readonly deps: PrivacyDeps) {}

  async exportAccount(accountId: string): Promise<AccountExport> {
    const [stored, erasures] = await Promise.all([
      exportAccount(this.deps.db, accountId),
      listAccountErasures(this.deps.db, accountId),
    ]);
    if (!stored) throw new ProblemError(404, 'NOT_FOUND', 'Nothing is held about this account.');
    return accountExportView(stored, erasures);
  }

  /**
   * Erases what no open case holds, writes the audit row and deletes the account's signal-store keys.
   * `requestedBy` is 'api-key:<id>' or 'reviewer:<id>'. Safe to repeat.
   */
  async erase(accountId: string, requestedBy: string, now = new Date()): Promise<EraseResult> {
    // Existence only (not the whole export): the account row, any decision, or an earlier erasure.
    const [account, decisions, erasures] = await Promise.all([
      getAccount(this.deps.db, accountId),
      countDecisions(this.deps.db, { accountId }),
      listAccountErasures(this.deps.db, accountId),
    ]);
    if (!account && decisions === 0 && erasures.length === 0)
      throw new ProblemError(404, 'NOT_FOUND', 'Nothing is held about this account.');
    const outcome = await requestAccountErasure(this.deps.db, {
      id: newId('er'),
      accountId,
      requestedBy,
      now,
    });
    const signalKeysDeleted = await this.forgetSignals(accountId, outcome.erasure.id);
    const { pass } = outcome;
    return {
      accountId,
      erasureId: outcome.erasure.id,
      status: outcome.erasure.status,
      requestedAt: outcome.erasure.requestedAt.toISOString(),
      nothingLeft: outcome.nothingLeft && signalKeysDeleted === 0,
      erased: {
        decisionsDeleted: pass.decisionsDeleted,
        appealsAnonymised: pass.appealsAnonymised,
        caseMessagesErased: pass.caseMessagesErased,
        noticesDeleted: pass.noticesDeleted,
        labelsDetached: pass.labelsDetached,
        contactDetailsCleared: pass.contactDetailsCleared,
        signalKeysDeleted,
      },
      kept: outcome.erasure.kept as unknown as EraseResult['kept'],
    };
  }

  /**
   * The follow-up passes: every pending erasure whose account no longer has an undecided case is run
   * again and completes. Called by the retention job and after a case decision. Returns how many completed.
   */
  async finishPendingErasures(): Promise<number> {
    let completed = 0;
    for (const pending of await listErasuresReadyToFinish(this.deps.db)) {
      const outcome = await requestAccountErasure(this.deps.db, {
        id: newId('er'),
        accountId: pending.accountId,
        requestedBy: pending.requestedBy,
      });
      await this.forgetSignals(pending.accountId, outcome.erasure.id);
      if (outcome.erasure.status === 'complete') completed += 1;
    }
    return completed;
  }

  private async forgetSignals(accountId: string, erasureId: string): Promise<number> {
    this.deps.directory.invalidate(accountId);
    // The account's standing (status, lists) is kept in Postgres; scoring re-reads it from there.
    const deleted = await this.deps.signals.forgetAccount(accountId);
    if (deleted > 0) await addErasedCounts(this.deps.db, erasureId, { signalKeysDeleted: deleted });
    return deleted;
  }

  async retentionStatus(): Promise<RetentionStatus> {
    const run = await lastJobRun(this.deps.db, RETENTION_JOB);
    const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0);
    return {
      settings: { ...this.deps.settings },
      lastRun: run
        ? {
            startedAt: run.startedAt.toISOString(),
            finishedAt: run.finishedAt.toISOString(),
            ok: run.ok,
            excerptsCleared: n(run.result.excerptsCleared),
            erasuresCompleted: n(run.result.erasuresCompleted),
          }
        : null,
    };
  }

  /** Every statement of reasons issued in [from, to), one NDJSON line each, a page of rows at a time. */
  async *transparencyStatements(query: TransparencyQuery): AsyncGenerator<string> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (!(from < to))
      throw new ProblemError(400, 'INVALID_PERIOD', "'from' must be before 'to'", [
        { path: '/from', message: 'must be before to' },
      ]);
    if (to.getTime() - from.getTime() > MAX_PERIOD_MS)
      throw new ProblemError(400, 'INVALID_PERIOD', 'A period is at most 366 days; ask for several', [
        { path: '/to', message: 'at most 366 days after from' },
      ]);
    let after: { openedAt: Date; id: string } | undefined;
    for (;;) {
      const rows = await listSuspensionsIssued(this.deps.db, { from, to, after, limit: PAGE });
      for (const row of rows) yield `${JSON.stringify(dsaSubmission(row))}\n`;
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1] as (typeof rows)[number];
      after = { openedAt: last.openedAt, id: last.id };
    }
  }
}
