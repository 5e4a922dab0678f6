/**
 * The load generator, run as a child process pinned to its own core by run.ts:
 *   tsx tests/bench/load.ts '<json options>'
 * Prints one JSON line with the autocannon figures.
 */
import autocannon from 'autocannon';
import { createTraffic } from './traffic';

interface LoadOptions {
  url: string;
  kind: 'hello' | 'score' | 'batch';
  connections: number;
  durationS: number;
  apiKey?: string;
  batchSize?: number;
  overallRate?: number;
  /** A fixed number of requests instead of a duration (the instruction counts). */
  amount?: number;
  runId: string;
  seed: number;
}

const opts = JSON.parse(process.argv[2]) as LoadOptions;
const traffic = createTraffic({ seed: opts.seed, accounts: 5_000, abusiveShare: 0.02, runId: opts.runId });
const headers = { 'content-type': 'application/json', authorization: `Bearer ${opts.apiKey ?? ''}` };

const requests =
  opts.kind === 'hello'
    ? [{ method: 'GET' as const, path: '/hello' }]
    : [
        {
          method: 'POST' as const,
          path: opts.kind === 'score' ? '/v1/score' : '/v1/score/batch',
          headers,
          setupRequest: (req: Record<string, unknown>) => {
            const body =
              opts.kind === 'score'
                ? traffic.next()
                : { messages: Array.from({ length: opts.batchSize ?? 100 }, () => traffic.next()) };
            return { ...req, body: JSON.stringify(body) };
          },
        },
      ];

const result = await autocannon({
  url: opts.url,
  connections: opts.connections,
  duration: opts.durationS,
  requests,
  ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
  ...(opts.amount ? { amount: opts.amount } : {}),
});

process.stdout.write(
  `${JSON.stringify({
    requestsPerSec: result.requests.average,
    total: result.requests.total,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  })}\n`,
);
