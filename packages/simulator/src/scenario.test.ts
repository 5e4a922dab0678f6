import { destinationOf } from '@gavel/signals';
import { describe, expect, it } from 'vitest';
import { PUMPING_RANGES } from './numbers';
import type { AccountPlan, ProfileName } from './profiles';
import { buildScenario, profileCounts } from './scenario';

const START = Date.UTC(2026, 10, 30, 8);

function byProfile(accounts: AccountPlan[], profile: ProfileName): AccountPlan[] {
  return accounts.filter((a) => a.profile === profile);
}

function eventsOf(accounts: AccountPlan[], type: string): number {
  return accounts.reduce(
    (s, a) => s + a.messages.reduce((t, m) => t + m.events.filter((e) => e.event.type === type).length, 0),
    0,
  );
}

describe('buildScenario', () => {
  const scenario = buildScenario({ seed: 7, accounts: 300, start: START });

  it('is reproducible from the seed, and another seed gives other traffic', () => {
    const again = buildScenario({ seed: 7, accounts: 300, start: START });
    expect(JSON.stringify(again)).toBe(JSON.stringify(scenario));
    const other = buildScenario({ seed: 8, accounts: 300, start: START });
    expect(other.messages.map((m) => m.body)).not.toEqual(scenario.messages.map((m) => m.body));
  });

  it('gives neighbouring seeds different accounts, not the same accounts reordered', () => {
    // The old fork (state ^ salt) made seed 201's account i replay seed 202's account i ^ 3.
    const traffic = (seed: number) =>
      new Set(
        buildScenario({ seed, accounts: 200, start: START })
          .accounts.filter((a) => a.messages.length > 0)
          .map((a) => a.messages.map((m) => `${m.at - START}|${m.to}|${m.body}`).join('\n')),
      );
    const a = traffic(201);
    const shared = [...traffic(202)].filter((t) => a.has(t));
    expect(shared).toEqual([]);
  });

  it('keeps every message inside the simulated period, in time order, with unique ids', () => {
    const ids = new Set(scenario.messages.map((m) => m.messageId));
    expect(ids.size).toBe(scenario.messages.length);
    for (let i = 1; i < scenario.messages.length; i++)
      expect(scenario.messages[i].at).toBeGreaterThanOrEqual(scenario.messages[i - 1].at);
    expect(scenario.messages[0].at).toBeGreaterThanOrEqual(START);
    expect(scenario.messages.at(-1)!.at).toBeLessThanOrEqual(START + scenario.spanMs + 4 * 3_600_000);
  });

  it('gives every profile at least one account and most accounts to honest traffic', () => {
    const counts = profileCounts(
      300,
      Object.fromEntries(scenario.accounts.map((a) => [a.profile, 1])) as never,
    );
    expect([...counts.values()].every((n) => n >= 1)).toBe(true);
    const honest = scenario.accounts.filter((a) => !a.abusive).length;
    expect(honest / scenario.accounts.length).toBeGreaterThan(0.8);
    expect(scenario.accounts).toHaveLength(300);
  });

  it('pumps sequential numbers in a few premium ranges, and nobody verifies the codes', () => {
    for (const a of byProfile(scenario.accounts, 'sms_pumping')) {
      const prefixes = new Set(a.messages.map((m) => destinationOf(m.to).prefix));
      expect(prefixes.size).toBeLessThanOrEqual(3);
      expect(a.messages.every((m) => PUMPING_RANGES.train.some((p) => m.to.startsWith(`+${p}`)))).toBe(true);
      expect(a.messages.length).toBeGreaterThanOrEqual(100);
    }
    const pumping = byProfile(scenario.accounts, 'sms_pumping');
    const sent = pumping.reduce((s, a) => s + a.messages.length, 0);
    expect(eventsOf(pumping, 'verification') / sent).toBeLessThan(0.03);
    const otp = byProfile(scenario.accounts, 'otp_sender');
    const otpSent = otp.reduce((s, a) => s + a.messages.length, 0);
    expect(eventsOf(otp, 'verification') / otpSent).toBeGreaterThan(0.6);
  });

  it('draws opt-outs and complaints to spam, far fewer to honest marketing', () => {
    // Enough accounts that a few lucky marketing lists do not decide it.
    const large = buildScenario({ seed: 7, accounts: 1500, start: START });
    const rate = (profile: ProfileName, type: string) => {
      const accounts = byProfile(large.accounts, profile);
      return eventsOf(accounts, type) / accounts.reduce((s, a) => s + a.messages.length, 0);
    };
    expect(rate('snowshoe', 'opt_out')).toBeGreaterThan(2 * rate('marketing', 'opt_out'));
    expect(rate('smishing', 'complaint')).toBeGreaterThan(5 * rate('marketing', 'complaint'));
  });

  it('rotates smishing hosts and varies bodies enough not to be memorised', () => {
    for (const a of byProfile(scenario.accounts, 'smishing')) {
      const hosts = new Set(a.messages.map((m) => /:\/\/([^/\s]+)/.exec(m.body)?.[1]));
      expect(hosts.size).toBeGreaterThan(2);
      const distinct = new Set(a.messages.map((m) => m.body));
      expect(distinct.size / a.messages.length).toBeGreaterThan(0.9);
    }
  });

  it('spreads a snowshoe campaign over fresh accounts that each send little', () => {
    const snowshoe = byProfile(scenario.accounts, 'snowshoe');
    expect(snowshoe.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...snowshoe.map((a) => a.messages.length))).toBeLessThanOrEqual(160);
  });

  it('has a taken-over account go quiet first, then blast', () => {
    for (const a of byProfile(scenario.accounts, 'account_takeover')) {
      const gaps = a.messages.slice(1).map((m, i) => m.at - a.messages[i].at);
      const earlyGap = gaps.slice(0, 3).reduce((s, g) => s + g, 0) / 3;
      const lateGap = gaps.slice(-20).reduce((s, g) => s + g, 0) / 20;
      expect(earlyGap).toBeGreaterThan(10 * lateGap);
    }
  });

  it('uses other prefixes and other templates for the unseen variants', () => {
    const unseen = buildScenario({ seed: 7, accounts: 300, start: START, set: 'unseen' });
    for (const a of byProfile(unseen.accounts, 'sms_pumping'))
      expect(a.messages.every((m) => PUMPING_RANGES.unseen.some((p) => m.to.startsWith(`+${p}`)))).toBe(true);
    const seenBodies = new Set(
      byProfile(scenario.accounts, 'smishing').flatMap((a) => a.messages.map((m) => m.body)),
    );
    expect(
      byProfile(unseen.accounts, 'smishing').every((a) => a.messages.every((m) => !seenBodies.has(m.body))),
    ).toBe(true);
    // The unseen takeover victim is a one-time-code sender, not a personal account.
    for (const a of byProfile(unseen.accounts, 'account_takeover'))
      expect(
        a.messages[0].events.some((e) => e.event.type === 'verification') || /code/i.test(a.messages[0].body),
      ).toBe(true);
  });
});
