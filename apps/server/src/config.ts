import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRedisUrl } from '@gavel/signals';
import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';

// The only module that reads process.env. Everything else receives a typed `Config`.

export const ROLES = ['scoring', 'review', 'worker'] as const;
export type Role = (typeof ROLES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Relative DATA_DIR and MODEL_DIR resolve from here, so `pnpm start` behaves the same from any folder. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const Port = Type.Integer({ minimum: 0, maximum: 65_535 });
const PositiveInt = Type.Integer({ minimum: 1 });
const Text = Type.String({ minLength: 1 });

/** The environment, as one schema. Defaults here are the embedded defaults of DESIGN.md. */
export const EnvSchema = Type.Object({
  PORT: Type.Optional(Port),
  HOST: Type.Optional(Text),
  DATA_DIR: Type.Optional(Text),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  /** `redis://host:port` (one server) or `redis+cluster://host:port,host:port` (a Redis Cluster, any masters as seeds); `rediss` for TLS. */
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?(\\+cluster)?://' })),
  /** Key prefix in Redis; tests give each run its own. */
  REDIS_PREFIX: Type.Optional(Text),
  /** Comma-separated subset of scoring,review,worker. */
  ROLES: Type.Optional(
    Type.String({ pattern: '^\\s*(scoring|review|worker)(\\s*,\\s*(scoring|review|worker))*\\s*$' }),
  ),
  MODEL_DIR: Type.Optional(Text),
  /** A second content model (a version in MODEL_DIR, e.g. content-2026.11.1) scored in shadow on every message. */
  SHADOW_MODEL: Type.Optional(Type.String({ pattern: '^content-[0-9A-Za-z.-]+$' })),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  SECRET: Type.Optional(Type.String({ minLength: 32 })),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  /** Sender of notices. */
  MAIL_FROM: Type.Optional(Text),
  BOOTSTRAP_API_KEY: Type.Optional(Type.String({ pattern: '^gvl_[A-Za-z0-9_-]{43,}$' })),
  BOOTSTRAP_ADMIN_EMAIL: Type.Optional(Type.String({ format: 'email' })),
  BOOTSTRAP_ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 12 })),
  SCORE_BUDGET_MS: Type.Optional(PositiveInt),
  /** Added to SCORE_BUDGET_MS for each message of a batch after the first (default 0.5 ms). */
  SCORE_BUDGET_PER_MESSAGE_MS: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  BATCH_WINDOW_MS: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  APPEAL_DUE_HOURS: Type.Optional(PositiveInt),
  CLAIM_TTL_MINUTES: Type.Optional(PositiveInt),
  /** Live claims one reviewer may hold at once (claim and claim-next answer 409 CLAIM_LIMIT_REACHED past it). */
  MAX_CLAIMS_PER_REVIEWER: Type.Optional(PositiveInt),
  RETENTION_EXCERPT_DAYS: Type.Optional(PositiveInt),
  RETENTION_INTERVAL_MINUTES: Type.Optional(PositiveInt),
  OUTBOX_MAX_ATTEMPTS: Type.Optional(PositiveInt),
  /** How long a verified (or revoked) API key is trusted before it is looked up again. */
  API_KEY_CACHE_TTL_MS: Type.Optional(Type.Integer({ minimum: 0 })),
  LOG_LEVEL: Type.Optional(Type.Enum(LOG_LEVELS)),
  /** Longest any request waits for one PostgreSQL statement before answering 503 UNAVAILABLE. */
  DATABASE_TIMEOUT_MS: Type.Optional(PositiveInt),
  /** How often each replica checks whether an API key was revoked elsewhere (must stay under 1 s). */
  /** A request body still incomplete this long after its headers gets 408 and the connection closes. */
  BODY_TIMEOUT_MS: Type.Optional(PositiveInt),
  KEY_REVOCATION_POLL_MS: Type.Optional(Type.Integer({ minimum: 10, maximum: 1_000 })),
  /** Sign-in attempts per email (known or not) in one lock window; past it, 429 LOGIN_LOCKED. */
  LOGIN_MAX_ATTEMPTS: Type.Optional(PositiveInt),
  /** Failed sign-in attempts per client address (over every email) in one lock window. */
  LOGIN_MAX_ATTEMPTS_PER_ADDRESS: Type.Optional(PositiveInt),
  /** Length of the window, which is also how long a lock lasts at most. */
  LOGIN_LOCK_MINUTES: Type.Optional(PositiveInt),
  /** Per API key, on /v1/score, /v1/score/batch and /v1/events: messages (or events) per second. Unset: no limit. */
  RATE_LIMIT_PER_KEY: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  /** Bucket size for RATE_LIMIT_PER_KEY (default: one second's worth, at least 1). */
  RATE_LIMIT_BURST: Type.Optional(PositiveInt),
  /** `wall` (default) or `message`: the signal windows end at the newest sentAt seen (simulated traffic). */
  SIGNAL_CLOCK: Type.Optional(Type.Union([Type.Literal('wall'), Type.Literal('message')])),
});
export type Env = Static<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  /** Absolute. Holds the PGlite database, the generated secret, mail files and the decision spill. */
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  redisPrefix: string;
  roles: ReadonlySet<Role>;
  /** Absolute. */
  modelDir: string;
  /** Shadow content model version: recorded per decision, never used for the action; null = none. */
  shadowModel: string | null;
  /** Base of links in notices (the appeal portal), no trailing slash. */
  publicUrl: string;
  /** Keys body hashes, appeal tokens and webhook signatures (each through its own derived key). */
  secret: string;
  smtpUrl: string | null;
  mailFrom: string;
  bootstrapApiKey: string | null;
  bootstrapAdminEmail: string | null;
  bootstrapAdminPassword: string | null;
  scoreBudgetMs: number;
  scoreBudgetPerMessageMs: number;
  batchWindowMs: number;
  appealDueHours: number;
  claimTtlMinutes: number;
  maxClaimsPerReviewer: number;
  retentionExcerptDays: number;
  /** How often the retention job runs (it also finishes erasures that open cases held back). */
  retentionIntervalMinutes: number;
  outboxMaxAttempts: number;
  apiKeyCacheTtlMs: number;
  logLevel: (typeof LOG_LEVELS)[number];
  databaseTimeoutMs: number;
  keyRevocationPollMs: number;
  bodyTimeoutMs: number;
  loginMaxAttempts: number;
  loginMaxAttemptsPerAddress: number;
  loginLockMinutes: number;
  /** Token bucket per API key on the pipeline routes; null = off. */
  rateLimitPerKey: { ratePerSecond: number; burst: number } | null;
  /** `message`: the signal store's clock follows the traffic's own times (pnpm simulate / demo). */
  signalClock: 'wall' | 'message';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const checkEnv = Compile(EnvSchema);

