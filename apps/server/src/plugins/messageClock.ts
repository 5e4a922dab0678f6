import type { MessageObservation, SignalEvent, SignalStore } from '@gavel/signals';

/**
 * SIGNAL_CLOCK=message: the signal store's clock is the time the traffic says it is, not the wall
 * clock. The store buckets each message at its `sentAt` but reads the windows at its clock, so a
 * replay of simulated hours sent in seconds (`pnpm simulate`, `pnpm demo`) would otherwise be
 * judged at "now", hours after most of it. Each call sets the clock to the newest time it carries
 * (a batch spans at most a minute of simulated time; earlier messages in it are read at the
 * batch's clock, as a late message is). Calls without a time (account views) read at the clock of
 * the last call. The stores read `now()` synchronously at the start of each call, so setting it just
 * before the call is race-free in one process. For simulation only: it trusts the client's clock.
 */
export interface MessageClock {
  /** The store's clock: the newest time of the last message batch or event batch. */
  now(): number;
  /** The store, with every call setting the clock first. */
  drive(store: SignalStore): SignalStore;
}

export function messageClock(start = Date.now()): MessageClock {
  let clock = start;
  const advance = (times: number[]) => {
    let newest = Number.NEGATIVE_INFINITY;
    for (const t of times) if (Number.isFinite(t) && t > newest) newest = t;
    if (newest !== Number.NEGATIVE_INFINITY) clock = newest;
  };
  return {
    now: () => clock,
    drive: (store) => ({
      observe(obs: MessageObservation) {
        advance([obs.sentAt]);
        return store.observe(obs);
      },
      observeBatch(list: MessageObservation[]) {
        advance(list.map((o) => o.sentAt));
        return store.observeBatch(list);
      },
      // An outcome carries its message's time, already seen by observe: it does not move the clock.
      recordOutcome: (accountId, messageId, outcome) => store.recordOutcome(accountId, messageId, outcome),
      recordEvents(events: SignalEvent[]) {
        advance(events.map((e) => e.at));
        return store.recordEvents(events);
      },
      getSignals: (accountId) => store.getSignals(accountId),
      forgetAccount: (accountId) => store.forgetAccount(accountId),
      setStatus: (accountId, status, opts) => store.setStatus(accountId, status, opts),
      ping: () => store.ping(),
      close: () => store.close(),
    }),
  };
}
