/**
 * Featurize throughput on SMS-length text, one core. Run: pnpm tsx packages/features/src/featurize.bench.ts
 * Target (issue 2): >= 50,000 messages/s.
 *
 * Reports messages per CPU-second of this process (user + system time): the machine is shared, so
 * wall-clock time over-states the cost under load, while CPU time is what one core spends.
 */
import { SMS_160, SMS_AS_WRITTEN } from './benchMessages';
import {
  analyze,
  createFeatureRow,
  FEATURE_SCHEMA_VERSION,
  type FeatureSchemaVersion,
  featurize,
  V2_FEATURE_SCHEMA_VERSION,
} from './index';

const SHORT = SMS_AS_WRITTEN;
const FULL = SMS_160;

const row = createFeatureRow();
let sink = 0;

function cpuSeconds(iterations: number, body: (i: number) => void): number {
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) body(i);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function bench(
  label: string,
  messages: readonly string[],
  version: FeatureSchemaVersion = FEATURE_SCHEMA_VERSION,
): void {
  const featurizeOne = (i: number) => {
    sink += featurize(messages[i % messages.length], row, { version }).count;
  };
  const analyzeOne = (i: number) => {
    sink += analyze(messages[i % messages.length], version).normalized.length;
  };
  cpuSeconds(20_000, featurizeOne); // warm-up: let the JIT settle
  const iterations = 100_000;
  let best = Number.POSITIVE_INFINITY;
  let bestAnalyze = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    best = Math.min(best, cpuSeconds(iterations, featurizeOne));
    bestAnalyze = Math.min(bestAnalyze, cpuSeconds(iterations, analyzeOne));
  }
  const chars = Math.round(messages.reduce((n, m) => n + m.length, 0) / messages.length);
  console.log(
    `${label}, schema ${version} (${messages.length} messages, avg ${chars} chars): featurize ` +
      `${Math.round(iterations / best).toLocaleString('en')} messages/s on one core ` +
      `(${((best / iterations) * 1e6).toFixed(2)} µs each, of which analyze ${((bestAnalyze / iterations) * 1e6).toFixed(2)} µs)`,
  );
}

bench('SMS as written', SHORT);
bench('SMS of 160 chars', FULL);
// The previous schema in the same run, so the two compare as a ratio on a shared machine.
bench('SMS of 160 chars', FULL, V2_FEATURE_SCHEMA_VERSION);
if (sink === 0) console.log('unreachable');
