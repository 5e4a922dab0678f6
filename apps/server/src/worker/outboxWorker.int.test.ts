import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enqueueOutbox, insertDecisions } from '@gavel/db';
import { createTestDatabase, decisionRow, decisions, outbox, type TestDatabase } from '@gavel/db/testing';
import { eq } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Metrics } from '../metrics';
import { verifyWebhookSignature, webhookSigningKey } from '../notices/webhookSignature';
import { startWebhookReceiver, type WebhookReceiver } from '../testing';
import { createMailSender } from './mailTransport';
import { OutboxWorker } from './outboxWorker';
import { RetentionJob } from './retentionJob';

const SECRET = 'worker-test-secret-0123456789abcdef0123';
let database: TestDatabase;
let mailDir: string;
let receiver: WebhookReceiver;

beforeAll(async () => {
  database = await createTestDatabase();
  mailDir = mkdtempSync(join(tmpdir(), 'gavel-mail-'));
  receiver = await startWebhookReceiver({ status: (path) => (path === '/fail' ? 500 : 200) });
});

afterAll(async () => {
  await receiver?.close();
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
          url: `${receiver.origin}/ok`,
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
    const hit = receiver.received.find((h) => h.headers['idempotency-key'] === 'test.webhook.1');
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
        payload: { kind: 'webhook', url: `${receiver.origin}/fail`, event: 'x', body: {} },
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
    expect(receiver.received.filter((h) => h.path === '/fail')).toHaveLength(3);
    expect((await metrics.outboxDead.get()).values[0].value).toBe(1);
    expect((await metrics.outboxFailures.get()).values[0].value).toBe(2);
  });

  it('never lets two workers deliver the same row', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `test.race.${i}`);
    await enqueueOutbox(
      database.db,
      keys.map((k) => ({
        topic: 'test',
        payload: { kind: 'webhook' as const, url: `${receiver.origin}/race`, event: 'x', body: { k } },
        idempotencyKey: k,
      })),
    );
    const a = newWorker().worker;
    const b = newWorker().worker;
    while ((await Promise.all([a.runOnce(), b.runOnce()])).some((n) => n > 0)) {}
    const delivered = receiver.received
      .filter((h) => h.path === '/race')
      .map((h) => h.headers['idempotency-key']);
    expect(delivered.sort()).toEqual([...keys].sort());
    expect(readdirSync(mailDir)).toEqual(['test.email.1.eml']);
  });
});

describe('retention', () => {
  it('clears excerpts older than the retention period and keeps recent ones', async () => {
    const row = (messageId: string, daysAgo: number) =>
      decisionRow({
        messageId,
        accountId: 'AC-retention',
        score: 0.9,
        action: 'block',
        excerpt: 'Pay the fee at bit.ly/…',
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
