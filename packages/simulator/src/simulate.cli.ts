/**
 * `pnpm simulate --url <base URL> --key <API key> --seed <n> [--accounts N] [--unseen] [--json]`
 * Plays a seeded scenario against a running Gavel and prints a table per profile. With --json the
 * last line of stdout is the same as a JSON array. Progress goes to stderr.
 *
 * The scenario's 12 simulated hours are sent as fast as the server answers, so the server must run
 * with SIGNAL_CLOCK=message (its signal windows then end at the traffic's own sentAt); on the wall
 * clock every window would be read at "now", hours after most of the traffic.
 */
import { parseArgs } from 'node:util';
import { httpTarget } from './httpTarget';
import { createProgressBar } from './progressBar';
import { loadRealHam, sharedDataDir } from './realHam';
import { runScenario } from './run';
import { buildScenario } from './scenario';
import { formatSummaryTable, summarize } from './summary';

const USAGE =
  'usage: pnpm simulate --url <base URL> --key <API key> --seed <n> [--accounts N] [--unseen] [--span-hours H] [--run-id ID] [--json]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      key: { type: 'string' },
      seed: { type: 'string' },
      accounts: { type: 'string', default: '200' },
      unseen: { type: 'boolean', default: false },
      'span-hours': { type: 'string', default: '12' },
      'run-id': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const seed = Number(values.seed);
  const accounts = Number(values.accounts);
  const spanHours = Number(values['span-hours']);
  if (
    !values.url ||
    !values.key ||
    !Number.isInteger(seed) ||
    !(accounts > 0) ||
    !(spanHours > 0 && spanHours <= 20)
  ) {
    process.stderr.write(
      `${USAGE}\n(--span-hours at most 20: Gavel's windows reach back 24 hours; start the server with SIGNAL_CLOCK=message)\n`,
    );
    return 2;
  }
  const spanMs = spanHours * 3_600_000;
  // Simulated time ends an hour before now, so every event (even late complaints) is in the past.
  const start = Date.now() - spanMs - 3 * 3_600_000;
  const scenario = buildScenario({
    seed,
    accounts,
    start,
    spanMs,
    set: values.unseen ? 'unseen' : 'train',
    runId: values['run-id'] ?? `sim${seed}-${Date.now().toString(36)}`,
    realHam: loadRealHam(sharedDataDir()),
  });
  process.stderr.write(
    `simulating ${scenario.accounts.length} accounts, ${scenario.messages.length} messages over ${spanHours} h (seed ${seed})\n`,
  );
  const result = await runScenario(scenario, httpTarget({ url: values.url, apiKey: values.key }), {
    onProgress: createProgressBar(process.stderr, 'messages'),
  });
  const rows = summarize(result.accounts);
  process.stdout.write(`${formatSummaryTable(rows)}\n`);
  const honestSuspended = rows.reduce((s, r) => s + r.honestSuspended, 0);
  process.stdout.write(`\nhonest accounts suspended: ${honestSuspended}; events sent: ${result.events}\n`);
  if (values.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`simulate failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
