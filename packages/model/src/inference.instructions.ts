/**
 * Instructions per message of ContentModel.scoreMany (featurize + ONNX + reasons, batches of 256) for
 * each content model version given, a figure the shared machine's noise does not move. Runs this file
 * twice per version under `valgrind --tool=callgrind`, with the same warm-up and with 0 and MEASURED
 * messages after it: the difference of the two totals is what MEASURED messages cost (start-up, model
 * load and JIT warm-up cancel out). Versions on the same feature schema featurize identically, so
 * their difference is the added inference cost.
 *   pnpm tsx packages/model/src/inference.instructions.ts content-2026.12.2 content-2026.12.3
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { callgrindTotal } from '@gavel/features/callgrind';
import { sampleMessages } from './benchMessages';
import { ContentModel } from './contentModel';

const WARMUP = 1024;
const MEASURED = 2048;
const modelDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../models');

function countUnderCallgrind(version: string, measured: number, outFile: string): number {
  return callgrindTotal(outFile, fileURLToPath(import.meta.url), ['child', version, String(measured)], {
    env: { ...process.env, ORT_DISABLE_TELEMETRY: '1' },
    showErrors: true,
  });
}

async function child(version: string, measured: number): Promise<void> {
  const model = await ContentModel.load({ modelDir, version, batchWindowMs: 0 });
  let sink = 0;
  for (const r of await model.scoreMany(sampleMessages(WARMUP))) sink += r.score;
  if (measured > 0) for (const r of await model.scoreMany(sampleMessages(measured, WARMUP))) sink += r.score;
  await model.close();
  if (!Number.isFinite(sink)) console.log('unreachable');
}

if (process.argv[2] === 'child') {
  await child(process.argv[3], Number(process.argv[4]));
} else {
  const versions = process.argv.slice(2).filter((a) => a.startsWith('content-'));
  const dir = mkdtempSync(join(tmpdir(), 'gavel-inference-cg-'));
  try {
    for (const version of versions) {
      const base = countUnderCallgrind(version, 0, join(dir, `${version}.base`));
      const full = countUnderCallgrind(version, MEASURED, join(dir, `${version}.full`));
      console.log(
        `${version}: scoreMany ${Math.round((full - base) / MEASURED).toLocaleString('en')} instructions a message ` +
          `(callgrind, ${MEASURED.toLocaleString('en')} messages in batches of 256 after ${WARMUP.toLocaleString('en')} warm-up)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
