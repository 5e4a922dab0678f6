import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, REPO_ROOT } from './config';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'gavel-config-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('gives the embedded defaults with nothing configured', () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: null,
      redisUrl: null,
      scoreBudgetMs: 50,
      batchWindowMs: 1,
      appealDueHours: 24,
      claimTtlMinutes: 30,
      retentionExcerptDays: 30,
      retentionIntervalMinutes: 60,
      outboxMaxAttempts: 8,
      publicUrl: 'http://localhost:3000',
      modelDir: join(REPO_ROOT, 'models'),
      loginMaxAttempts: 5,
      loginLockMinutes: 15,
      rateLimitPerKey: null,
    });
    expect([...config.roles]).toEqual(['scoring', 'review', 'worker']);
  });

  it('turns the per-key rate limit on with a rate, the burst defaulting to one second of it', () => {
    const base = { DATA_DIR: tempDir() };
    expect(loadConfig({ ...base, RATE_LIMIT_PER_KEY: '250' }).rateLimitPerKey).toEqual({
      ratePerSecond: 250,
      burst: 250,
    });
    expect(
      loadConfig({ ...base, RATE_LIMIT_PER_KEY: '0.5', RATE_LIMIT_BURST: '20' }).rateLimitPerKey,
    ).toEqual({
      ratePerSecond: 0.5,
      burst: 20,
    });
    expect(() => loadConfig({ ...base, RATE_LIMIT_PER_KEY: '0' })).toThrow(/RATE_LIMIT_PER_KEY/);
  });

  it('generates SECRET once and keeps it in DATA_DIR', () => {
    const dataDir = tempDir();
    const first = loadConfig({ DATA_DIR: dataDir }).secret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dataDir, 'secret'), 'utf8').trim()).toBe(first);
    expect(loadConfig({ DATA_DIR: dataDir }).secret).toBe(first);
  });

  it('resolves a relative DATA_DIR from the repository root and converts numbers', () => {
    const config = loadConfig({
      DATA_DIR: '.data-config-test',
      SECRET: 'x'.repeat(32),
      PORT: '8080',
      ROLES: 'scoring',
    });
    expect(config.dataDir).toBe(join(REPO_ROOT, '.data-config-test'));
    expect(config.port).toBe(8080);
    expect([...config.roles]).toEqual(['scoring']);
  });

  it('refuses invalid values, naming the variable', () => {
    const base = { DATA_DIR: tempDir() };
    expect(() => loadConfig({ ...base, PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ROLES: 'scoring,cooking' })).toThrow(/ROLES/);
    expect(() => loadConfig({ ...base, DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ ...base, SECRET: 'short' })).toThrow(/SECRET/);
  });

  it('takes REDIS_URL as one server or as a Redis Cluster, without echoing a password in errors', () => {
    const base = { DATA_DIR: tempDir(), SECRET: 'x'.repeat(32) };
    expect(loadConfig({ ...base, REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe(
      'redis://127.0.0.1:6379',
    );
    const cluster = 'redis+cluster://:s3cret@10.0.0.1:7000,10.0.0.2:7000,[::1]:7001';
    expect(loadConfig({ ...base, REDIS_URL: cluster }).redisUrl).toBe(cluster);
    expect(loadConfig({ ...base, REDIS_URL: 'rediss+cluster://a.example:6380' }).redisUrl).toBeTruthy();
    for (const bad of [
      'redis+cluster://:s3cret@10.0.0.1',
      'redis+cluster://:s3cret@10.0.0.1:7000/3',
      'redis://:s3cret@a:1,b:2',
      'memcached://a:1',
    ]) {
      expect(() => loadConfig({ ...base, REDIS_URL: bad }), bad).toThrow(/REDIS_URL/);
      expect(() => loadConfig({ ...base, REDIS_URL: bad })).not.toThrow(/s3cret/);
    }
  });
});
