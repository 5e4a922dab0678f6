/**
 * `pnpm demo`: the whole stack on the embedded defaults (PGlite, the in-process signal store, notices
 * as .eml files) in one process, fed by the simulator in accelerated simulated time, so the console
 * fills with real cases within a minute. Prints the URL and a demo reviewer's sign-in. Each run
 * starts from a clean .data/demo (a DATA_DIR given in the environment is used as it is). Ctrl-C stops it.
 *
 * Options: --seed N (default 1), --accounts N per round (default 300), --speed X simulated seconds per
 * wall second (default 120), --appeal-share S of the suspended abusers who appeal (default 0.3;
 * honest holders and takeover victims always do).
 */
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { baseUrl, buildApp, generateApiKey, loadConfig, loggerOptions } from '@gavel/server';
import { appealText, appellant, readNewNotices, submitAppeal } from './demoAppeals';
import { httpTarget } from './httpTarget';
import type { ProfileName } from './profiles';
import { loadRealHam, sharedDataDir } from './realHam';
import { type AccountOutcome, runScenario } from './run';
import { buildScenario } from './scenario';
import { formatSummaryTable, summarize } from './summary';

const DEMO_REVIEWER = 'demo@gavel.local';
const noticeEmail = (accountId: string) => `holder+${accountId}@example.test`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      accounts: { type: 'string', default: '300' },
      speed: { type: 'string', default: '120' },
      'appeal-share': { type: 'string', default: '0.3' },
    },
  });
  const seed = Number(values.seed);
  const accounts = Number(values.accounts);
  const speed = Number(values.speed);
  const appealShare = Number(values['appeal-share']);

  const apiKey = generateApiKey();
  const password = randomBytes(12).toString('base64url');
  // The caller's environment is read once, here: the demo's server gets it with the demo's settings
  // on top (its defaults where the caller set nothing).
  const caller: Record<string, string | undefined> = { ...process.env };
  const ownDataDir = caller.DATA_DIR === undefined;
  const env: Record<string, string | undefined> = {
    // The previous content model in shadow, so the dashboard's agreement chart has something to show.
    SHADOW_MODEL: 'content-2026.12.1',
    LOG_LEVEL: 'warn',
    ...caller,
    DATA_DIR: caller.DATA_DIR ?? '.data/demo',
    // The simulator's clock runs `speed` times faster than the wall: the signal windows follow it.
    SIGNAL_CLOCK: 'message',
    BOOTSTRAP_API_KEY: apiKey,
    BOOTSTRAP_ADMIN_EMAIL: DEMO_REVIEWER,
    BOOTSTRAP_ADMIN_PASSWORD: password,
  };
  // Demo data only: every run starts clean so the reviewer's password and the charts are this run's.
  // A DATA_DIR given by the caller is never wiped (it may be `pnpm start`'s).
  if (ownDataDir) rmSync(loadConfig(env).dataDir, { recursive: true, force: true });
  const config = loadConfig(env);
  const app = await buildApp(config, { logger: loggerOptions(config) });
  await app.listen({ port: config.port, host: config.host });
  await app.apiKeys.ensureBootstrapKey(config.bootstrapApiKey);
  const url = baseUrl(config);
  process.stdout.write(
    [
      '',
      `Gavel demo on ${url}: the simulator is sending traffic (${speed}x simulated time).`,
      `  Review console: ${url}/review/login`,
      `    email ${DEMO_REVIEWER}   password ${password}   (this run only)`,
      `  Dashboard: ${url}/review/dashboard   notices: ${join(config.dataDir, 'mail')}`,
      `  API key (this run only): ${apiKey}`,
      '  Ctrl-C to stop.',
      '',
      '',
    ].join('\n'),
  );

  const stop = new AbortController();
  const shutdown = async () => {
    stop.abort();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  const realHam = loadRealHam(sharedDataDir());
  const target = httpTarget({ url, apiKey });
  const mailDir = join(config.dataDir, 'mail');
  const seenMail = new Set<string>();
  const profiles = new Map<string, ProfileName>();
  let appeals = 0;

  // Holders read their notices and some appeal: every honest account wrongly suspended, every
  // takeover victim, and a share of the other abusers (chosen by a hash of the account id, so a seed
  // gives the same appeals). See `appellant`.
  const appealLoop = setInterval(async () => {
    for (const notice of await readNewNotices(mailDir, seenMail)) {
      const accountId = /^holder\+(.+)@example\.test$/.exec(notice.to)?.[1];
      if (!accountId) continue;
      const profile = profiles.get(accountId);
      const roll = createHash('sha256').update(accountId).digest().readUInt32BE(0) % 1000;
      const kind = profile ? appellant(profile, roll, appealShare) : null;
      if (!kind) continue;
      const status = await submitAppeal(notice.appealUrl, {
        explanation: appealText(kind, roll),
        contactEmail: notice.to,
      }).catch(() => 0);
      if (status === 201) appeals++;
    }
  }, 3_000);
  appealLoop.unref();

  for (let round = 0; !stop.signal.aborted; round++) {
    const runId = `demo${seed + round}`;
    const scenario = buildScenario({ seed: seed + round, accounts, start: Date.now(), runId, realHam });
    for (const a of scenario.accounts) profiles.set(a.accountId, a.profile);
    // Notices need an address: each simulated holder gets one (the mail goes to .eml files).
    for (const a of scenario.accounts) {
      await fetch(`${url}/v1/admin/accounts/${encodeURIComponent(a.accountId)}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ noticeEmail: noticeEmail(a.accountId) }),
      });
    }
    let last = 0;
    const result = await runScenario(scenario, target, {
      pace: { wallStart: Date.now(), speed },
      signal: stop.signal,
      onProgress: (done, total) => {
        const now = Date.now();
        if (now - last < 10_000 && done < total) return;
        last = now;
        process.stdout.write(
          `round ${round + 1}: ${done}/${total} messages, ${appeals} appeals submitted so far\n`,
        );
      },
    });
    if (stop.signal.aborted) break;
    const rows = summarize(result.accounts as AccountOutcome[]);
    process.stdout.write(`\nround ${round + 1} done:\n${formatSummaryTable(rows)}\n\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
