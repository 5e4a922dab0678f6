import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OwnGavel, scoreOk, startGavelOnOwnDatabase } from './gavelHarness';

const LEAD = { email: 'stats-lead@gavel.test', password: 'stats-lead-password' };
let gavel: OwnGavel;

beforeAll(async () => {
  gavel = await startGavelOnOwnDatabase({
    env: {
      BOOTSTRAP_ADMIN_EMAIL: LEAD.email,
      BOOTSTRAP_ADMIN_PASSWORD: LEAD.password,
      SCORE_BUDGET_MS: '2000',
    },
  });
});

afterAll(async () => {
  await gavel?.close();
});

async function session(): Promise<string> {
  const res = await gavel.app.inject({ method: 'POST', url: '/api/session', payload: LEAD });
  expect(res.statusCode).toBe(200);
  return `gavel_session=${res.cookies.find((c) => c.name === 'gavel_session')!.value}`;
}

describe('GET /api/stats', () => {
  it('needs a reviewer session and refuses a window past two hours', async () => {
    expect((await gavel.app.inject({ method: 'GET', url: '/api/stats' })).statusCode).toBe(401);
    const res = await gavel.app.inject({
      method: 'GET',
      url: '/api/stats?minutes=500',
      headers: { cookie: await session() },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('INVALID_PARAMETERS');
  });

  it('counts this minute’s decisions per action from the decision log, one row per minute', async () => {
    const bodies = ['See you at 6 for dinner?', 'Your parcel is held: pay the fee at http://bit.ly/x'];
    const actions: string[] = [];
    for (let i = 0; i < 4; i++) {
      const answer = await scoreOk(gavel, {
        messageId: `SM-stats-${Date.now()}-${i}`,
        accountId: 'AC-stats',
        channel: 'sms',
        from: '+15005550006',
        to: `+44770090012${i}`,
        body: bodies[i % 2],
      });
      actions.push(answer.action);
    }
    await gavel.app.decisionWriter.flush();
    const res = await gavel.app.inject({
      method: 'GET',
      url: '/api/stats?minutes=10',
      headers: { cookie: await session() },
    });
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json();
    expect(stats.windowMinutes).toBe(10);
    expect(stats.minutes).toHaveLength(10);
    const total = (a: string) => stats.minutes.reduce((s: number, m: Record<string, number>) => s + m[a], 0);
    for (const a of ['allow', 'review', 'block'])
      expect(total(a)).toBe(actions.filter((x) => x === a).length);
    expect(stats.queue).toMatchObject({
      open: expect.any(Number),
      oldestAgeSeconds: expect.toBeOneOf([null, expect.any(Number)]),
    });
    expect(stats.shadow).toEqual({
      liveModel: gavel.app.model.version,
      shadowModel: null,
      compared: 0,
      agreed: 0,
    });
  });
});
