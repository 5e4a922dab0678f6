/**
 * Featurize throughput on SMS-length text, one core. Run: pnpm tsx packages/features/src/featurize.bench.ts
 * Target (issue 2): >= 50,000 messages/s.
 *
 * Reports messages per CPU-second of this process (user + system time): the machine is shared, so
 * wall-clock time over-states the cost under load, while CPU time is what one core spends.
 */
import { GOLDEN_MESSAGES } from './golden.messages';
import {
  analyze,
  createFeatureRow,
  FEATURE_SCHEMA_VERSION,
  type FeatureSchemaVersion,
  featurize,
  V2_FEATURE_SCHEMA_VERSION,
} from './index';

// SMS-length messages from the hand-written golden set (ham, spam, smishing, several languages,
// evasion tricks): as written (40-160 chars), and joined in pairs to a full 160-char SMS.
const SHORT = GOLDEN_MESSAGES.filter((m) => m.length >= 40 && m.length <= 160);
const FULL = SHORT.map((m, i) => `${m} ${SHORT[(i + 7) % SHORT.length]}`.slice(0, 160));

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
  messages: string[],
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