/**
 * Parses and validates the environment once, at boot. `env` defaults to `process.env`; tests pass
 * their own object. Unknown variables are ignored; an invalid one stops the process with its name.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known: Record<string, unknown> = {};
  for (const key of Object.keys(EnvSchema.properties)) {
    const raw = env[key];
    if (raw !== undefined && raw !== '') known[key] = raw;
  }
  const parsed = Value.Convert(EnvSchema, known);
  if (!checkEnv.Check(parsed)) {
    const problems = checkEnv
      .Errors(parsed)
      .map((e) => `${e.instancePath.slice(1) || '(root)'}: ${e.message}`)
      .join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const e = parsed as Env;
  if (e.REDIS_URL !== undefined) {
    try {
      parseRedisUrl(e.REDIS_URL);
    } catch (error) {
      // The parser's message never echoes the URL (it may hold a password).
      throw new ConfigError(`invalid configuration: REDIS_URL: ${(error as Error).message}`);
    }
  }
  const port = e.PORT ?? 3000;
  const dataDir = fromRepoRoot(e.DATA_DIR ?? '.data');
  const roles = new Set<Role>(
    (e.ROLES ?? ROLES.join(','))
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean) as Role[],
  );
  return {
    port,
    host: e.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.REDIS_PREFIX ?? 'gavel:',
    roles,
    modelDir: fromRepoRoot(e.MODEL_DIR ?? 'models'),
    shadowModel: e.SHADOW_MODEL ?? null,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    secret: e.SECRET ?? loadOrCreateSecret(dataDir),
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM ?? 'Gavel <no-reply@gavel.invalid>',
    bootstrapApiKey: e.BOOTSTRAP_API_KEY ?? null,
    bootstrapAdminEmail: e.BOOTSTRAP_ADMIN_EMAIL ?? null,
    bootstrapAdminPassword: e.BOOTSTRAP_ADMIN_PASSWORD ?? null,
    scoreBudgetMs: e.SCORE_BUDGET_MS ?? 50,
    scoreBudgetPerMessageMs: e.SCORE_BUDGET_PER_MESSAGE_MS ?? 0.5,
    batchWindowMs: e.BATCH_WINDOW_MS ?? 1,
    appealDueHours: e.APPEAL_DUE_HOURS ?? 24,
    claimTtlMinutes: e.CLAIM_TTL_MINUTES ?? 30,
    maxClaimsPerReviewer: e.MAX_CLAIMS_PER_REVIEWER ?? 10,
    retentionExcerptDays: e.RETENTION_EXCERPT_DAYS ?? 30,
    retentionIntervalMinutes: e.RETENTION_INTERVAL_MINUTES ?? 60,
    outboxMaxAttempts: e.OUTBOX_MAX_ATTEMPTS ?? 8,
    apiKeyCacheTtlMs: e.API_KEY_CACHE_TTL_MS ?? 5_000,
    logLevel: e.LOG_LEVEL ?? 'info',
    databaseTimeoutMs: e.DATABASE_TIMEOUT_MS ?? 2_000,
    keyRevocationPollMs: e.KEY_REVOCATION_POLL_MS ?? 250,
    bodyTimeoutMs: e.BODY_TIMEOUT_MS ?? 10_000,
    loginMaxAttempts: e.LOGIN_MAX_ATTEMPTS ?? 5,
    loginMaxAttemptsPerAddress: e.LOGIN_MAX_ATTEMPTS_PER_ADDRESS ?? 50,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES ?? 15,
    rateLimitPerKey:
      e.RATE_LIMIT_PER_KEY === undefined
        ? null
        : {
            ratePerSecond: e.RATE_LIMIT_PER_KEY,
            burst: e.RATE_LIMIT_BURST ?? Math.max(1, Math.ceil(e.RATE_LIMIT_PER_KEY)),
          },
    signalClock: e.SIGNAL_CLOCK ?? 'wall',
  };
}

function fromRepoRoot(path: string): string {
  return isAbsolute(path) ? path : resolve(REPO_ROOT, path);
}

/**
 * SECRET unset: generate 32 random bytes once and keep them in DATA_DIR/secret (mode 0600), so
 * appeal links and body hashes stay valid across restarts of the embedded setup.
 */
function loadOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'secret');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    // 'wx': if another process created it first, read theirs.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch {
    return readFileSync(file, 'utf8').trim();
  }
}
