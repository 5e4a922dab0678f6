import type { AccountStatus, Action, ScoreRequest, SignalEvent } from '@gavel/contracts';
import { MinHeap } from './minHeap';
import type { PlannedMessage, ProfileName } from './profiles';
import type { Scenario } from './scenario';

/** What the simulator needs from a Gavel: an HTTP server, or an in-process pipeline for training. */
export interface SimulationTarget {
  /** Answers in input order; an item Gavel rejected is `{ error }`. */
  scoreBatch(messages: ScoreRequest[]): Promise<TargetAnswer[]>;
  sendEvents(events: SignalEvent[]): Promise<void>;
}

export type TargetAnswer =
  | { action: Action; accountStatus: AccountStatus; accountRisk: number; suspensionId?: string }
  | { error: string };

export interface AccountOutcome {
  accountId: string;
  profile: ProfileName;
  variant: Scenario['set'];
  abusive: boolean;
  planned: number;
  /** Messages scored (sending stops at suspension: the platform blocks a suspended account). */
  messages: number;
  blocked: number;
  /** 1-based index of the message whose answer first showed the status; null = never. */
  flaggedAt: number | null;
  suspendedAt: number | null;
  suspensionId: string | null;
  errors: number;
}

export interface RunOptions {
  /** Messages per `/v1/score/batch` call (default 100). */
  batchSize?: number;
  /** A batch holds messages within this much simulated time (default 60 s). */
  batchWindowMs?: number;
  /** Keep sending after suspension (default false). */
  continueAfterSuspension?: boolean;
  /** Called after every batch. */
  onProgress?(done: number, total: number): void;
  /**
   * Real-time pacing for the demo: wait until wall-clock time reaches each batch's simulated time,
   * mapped as wallStart + (simTime - scenario.start) / speed.
   */
  pace?: { wallStart: number; speed: number; sleep?: (ms: number) => Promise<void> };
  /** Stop early (the demo's Ctrl-C). */
  signal?: AbortSignal;
}

export interface RunResult {
  accounts: AccountOutcome[];
  messages: number;
  events: number;
}

function toRequest(m: PlannedMessage): ScoreRequest {
  return {
    messageId: m.messageId,
    accountId: m.accountId,
    channel: m.channel,
    from: m.from,
    to: m.to,
    body: m.body,
    sentAt: new Date(m.at).toISOString(),
  };
}

/**
 * Plays a scenario against a target in simulated time order: messages in batches, then the
 * events that are due. A message's events (delivery report, STOP, completed code, complaint) are
 * reported only if the message was sent, i.e. not blocked, each at its own time.
 */
export async function runScenario(
  scenario: Scenario,
  target: SimulationTarget,
  opts: RunOptions = {},
): Promise<RunResult> {
  const batchSize = opts.batchSize ?? 100;
  const windowMs = opts.batchWindowMs ?? 60_000;
  const outcomes = new Map<string, AccountOutcome>();
  for (const a of scenario.accounts) {
    outcomes.set(a.accountId, {
      accountId: a.accountId,
      profile: a.profile,
      variant: a.variant,
      abusive: a.abusive,
      planned: a.messages.length,
      messages: 0,
      blocked: 0,
      flaggedAt: null,
      suspendedAt: null,
      suspensionId: null,
      errors: 0,
    });
  }
  const pending = new MinHeap<SignalEvent>();
  let eventsSent = 0;
  let done = 0;
  const all = scenario.messages;

  const flushEvents = async (until: number) => {
    const due: SignalEvent[] = [];
    while (pending.size > 0 && (pending.peekKey() ?? Infinity) <= until) due.push(pending.pop()!);
    for (let i = 0; i < due.length; i += 1000) await target.sendEvents(due.slice(i, i + 1000));
    eventsSent += due.length;
  };

  let i = 0;
  while (i < all.length) {
    if (opts.signal?.aborted) break;
    const batch: PlannedMessage[] = [];
    const batchStart = all[i].at;
    while (i < all.length && batch.length < batchSize && all[i].at - batchStart <= windowMs) {
      const m = all[i++];
      const o = outcomes.get(m.accountId)!;
      if (o.suspendedAt !== null && !opts.continueAfterSuspension) continue;
      batch.push(m);
    }
    done = i;
    if (batch.length === 0) continue;
    if (opts.pace) {
      const wallAt = opts.pace.wallStart + (batchStart - scenario.start) / opts.pace.speed;
      const wait = wallAt - Date.now();
      if (wait > 0) await (opts.pace.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(wait);
    }
    await flushEvents(batchStart);
    const answers = await target.scoreBatch(batch.map(toRequest));
    for (let k = 0; k < batch.length; k++) {
      const m = batch[k];
      const o = outcomes.get(m.accountId)!;
      const answer = answers[k];
      o.messages++;
      if ('error' in answer) {
        o.errors++;
        continue;
      }
      if (answer.action === 'block') o.blocked++;
      else
        for (const e of m.events)
          pending.push(m.at + e.delayMs, {
            ...e.event,
            at: new Date(m.at + e.delayMs).toISOString(),
          } as SignalEvent);
      if (answer.accountStatus !== 'active' && o.flaggedAt === null) o.flaggedAt = o.messages;
      if (answer.accountStatus === 'suspended' && o.suspendedAt === null) {
        o.suspendedAt = o.messages;
        o.suspensionId = answer.suspensionId ?? null;
      }
    }
    opts.onProgress?.(done, all.length);
  }
  if (!opts.signal?.aborted) await flushEvents(Infinity);
  opts.onProgress?.(all.length, all.length);
  return { accounts: [...outcomes.values()], messages: all.length, events: eventsSent };
}
