import { getDecision } from '@gavel/db';
import { ContentModel } from '@gavel/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OwnGavel, scoreOk, startGavelOnOwnDatabase, waitFor } from './gavelHarness';
import { ABUSIVE_BODIES, HONEST_BODIES, message, uniqueId } from './sampleMessages';

// The previous content model, kept in models/ so that it can run next to the live one.
const SHADOW = 'content-2026.11.1';

let shadowed: OwnGavel;
let unshadowed: OwnGavel;

beforeAll(async () => {
  shadowed = await startGavelOnOwnDatabase({ env: { SHADOW_MODEL: SHADOW } });
  unshadowed = await startGavelOnOwnDatabase();
});

afterAll(async () => {
  await shadowed?.close();
  await unshadowed?.close();
});

describe('SHADOW_MODEL', () => {
  it('records the shadow model version and score in every decision row, and the score is that model’s', async () => {
    const bodies = [...ABUSIVE_BODIES.slice(0, 3), ...HONEST_BODIES.slice(0, 3)];
    const sent = bodies.map((b) => message(uniqueId('AC'), b));
    for (const m of sent) await scoreOk(shadowed, m);
    const previous = await ContentModel.load({ modelDir: shadowed.config.modelDir, version: SHADOW });
    try {
      const expected = await previous.scoreMany(bodies);
      for (const [i, m] of sent.entries()) {
        const row = await waitFor(() => getDecision(shadowed.database.db, m.messageId), {
          what: 'decision row',
        });
        expect(row.modelVersion).not.toBe(SHADOW);
        expect(row.shadowModelVersion).toBe(SHADOW);
        expect(row.shadowScore).toBeCloseTo(expected[i].score, 5);
      }
    } finally {
      await previous.close();
    }
  });

  it('never changes the answer: the same messages get the same action and score without a shadow', async () => {
    for (const body of [...ABUSIVE_BODIES, ...HONEST_BODIES]) {
      const accountId = uniqueId('AC');
      const m = message(accountId, body);
      const [a, b] = [await scoreOk(shadowed, m), await scoreOk(unshadowed, m)];
      expect(a.action).toBe(b.action);
      expect(a.score).toBe(b.score);
      expect(a.modelVersion).toBe(b.modelVersion);
    }
    const m = message(uniqueId('AC'), HONEST_BODIES[0]);
    await scoreOk(unshadowed, m);
    const row = await waitFor(() => getDecision(unshadowed.database.db, m.messageId), {
      what: 'decision row',
    });
    expect(row.shadowModelVersion).toBeNull();
    expect(row.shadowScore).toBeNull();
  });

  it('counts agreement of the two models on /metrics', async () => {
    const res = await shadowed.app.inject({ url: '/metrics' });
    const lines = res.body.split('\n').filter((l) => l.startsWith('gavel_shadow_agreement_total{'));
    expect(lines.length).toBeGreaterThan(0);
    const total = lines.reduce((n, l) => n + Number(l.split(' ').pop()), 0);
    expect(total).toBeGreaterThanOrEqual(6);
    expect(lines.every((l) => l.includes(`shadow_model="${SHADOW}"`))).toBe(true);
  });
});
