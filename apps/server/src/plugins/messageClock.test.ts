import { createMemorySignalStore, type MessageObservation } from '@gavel/signals';
import { describe, expect, it } from 'vitest';
import { messageClock } from './messageClock';

const MINUTE = 60_000;
// A simulated morning two days ago: older than the store's one-day limit on the wall clock.
const T0 = Date.UTC(2026, 0, 5, 8);
const WALL = T0 + 2 * 24 * 60 * MINUTE;

const message = (i: number, sentAt: number): MessageObservation => ({
  accountId: 'AC1',
  messageId: `m${i}`,
  to: `+4477009001${String(i).padStart(2, '0')}`,
  channel: 'sms',
  sentAt,
  fingerprint: '',
  linkDomains: [],
});

describe('SIGNAL_CLOCK=message', () => {
  it('reads the windows at the traffic’s own time, so a replayed morning is judged as it happened', async () => {
    const clock = messageClock(WALL);
    const store = clock.drive(createMemorySignalStore({ now: clock.now }));
    await store.observeBatch([message(1, T0), message(2, T0 + MINUTE)]);
    let s = (await store.observe(message(3, T0 + 2 * MINUTE))).signals;
    expect([s.count1h, s.count24h, s.uniqueRecipients1h]).toEqual([3, 3, 3]);
    // Two simulated hours later the hour window has moved on; the day still holds all four.
    s = (await store.observe(message(4, T0 + 122 * MINUTE))).signals;
    expect([s.count1h, s.count24h]).toEqual([1, 4]);
    expect(clock.now()).toBe(T0 + 122 * MINUTE);
    await store.close();
  });

  it('is what the wall clock gets wrong: the same replay is counted at "now"', async () => {
    const store = createMemorySignalStore({ now: () => WALL });
    await store.observeBatch([message(1, T0), message(2, T0 + MINUTE), message(3, T0 + 2 * MINUTE)]);
    const s = (await store.observe(message(4, T0 + 122 * MINUTE))).signals;
    expect(s.count1h).toBe(4);
    await store.close();
  });

  it('moves the clock with event times too', async () => {
    const clock = messageClock(WALL);
    const store = clock.drive(createMemorySignalStore({ now: clock.now }));
    await store.observe(message(1, T0));
    await store.recordEvents([
      { type: 'delivery', accountId: 'AC1', messageId: 'm1', status: 'filtered', at: T0 + 5 * MINUTE },
    ]);
    expect(clock.now()).toBe(T0 + 5 * MINUTE);
    expect((await store.getSignals('AC1')).carrierFilteredRate).toBe(1);
    await store.close();
  });
});
