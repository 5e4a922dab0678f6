import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentModel, NUM_ACCOUNT_FEATURES } from '@gavel/model';
import { afterAll, describe, expect, it } from 'vitest';
import { fitLogistic, trainAccountModel } from './accountTraining';
import { createProgress } from './progress';
import { modelsDir } from './repoRoot';

describe('account model training', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('fits a separable toy problem in the right direction', () => {
    const x = Array.from({ length: 40 }, (_, i) => {
      const row = new Float64Array(NUM_ACCOUNT_FEATURES);
      row[3] = i < 20 ? 0.1 + (i % 5) * 0.05 : 0.6 + (i % 5) * 0.05;
      return row;
    });
    const y = Uint8Array.from({ length: 40 }, (_, i) => (i < 20 ? 0 : 1));
    const fit = fitLogistic(x, y, new Float64Array(40).fill(1));
    expect(fit.weights[3]).toBeGreaterThan(1);
    expect(fit.weights[0]).toBe(0);
  });

  it('retrains byte-identically from the same seeds', async () => {
    const content = await ContentModel.load({ modelDir: modelsDir() });
    const train = async () => {
      const outDir = mkdtempSync(join(tmpdir(), 'gavel-account-'));
      dirs.push(outDir);
      await trainAccountModel({
        content,
        outDir,
        version: 'account-test.1',
        trainSeeds: [11],
        evalSeeds: [12],
        accountsPerSeed: 40,
        evalAccounts: 20,
        realHam: [],
        realHamSource: null,
        progress: createProgress(process.stderr, true),
      });
      return {
        onnx: readFileSync(join(outDir, 'account-test.1.onnx')),
        card: readFileSync(join(outDir, 'account-test.1.json'), 'utf8'),
      };
    };
    const first = await train();
    const second = await train();
    await content.close();
    expect(Buffer.compare(first.onnx, second.onnx)).toBe(0);
    expect(second.card).toBe(first.card);
    const card = JSON.parse(first.card);
    expect(card.thresholds.suspend).toBeGreaterThanOrEqual(card.thresholds.flag);
    expect(card.onnx.parityMaxAbsDiff).toBeLessThan(1e-5);
    expect(card.evaluation.unseenVariants.length).toBeGreaterThan(5);
  });
});
