import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enqueueOutbox, insertDecisions } from '@gavel/db';
import { createTestDatabase, decisions, outbox, type TestDatabase } from '@gavel/db/testing';
import { eq } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Metrics } from '../metrics';
import { verifyWebhookSignature, webhookSigningKey } from '../notices/webhookSignature';
import { createMailSender } from './mailTransport';
import { OutboxWorker } from './outboxWorker';
import { RetentionJob } from './retentionJob';

const SECRET = 'worker-test-secret-0123456789abcdef0123';
let database: TestDatabase;
let mailDir: string;
let receiver: {
  url: string;
  hits: { headers: IncomingHttpHeaders; body: string; path: string }[];
  close(): void;
};

beforeAll(async () => {
  database = await createTestDatabase();
  mailDir = mkdtempSync(join(tmpdir(), 'gavel-mail-'));
  const hits: { headers: IncomingHttpHeaders; body: string; path: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), path: req.url ?? '' });
      res.writeHead(req.url === '/fail' ? 500 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
});

afterAll(async () => {
  receiver?.close();
  await database?.close();
  rmSync(mailDir, { recursive: true, force: true });
});

function newWorker(metrics = new Metrics()) {
  const worker = new OutboxWorker({
    db: database.db,
    mail: createMailSender({ smtpUrl: null, mailDir }),
    mailFrom: 'Gavel <no-reply@gavel.invalid>',
    secret: SECRET,
    metrics,
    log: Fastify().log,
    maxAttempts: 3,
    baseBackoffMs: 0,
  });
  return { worker, metrics };
}

describe('outbox delivery', () => {
  it('writes an email as DATA_DIR/mail/<idempotency-key>.eml and posts a signed webhook', async () => {
    await enqueueOutbox(database.db, [
      {
        topic: 'test',
        payload: {
          kind: 'email',
          to: 'owner@example.com',
          subject: 'Hello',
          text: 'plain body',
          html: '<p>html body</p>',
        },
        idempotencyKey: 'test.email.1',
      },
      {
        topic: 'test',
        payload: {
          kind: 'webhook',
          url: `${receiver.url}/ok`,
          event: 'account.suspended',
          body: { hello: 'world' },
        },
        idempotencyKey: 'test.webhook.1',
      },
    ]);
    const { worker, metrics } = newWorker();
    expect(await worker.runOnce()).toBe(2);

    const eml = readFileSync(join(mailDir, 'test.email.1.eml'), 'utf8');
    expect(eml).toContain('To: owner@example.com');
    expect(eml).toContain('Subject: Hello');
    expect(eml).toContain('plain body');
    const hit = receiver.hits.find((h) => h.headers['idempotency-key'] === 'test.webhook.1');
    expect(hit?.headers['gavel-event']).toBe('account.suspended');
    // No account on the row: the key is derived for the empty account id.
    expect(
      verifyWebhookSignature(
        hit?.headers['gavel-signature'] as string,
        hit?.body ?? '',
        webhookSigningKey(SECRET, ''),
      ),
    ).toBe(true);
    expect((await metrics.outboxDelivered.get()).values.reduce((n, v) => n + v.value, 0)).toBe(2);
    const rows = await database.db.select().from(outbox);
    expect(rows.every((r) => r.status === 'sent' && r.sentAt !== null)).toBe(true);
  });

  it('retries a failing webhook with backoff and dead-letters it after the last attempt', async () => {
    await enqueueOutbox(database.db, [
      {
        topic: 'test',
        payload: { kind: 'webhook', url: `${receiver.url}/fail`, event: 'x', body: {} },
        idempotencyKey: 'test.webhook.fail',
      },
    ]);
    const { worker, metrics } = newWorker();
    for (let i = 0; i < 5; i++) await worker.runOnce();
    const [row] = await database.db
      .select()
      .from(outbox)
      .where(eq(outbox.idempotencyKey, 'test.webhook.fail'));
    expect(row).toMatchObject({ status: 'dead', attempts: 3 });
    expect(row.lastError).toContain('HTTP 500');
    expect(receiver.hits.filter((h) => h.path === '/fail')).toHaveLength(3);
    expect((await metrics.outboxDead.get()).values[0].value).toBe(1);
    expect((await metrics.outboxFailures.get()).values[0].value).toBe(2);
  });

  it('never lets two workers deliver the same row', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `test.race.${i}`);
    await enqueueOutbox(
      database.db,
      keys.map((k) => ({
        topic: 'test',
        payload: { kind: 'webhook' as const, url: `${receiver.url}/race`, event: 'x', body: { k } },
        idempotencyKey: k,
      })),
    );
    const a = newWorker().worker;
    const b = newWorker().worker;
    while ((await Promise.all([a.runOnce(), b.runOnce()])).some((n) => n > 0)) {}
    const delivered = receiver.hits
      .filter((h) => h.path === '/race')
      .map((h) => h.headers['idempotency-key']);
    expect(delivered.sort()).toEqual([...keys].sort());
    expect(readdirSync(mailDir)).toEqual(['test.email.1.eml']);
  });
});

describe('retention', () => {
  it('clears excerpts older than the retention period and keeps recent ones', async () => {
    const row = (messageId: string, daysAgo: number) => ({
      messageId,
      accountId: 'AC-retention',
      channel: 'sms' as const,
      score: 0.9,
      action: 'block' as const,
      reasons: [],
      accountStatus: 'active' as const,
      accountRisk: 0.5,
      modelVersion: 'm',
      policyVersion: 'p',
      bodyHash: 'f'.repeat(64),
      excerpt: 'Pay the fee at bit.ly/…',
      features: {},
      degraded: [],
      decidedAt: new Date(Date.now() - daysAgo * 86_400_000),
    });
    await insertDecisions(database.db, [row('SM-old', 31), row('SM-new', 1)]);
    const metrics = new Metrics();
    const job = new RetentionJob({
      db: database.db,
      excerptDays: 30,
      intervalMinutes: 60,
      finishErasures: async () => 0,
      metrics,
      log: Fastify().log,
    });
    const run = await job.runOnce();
    metrics.close();
    expect([run.ok, run.excerptsCleared, run.erasuresCompleted]).toEqual([true, 1, 0]);
    const rows = await database.db.select().from(decisions).where(eq(decisions.accountId, 'AC-retention'));
    const byId = new Map(rows.map((r) => [r.messageId, r.excerpt]));
    expect(byId.get('SM-old')).toBeNull();
    expect(byId.get('SM-new')).toBe('Pay the fee at bit.ly/…');
  });
});
