/**
 * Instructions per featurize() call on 160-char SMS, a figure the shared machine's noise does not
 * move (the timed featurize.bench.ts is the other view). Runs this file twice under
 * `valgrind --tool=callgrind`, with the same warm-up and with 0 and MEASURED messages after it: the
 * difference of the two totals is what MEASURED messages cost (see callgrind.ts).
 *   pnpm tsx packages/features/src/featurize.instructions.ts [--annotate]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMS_160 } from './benchMessages';
import { callgrindTotal } from './callgrind';
import { createFeatureRow, featurize } from './index';

const WARMUP = 20_000;
const MEASURED = 20_000;

function runMessages(count: number, offset: number): number {
  const row = createFeatureRow();
  let sink = 0;
  for (let i = 0; i < count; i++) sink += featurize(SMS_160[(offset + i) % SMS_160.length], row).count;
  return sink;
}

function countUnderCallgrind(measured: number, outFile: string): number {
  return callgrindTotal(outFile, fileURLToPath(import.meta.url), ['child', String(measured)]);
}

if (process.argv[2] === 'child') {
  const measured = Number(process.argv[3]);
  const sink = runMessages(WARMUP, 0) + runMessages(measured, WARMUP);
  if (sink === 0) console.log('unreachable');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'gavel-featurize-cg-'));
  try {
    const base = countUnderCallgrind(0, join(dir, 'base'));
    const full = countUnderCallgrind(MEASURED, join(dir, 'full'));
    const chars = Math.round(SMS_160.reduce((n, m) => n + m.length, 0) / SMS_160.length);
    console.log(
      `featurize, ${SMS_160.length} SMS of avg ${chars} chars: ${Math.round((full - base) / MEASURED).toLocaleString('en')} instructions each ` +
        `(callgrind, ${MEASURED.toLocaleString('en')} messages after ${WARMUP.toLocaleString('en')} warm-up)`,
    );
    if (process.argv.includes('--annotate')) {
      // Self cost per function over the whole run (warm-up included): where to look, not the figure.
      console.log(
        execFileSync('callgrind_annotate', ['--threshold=90', join(dir, 'full')], {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        })
          .split('\n')
          .slice(0, 60)
          .join('\n'),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
