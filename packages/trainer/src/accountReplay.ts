import type { ScoreRequest } from '@gavel/contracts';
import { analyze, contentFingerprint, linkDomains } from '@gavel/features';
import { type AccountModel, accountFeatures, type ContentModel } from '@gavel/model';
import { decide, messageOutcome, type Policy } from '@gavel/policy';
import { type AccountStatus, createMemorySignalStore, type SignalStore } from '@gavel/signals';
import {
  type RunResult,
  runScenario,
  type Scenario,
  type SimulationTarget,
  type TargetAnswer,
} from '@gavel/simulator';

/** One training row: the features the account model sees at a message, and the account's label. */
export interface AccountSnapshot {
  accountId: string;
  features: Float32Array;
  abusive: boolean;
  /** Messages the account had sent before this one, plus one. */
  index: number;
  /** For an abusive message, its place in the abuse (1 = the first abusive message); else 0. */
  abuseIndex: number;
  count24h: number;
}

export interface ReplayOptions {
  content: ContentModel;
  policy: Policy;
  /** Without it the replay collects training rows and never changes an account's status. */
  accountModel?: AccountModel;
  onSnapshot?: (s: AccountSnapshot) => void;
  onProgress?: (done: number, total: number) => void;
}

/**
 * The scenario replayed through the in-process signal store, the content model and (when given)
 * the account model and policy ladder: the same steps as the scoring pipeline, with the store's
 * clock set to simulated time. Training uses it without an account model; evaluation with one.
 */
export async function replayScenario(scenario: Scenario, opts: ReplayOptions): Promise<RunResult> {
  let simNow = scenario.start;
  const store: SignalStore = createMemorySignalStore({ now: () => simNow, maxAccounts: 1_000_000 });
  const labels = new Map(scenario.accounts.map((a) => [a.accountId, a.abusive]));
  const cover = new Set(
    scenario.accounts.flatMap((a) => a.messages.filter((m) => m.cover).map((m) => m.messageId)),
  );
  const index = new Map<string, number>();
  const abuseIndex = new Map<string, number>();
  const status = new Map<string, AccountStatus>();
  const target: SimulationTarget = {
    async scoreBatch(messages: ScoreRequest[]) {
      const analyses = messages.map((m) => analyze(m.body));
      const contents = await opts.content.scoreMany(analyses);
      const answers: TargetAnswer[] = [];
      for (let k = 0; k < messages.length; k++) {
        const m = messages[k];
        const sentAt = Date.parse(m.sentAt!);
        simNow = Math.max(simNow, sentAt);
        const observed = await store.observe({
          accountId: m.accountId,
          messageId: m.messageId,
          to: m.to,
          channel: m.channel,
          sentAt,
          fingerprint: contentFingerprint(analyses[k]),
          linkDomains: linkDomains(analyses[k]),
          otp: analyses[k].entities.otpCodes > 0,
        });
        const before = status.get(m.accountId) ?? 'active';
        const content = before === 'suspended' ? null : contents[k];
        const outcome = messageOutcome(content, opts.policy);
        const n = (index.get(m.accountId) ?? 0) + 1;
        index.set(m.accountId, n);
        // A taken-over account's own history is honest traffic and is labelled so.
        const abusive = (labels.get(m.accountId) ?? false) && !cover.has(m.messageId);
        const step = abusive ? (abuseIndex.get(m.accountId) ?? 0) + 1 : 0;
        if (abusive) abuseIndex.set(m.accountId, step);
        opts.onSnapshot?.({
          accountId: m.accountId,
          features: accountFeatures(observed.signals, outcome),
          abusive,
          index: n,
          abuseIndex: step,
          count24h: observed.signals.count24h,
        });
        const accountScore = opts.accountModel?.score(observed.signals, outcome) ?? null;
        const decision = decide(
          {
            content,
            account: { status: before, allowlisted: false, blocklisted: false },
            signals: observed.signals,
            accountScore,
          },
          opts.policy,
        );
        if (opts.accountModel) status.set(m.accountId, decision.accountStatus);
        await store.recordOutcome(m.accountId, m.messageId, { ...outcome, answer: '', at: sentAt });
        answers.push({
          action: decision.action,
          accountStatus: opts.accountModel ? decision.accountStatus : 'active',
          accountRisk: decision.accountRisk,
        });
      }
      return answers;
    },
    async sendEvents(events) {
      await store.recordEvents(
        events.map(
          (e) => ({ ...e, at: Date.parse(e.at!) }) as Parameters<SignalStore['recordEvents']>[0][number],
        ),
      );
    },
  };
  const result = await runScenario(scenario, target, {
    continueAfterSuspension: false,
    onProgress: opts.onProgress,
  });
  await store.close();
  return result;
}
