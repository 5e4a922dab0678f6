import type { AccountSettings, AccountSettingsView, AccountView } from '@gavel/contracts';
import { type Db, getAccount, getOpenSuspension, setAccountLists } from '@gavel/db';
import { accountRisk, type Policy } from '@gavel/policy';
import type { AccountSignals, SignalStore } from '@gavel/signals';
import { webhookSigningKey } from '../notices/webhookSignature';
import { ProblemError } from '../problem';
import type { AccountDirectory } from '../scoring/accountDirectory';
import { withinBudget } from '../scoring/budget';

const SIGNALS_WAIT_MS = 100;

/** The pipeline's view of one account, and the admin's settings for it. */
export class AccountsService {
  constructor(
    private readonly deps: {
      db: Db;
      signals: SignalStore;
      policy: Policy;
      directory: AccountDirectory;
      secret: string;
    },
  ) {}

  async view(accountId: string): Promise<AccountView> {
    const { db, signals, policy } = this.deps;
    const [row, suspension, live] = await Promise.all([
      getAccount(db, accountId),
      getOpenSuspension(db, accountId),
      withinBudget(signals.getSignals(accountId), SIGNALS_WAIT_MS),
    ]);
    const accountSignals: AccountSignals | null = live.ok ? live.value : null;
    if (!row && !accountSignals) {
      throw new ProblemError(503, 'UNAVAILABLE', 'Cannot read the account right now; retry later');
    }
    if (!row && accountSignals?.firstSeenAt === 0) {
      throw new ProblemError(404, 'NOT_FOUND', 'No account with this id has been seen');
    }
    // Risk as of now from the live signals; the stored risk (last transition) when Redis is down.
    const risk = accountSignals
      ? accountRisk(
          { signals: accountSignals, currentScore: null, currentSuspicious: false, currentAbusive: false },
          policy,
        ).risk
      : (row?.risk ?? 0);
    return {
      accountId,
      status: row?.status ?? accountSignals?.status ?? 'active',
      risk: Math.round(risk * 10_000) / 10_000,
      allowlisted: row?.allowlisted ?? false,
      blocklisted: row?.blocklisted ?? false,
      suspension: suspension
        ? {
            suspensionId: suspension.id,
            suspendedAt: suspension.openedAt.toISOString(),
            reasons: suspension.reasons.map((r) => r.code),
          }
        : null,
    };
  }

  async updateSettings(accountId: string, settings: AccountSettings): Promise<AccountSettingsView> {
    if (settings.allowlisted === true && settings.blocklisted === true) {
      throw new ProblemError(400, 'INVALID_BODY', 'An account cannot be on both lists', [
        { path: '/allowlisted', message: 'cannot be true together with blocklisted' },
      ]);
    }
    const row = await setAccountLists(this.deps.db, accountId, settings);
    this.deps.directory.invalidate(accountId);
    return {
      accountId,
      noticeEmail: row.noticeEmail,
      webhookUrl: row.webhookUrl,
      allowlisted: row.allowlisted,
      blocklisted: row.blocklisted,
      webhookSigningKey: webhookSigningKey(this.deps.secret, accountId),
    };
  }
}
