import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageObservation, SignalStore } from './types';
import { HOUR, MINUTE, SECOND } from './windows';

/** A controllable clock shared by the test and the store under test. */
export interface TestClock {
  now: number;
}

export type SignalStoreFactory = (clock: () => number) => Promise<SignalStore>;

// An hour boundary, so the bucket edges in the cases below are easy to reason about.
const T0 = Date.UTC(2026, 10, 29, 10, 0, 0);

let sequence = 0;
function message(overrides: Partial<MessageObservation> & { sentAt: number }): MessageObservation {
  sequence += 1;
  return {
    accountId: 'AC1',
    messageId: `SM${sequence}`,
    to: '+447700900123',
    channel: 'sms',
    fingerprint: `${sequence.toString(16).padStart(16, '0')}`,
    linkDomains: [],
    ...overrides,
  };
}

/**
 * The behaviour every SignalStore must have. `factory` returns a fresh, empty store reading
 * `clock` for "now" (observations are bucketed by their own `sentAt`).
 */
export function signalStoreContract(name: string, factory: SignalStoreFactory): void {
  describe(`SignalStore contract: ${name}`, () => {
    const clock: TestClock = { now: T0 };
    let store: SignalStore;
    const open: SignalStore[] = [];

    async function freshStore(): Promise<SignalStore> {
      const s = await factory(() => clock.now);
      open.push(s);
      return s;
    }

    beforeEach(async () => {
      clock.now = T0;
      store = await freshStore();
    });
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });

    async function send(obs: MessageObservation) {
      clock.now = Math.max(clock.now, obs.sentAt);
      return store.observe(obs);
    }

    it('answers ping', async () => {
      expect(await store.ping()).toBe(true);
    });

    it('returns empty signals for an account never seen', async () => {
      const s = await store.getSignals('nobody');
      expect(s).toMatchObject({
        status: null,
        firstSeenAt: 0,
        count1m: 0,
        count1h: 0,
        count24h: 0,
        otpConversion: null,
      });
    });

    it('counts messages over 1 minute, 1 hour and 24 hours as the clock moves', async () => {
      for (let i = 0; i < 3; i++) await send(message({ sentAt: T0 + SECOND }));
      let s = (await send(message({ sentAt: T0 + 5 * SECOND }))).signals;
      expect([s.count1m, s.count1h, s.count24h]).toEqual([4, 4, 4]);

      s = (await send(message({ sentAt: T0 + 2 * MINUTE }))).signals;
      expect([s.count1m, s.count1h, s.count24h]).toEqual([1, 5, 5]);

      // 61 minutes on: the messages of minute 0 have left the hour window, minute 2's has not.
      s = (await send(message({ sentAt: T0 + 61 * MINUTE }))).signals;
      expect([s.count1m, s.count1h, s.count24h]).toEqual([1, 2, 6]);

      // 25 hours on: only this message and nothing from hours 0-1 remain in the day window.
      s = (await send(message({ sentAt: T0 + 25 * HOUR }))).signals;
      expect([s.count1m, s.count1h, s.count24h]).toEqual([1, 1, 1]);

      clock.now = T0 + 25 * HOUR + 2 * MINUTE;
      s = await store.getSignals('AC1');
      expect([s.count1m, s.count1h, s.count24h]).toEqual([0, 1, 1]);
    });

    it('records first seen and account age', async () => {
      await send(message({ sentAt: T0 }));
      const s = (await send(message({ sentAt: T0 + 2 * HOUR }))).signals;
      expect(s.firstSeenAt).toBe(T0);
      expect(s.ageMs).toBe(2 * HOUR);
    });

    it('counts a repeated messageId once and returns the stored answer', async () => {
      const first = await send(message({ messageId: 'dup-1', sentAt: T0 }));
      expect(first.duplicate).toBe(false);
      const inFlight = await send(message({ messageId: 'dup-1', sentAt: T0 + SECOND }));
      expect(inFlight).toMatchObject({ duplicate: true, storedAnswer: null });
      expect(inFlight.signals.count1h).toBe(1);

      await store.recordOutcome('AC1', 'dup-1', {
        score: 0.1,
        suspicious: false,
        abusive: false,
        answer: '{"a":1}',
      });
      const replay = await send(message({ messageId: 'dup-1', sentAt: T0 + 2 * SECOND }));
      expect(replay).toMatchObject({ duplicate: true, storedAnswer: '{"a":1}' });
      expect(replay.signals.count1h).toBe(1);
      expect(replay.signals.uniqueRecipients1h).toBe(1);

      // Within one batch too.
      const batch = await store.observeBatch([
        message({ messageId: 'dup-2', sentAt: T0 + 3 * SECOND }),
        message({ messageId: 'dup-2', sentAt: T0 + 3 * SECOND }),
      ]);
      expect(batch.map((r) => r.duplicate)).toEqual([false, true]);
      expect((await store.getSignals('AC1')).count1h).toBe(2);
    });

    it('keeps accounts apart', async () => {
      await send(message({ accountId: 'A', sentAt: T0 }));
      await send(message({ accountId: 'A', messageId: 'same-id', sentAt: T0 }));
      const other = await send(message({ accountId: 'B', messageId: 'same-id', sentAt: T0 }));
      expect(other.duplicate).toBe(false);
      expect(other.signals.count1h).toBe(1);
      expect((await store.getSignals('A')).count1h).toBe(2);
    });

    it('counts unique recipients per hour and per day, whatever the number formatting', async () => {
      const recipients = [
        '+447700900001',
        '+44 7700 900001',
        '+447700900002',
        '+33612345678',
        '+33 6 12 34 56 78',
      ];
      for (const to of recipients) await send(message({ to, sentAt: T0 + MINUTE }));
      let s = await store.getSignals('AC1');
      expect([s.uniqueRecipients1h, s.uniqueRecipients24h]).toEqual([3, 3]);
      expect([s.destCountries24h, s.destPrefixes24h]).toEqual([2, 2]);

      clock.now = T0 + 2 * HOUR;
      s = (await send(message({ to: '+4915112345678', sentAt: T0 + 2 * HOUR }))).signals;
      expect([s.uniqueRecipients1h, s.uniqueRecipients24h]).toEqual([1, 4]);
      expect(s.destCountries24h).toBe(3);
    });

    it('measures the share of the last hour going to the top destination prefix (SMS pumping)', async () => {
      for (let i = 0; i < 8; i++)
        await send(message({ to: `+88216000${1000 + i}`, sentAt: T0 + i * SECOND }));
      await send(message({ to: '+447700900123', sentAt: T0 + 10 * SECOND }));
      await send(message({ to: '+15555550123', sentAt: T0 + 11 * SECOND }));
      // An email recipient has no prefix and stays out of the share.
      const s = (
        await send(message({ to: 'someone@example.com', channel: 'email', sentAt: T0 + 12 * SECOND }))
      ).signals;
      expect(s.topPrefixShare1h).toBeCloseTo(0.8, 6);
      expect(s.destPrefixes24h).toBe(3);

      clock.now = T0 + 2 * HOUR;
      expect((await store.getSignals('AC1')).topPrefixShare1h).toBe(0);
    });

    it('counts repeated content by SimHash band, near-duplicates included', async () => {
      const base = '0123456789abcdef';
      const variants = [base, base, '0123456789abcdee', '0123456789abcd00', '0123456789abffff'];
      for (const fingerprint of variants) await send(message({ fingerprint, sentAt: T0 + SECOND }));
      await send(message({ fingerprint: 'ffffeeeeddddcccc', sentAt: T0 + SECOND }));
      // Not a 64-bit hex fingerprint: not counted.
      const s = (await send(message({ fingerprint: '', sentAt: T0 + SECOND }))).signals;
      expect(s.repeatedContent1h).toBe(5);

      clock.now = T0 + 2 * HOUR;
      expect((await store.getSignals('AC1')).repeatedContent1h).toBe(0);
    });

    it('counts recipients of a message dated into the next bucket and of later ones at the clock', async () => {
      // The Redis store keeps a running union per window; a message dated ahead builds the next
      // bucket's union, and a later one at the (earlier) clock must still reach it.
      clock.now = T0 + 9 * MINUTE + 50 * SECOND;
      await store.observe(message({ to: '+447700900001', sentAt: clock.now }));
      await store.observe(message({ to: '+447700900002', sentAt: T0 + 10 * MINUTE + 30 * SECOND }));
      await store.observe(message({ to: '+447700900003', sentAt: clock.now }));
      clock.now = T0 + 11 * MINUTE;
      expect((await store.getSignals('AC1')).uniqueRecipients1h).toBe(3);
      const s = (await store.observe(message({ to: '+447700900001', sentAt: clock.now }))).signals;
      expect([s.uniqueRecipients1h, s.uniqueRecipients24h]).toEqual([3, 3]);
      const later = (await store.observe(message({ to: '+447700900004', sentAt: clock.now }))).signals;
      expect([later.uniqueRecipients1h, later.uniqueRecipients24h]).toEqual([4, 4]);
    });

    it('counts recipients of a late message dated into an earlier bucket of the window', async () => {
      clock.now = T0 + 25 * MINUTE;
      await store.observe(message({ to: '+447700900001', sentAt: clock.now }));
      await store.observe(message({ to: '+447700900002', sentAt: T0 + 5 * MINUTE }));
      expect((await store.getSignals('AC1')).uniqueRecipients1h).toBe(2);
      const s = (await store.observe(message({ to: '+447700900003', sentAt: clock.now }))).signals;
      expect([s.uniqueRecipients1h, s.uniqueRecipients24h]).toEqual([3, 3]);
    });

    it('counts distinct link domains over 24 hours', async () => {
      await send(message({ linkDomains: ['a.example', 'b.example'], sentAt: T0 }));
      await send(message({ linkDomains: ['b.example', 'c.example'], sentAt: T0 + HOUR }));
      expect((await store.getSignals('AC1')).linkDomains24h).toBe(3);
    });

    it('turns delivery, opt-out, verification and complaint events into rates', async () => {
      for (let i = 0; i < 10; i++)
        await send(message({ messageId: `ev${i}`, otp: i < 5, sentAt: T0 + i * SECOND }));
      const statuses = [
        'delivered',
        'delivered',
        'delivered',
        'delivered',
        'failed',
        'failed',
        'failed',
        'undelivered',
      ];
      statuses.push('filtered', 'filtered');
      await store.recordEvents(
        statuses.map((status, i) => ({
          type: 'delivery' as const,
          accountId: 'AC1',
          messageId: `ev${i}`,
          status: status as 'delivered' | 'failed' | 'filtered' | 'undelivered',
          at: T0 + MINUTE,
        })),
      );
      // A repeated report for the same message counts once.
      await store.recordEvents([
        { type: 'delivery', accountId: 'AC1', messageId: 'ev4', status: 'failed', at: T0 + MINUTE },
        { type: 'opt_out', accountId: 'AC1', at: T0 + MINUTE },
        { type: 'opt_out', accountId: 'AC1', at: T0 + MINUTE },
        { type: 'verification', accountId: 'AC1', messageId: 'ev0', at: T0 + MINUTE },
        { type: 'verification', accountId: 'AC1', messageId: 'ev0', at: T0 + MINUTE },
        { type: 'verification', accountId: 'AC1', messageId: 'ev1', at: T0 + MINUTE },
        { type: 'complaint', accountId: 'AC1', at: T0 + MINUTE },
      ]);
      clock.now = T0 + 2 * MINUTE;
      const s = await store.getSignals('AC1');
      expect(s.deliveryReports24h).toBe(10);
      expect(s.deliveryFailureRate).toBeCloseTo(0.4, 6);
      expect(s.carrierFilteredRate).toBeCloseTo(0.2, 6);
      expect(s.optOutRate).toBeCloseTo(0.2, 6);
      expect(s.otpSent24h).toBe(5);
      expect(s.otpConversion).toBeCloseTo(0.4, 6);
      expect(s.complaints24h).toBe(1);

      // Events age out with the day window.
      clock.now = T0 + 26 * HOUR;
      const later = await store.getSignals('AC1');
      expect([later.deliveryReports24h, later.complaints24h, later.otpConversion]).toEqual([0, 0, null]);
    });

    it('keeps decayed score stats and suspicious/abusive counts from outcomes, once per message', async () => {
      await send(message({ messageId: 'o1', sentAt: T0 }));
      await send(message({ messageId: 'o2', sentAt: T0 }));
      await store.recordOutcome('AC1', 'o1', { score: 0.2, suspicious: false, abusive: false, answer: 'x' });
      await store.recordOutcome('AC1', 'o2', { score: 0.9, suspicious: true, abusive: true, answer: 'y' });
      await store.recordOutcome('AC1', 'o2', { score: 0.9, suspicious: true, abusive: true, answer: 'y' });
      let s = await store.getSignals('AC1');
      expect(s.recentScoreMax).toBeCloseTo(0.9, 6);
      expect(s.recentScoreMean).toBeCloseTo(0.55, 6);
      expect(s.recentScoreWeight).toBeCloseTo(2, 6);
      expect([s.suspiciousCount1h, s.abusiveCount24h]).toEqual([1, 1]);

      // One half-life later the max has halved; the suspicious count has left its hour.
      clock.now = T0 + HOUR + MINUTE;
      s = await store.getSignals('AC1');
      expect(s.recentScoreMax).toBeCloseTo(0.9 * 2 ** (-(HOUR + MINUTE) / HOUR), 6);
      expect(s.recentScoreMean).toBeCloseTo(0.55, 6);
      expect([s.suspiciousCount1h, s.abusiveCount24h]).toEqual([0, 1]);
    });

    it('stores the answer of an outcome without a score and leaves the score stats alone', async () => {
      await send(message({ messageId: 'n1', sentAt: T0 }));
      await store.recordOutcome('AC1', 'n1', {
        score: null,
        suspicious: false,
        abusive: false,
        answer: 'blocked',
      });
      const replay = await send(message({ messageId: 'n1', sentAt: T0 + SECOND }));
      expect(replay.storedAnswer).toBe('blocked');
      expect([replay.signals.recentScoreMax, replay.signals.recentScoreWeight]).toEqual([0, 0]);
    });

    it('counts a late message in its own buckets and a message from the far future at the clock', async () => {
      clock.now = T0 + 90 * MINUTE;
      // 40 minutes late: still inside the hour window that ends now.
      let s = (await store.observe(message({ sentAt: T0 + 50 * MINUTE }))).signals;
      expect([s.count1m, s.count1h, s.count24h]).toEqual([0, 1, 1]);
      // Two hours late: only the day window.
      s = (await store.observe(message({ sentAt: T0 - 30 * MINUTE }))).signals;
      expect([s.count1m, s.count1h, s.count24h]).toEqual([0, 1, 2]);
      // A day in the future: counted now.
      s = (await store.observe(message({ sentAt: T0 + 25 * HOUR }))).signals;
      expect([s.count1m, s.count1h, s.count24h]).toEqual([1, 2, 3]);
    });

    it('forgets an account on erasure: windows, stored answers and status gone, others untouched', async () => {
      await send(message({ messageId: 'f1', sentAt: T0 }));
      await send(message({ accountId: 'AC2', messageId: 'f2', sentAt: T0 }));
      await store.recordOutcome('AC1', 'f1', {
        score: 0.9,
        suspicious: true,
        abusive: true,
        answer: 'first',
      });
      await store.setStatus('AC1', 'suspended');

      expect(await store.forgetAccount('AC1')).toBeGreaterThan(0);
      const s = await store.getSignals('AC1');
      expect([s.status, s.firstSeenAt, s.count24h, s.abusiveCount24h]).toEqual([null, 0, 0, 0]);
      // The stored answer went too: the same messageId is a new message now.
      const again = await send(message({ messageId: 'f1', sentAt: T0 + SECOND }));
      expect(again.duplicate).toBe(false);
      expect((await store.getSignals('AC2')).count24h).toBe(1);

      await store.forgetAccount('AC1');
      expect(await store.forgetAccount('AC1')).toBe(0);
      expect(await store.forgetAccount('never-seen')).toBe(0);
    });

    it('caches the status and resets risk on request', async () => {
      await send(message({ messageId: 'r1', sentAt: T0 }));
      await store.recordOutcome('AC1', 'r1', { score: 0.99, suspicious: true, abusive: true, answer: 'z' });
      await store.setStatus('AC1', 'suspended');
      let s = await store.getSignals('AC1');
      expect(s.status).toBe('suspended');
      expect(s.abusiveCount24h).toBe(1);

      await store.setStatus('AC1', 'active', { resetRisk: true });
      s = (await send(message({ sentAt: T0 + SECOND }))).signals;
      expect(s.status).toBe('active');
      expect([s.recentScoreMax, s.recentScoreMean, s.suspiciousCount1h, s.abusiveCount24h]).toEqual([
        0, 0, 0, 0,
      ]);
      expect(s.count1h).toBe(2);

      await store.setStatus('never-seen', 'flagged');
      expect((await store.getSignals('never-seen')).status).toBe('flagged');
    });

    it('gives the same results for a batch as for the same messages one by one', async () => {
      const observations = [
        message({ accountId: 'X', messageId: 'b1', to: '+88216000001', sentAt: T0 }),
        message({
          accountId: 'X',
          messageId: 'b2',
          to: '+88216000002',
          fingerprint: 'aaaabbbbccccdddd',
          sentAt: T0,
        }),
        message({ accountId: 'Y', messageId: 'b1', to: '+447700900001', sentAt: T0 + SECOND }),
        message({
          accountId: 'X',
          messageId: 'b3',
          to: '+447700900001',
          fingerprint: 'aaaabbbbccccdddd',
          sentAt: T0 + 2 * SECOND,
        }),
        message({ accountId: 'X', messageId: 'b2', sentAt: T0 + 3 * SECOND }),
        message({
          accountId: 'X',
          messageId: 'b4',
          linkDomains: ['l.example'],
          otp: true,
          sentAt: T0 + 4 * SECOND,
        }),
      ];
      clock.now = T0 + 4 * SECOND;
      const singles = await freshStore();
      const one: unknown[] = [];
      for (const obs of observations) one.push(await singles.observe(obs));
      const batched = await store.observeBatch(observations);
      expect(batched).toEqual(one);
      expect(await store.observeBatch([])).toEqual([]);
    });
  });
}
