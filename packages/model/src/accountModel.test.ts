import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptySignals } from '@gavel/signals';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { NUM_ACCOUNT_FEATURES } from './accountFeatures';
import { AccountModel, accountReference, readAccountParams, runAccountOnnx } from './accountModel';

const MODEL_DIR = fileURLToPath(new URL('../../../models', import.meta.url));

describe('AccountModel (the committed model)', () => {
  it('agrees with its TypeScript reference to 1e-5 on random and extreme feature rows', async () => {
    const model = await AccountModel.load({ modelDir: MODEL_DIR });
    const bytes = readFileSync(join(MODEL_DIR, model.card.onnxFile));
    const params = readAccountParams(bytes);
    let state = 12345;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 2 ** 32;
    };
    const rows = Array.from({ length: 200 }, (_, i) =>
      Float32Array.from({ length: NUM_ACCOUNT_FEATURES }, () => (i < 2 ? i : next())),
    );
    const session = await ort.InferenceSession.create(bytes);
    const onnxRisks = await runAccountOnnx(session, rows);
    await session.release();
    for (let i = 0; i < rows.length; i++)
      expect(Math.abs(accountReference(params, rows[i]).risk - onnxRisks[i])).toBeLessThan(1e-5);
  });

  it('scores an account with no history below the flag threshold, and names its version', async () => {
    const model = await AccountModel.load({ modelDir: MODEL_DIR });
    const fresh = model.score(emptySignals(), { score: 0.01, suspicious: false, abusive: false });
    expect(fresh.risk).toBeLessThan(model.card.thresholds.flag);
    expect(fresh.version).toBe(model.version);
  });
});
