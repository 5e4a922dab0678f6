import { buildScenario, httpTarget, loadRealHam, runScenario, sharedDataDir } from '@gavel/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OwnGavel, startGavelOnOwnDatabase } from './gavelHarness';

// A short seeded simulation through the real server (HTTP, PostgreSQL, Redis), as `pnpm simulate`
// runs it: the account model and the ladder must suspend the pumping and smishing accounts and no
// honest one. The signal clock follows the simulated time (SIGNAL_CLOCK=message).
let gavel: OwnGavel;

beforeAll(async () => {
  // The budget is generous: on a shared machine a signal read past 50 ms answers on content alone
  // (degraded, no transition), and this test pins the decisions, not the latency.
  gavel = await startGavelOnOwnDatabase({
    listen: true,
    env: { SIGNAL_CLOCK: 'message', SCORE_BUDGET_MS: '2000' },
  });
});

afterAll(async () => {
  await gavel?.close();
});

describe('a seeded simulation against the real server', () => {
  it('suspends every pumping and smishing account and no honest one', async () => {
    const scenario = buildScenario({
      seed: 31,
      accounts: 60,
      start: Date.UTC(2026, 11, 1, 6),
      runId: `it${Date.now().toString(36)}`,
      realHam: loadRealHam(sharedDataDir()),
      // Every honest kind, and the two abusive ones this test is about (a burst account sends
      // hundreds of messages, so there are few of them).
      mix: {
        otp_sender: 0.2,
        notifications: 0.2,
        marketing: 0.2,
        person_to_person: 0.15,
        honest_burst: 0.05,
        smishing: 0.1,
        sms_pumping: 0.1,
        snowshoe: 0,
        account_takeover: 0,
        slow_drip: 0,
      },
    });
    const result = await runScenario(scenario, httpTarget({ url: gavel.url, apiKey: gavel.apiKey }));
    const of = (profile: string) => result.accounts.filter((a) => a.profile === profile);
    expect(result.accounts.every((a) => a.errors === 0)).toBe(true);
    for (const profile of ['sms_pumping', 'smishing']) {
      const accounts = of(profile);
      expect(accounts.length).toBeGreaterThan(3);
      expect(accounts.filter((a) => a.suspendedAt === null).map((a) => a.accountId)).toEqual([]);
    }
    const honest = result.accounts.filter((a) => !a.abusive);
    expect(honest.length).toBeGreaterThan(30);
    expect(honest.filter((a) => a.suspendedAt !== null).map((a) => a.accountId)).toEqual([]);

    // The server agrees: the suspensions are in PostgreSQL, for the abusive accounts only.
    const pumping = of('sms_pumping')[0];
    const view = await fetch(`${gavel.url}/v1/accounts/${pumping.accountId}`, {
      headers: { authorization: `Bearer ${gavel.apiKey}` },
    });
    expect((await view.json()).status).toBe('suspended');
  });
});
