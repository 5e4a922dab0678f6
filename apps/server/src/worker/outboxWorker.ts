import {
  claimOutboxBatch,
  type Db,
  markOutboxFailed,
  markOutboxSent,
  type OutboxRow,
  outboxBacklog,
} from '@gavel/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Metrics } from '../metrics';
import { signWebhook, webhookSigningKey } from '../notices/webhookSignature';
import type { MailSender } from './mailTransport';

export interface OutboxWorkerOptions {
  db: Db;
  mail: MailSender;
  mailFrom: string;
  secret: string;
  metrics: Metrics;
  log: FastifyBaseLogger;
  /** After this many attempts a row goes to the dead-letter state (default 8). */
  maxAttempts: number;
  pollMs?: number;
  batchSize?: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs`. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  webhookTimeoutMs?: number;
}

const BACKLOG_SAMPLE_MS = 5_000;

/**
 * Delivers the outbox: emails and signed webhooks, rendered before they were stored. Rows are claimed
 * with FOR UPDATE SKIP LOCKED and a lease, so several workers never deliver one row at once; a failed
 * attempt is retried with exponential backoff and jitter, and after `maxAttempts` the row is dead.
 * Delivery is at least once: receivers de-duplicate on the Idempotency-Key.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private again = false;
  private lastBacklogSample = 0;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly webhookTimeoutMs: number;

  constructor(private readonly opts: OutboxWorkerOptions) {
    this.pollMs = opts.pollMs ?? 1_000;
    this.batchSize = opts.batchSize ?? 20;
    this.baseBackoffMs = opts.baseBackoffMs ?? 2_000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 3_600_000;
    this.webhookTimeoutMs = opts.webhookTimeoutMs ?? 10_000;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Deliver now (new rows were just enqueued by this process). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.cycle().finally(() => {
        this.running = null;
        this.schedule(this.again ? 0 : this.pollMs);
        this.again = false;
      });
    }, ms);
    this.timer.unref();
  }

  private async cycle(): Promise<void> {
    try {
      // A full batch means more may be due: keep going without waiting for the next poll.
      while (!this.stopped && (await this.runOnce()) === this.batchSize) {}
      await this.sampleBacklog();
    } catch (err) {
      this.opts.log.warn({ err }, 'outbox cycle failed; retrying at the next poll');
    }
  }

  /** One claim-and-deliver round; returns the number of rows claimed. */
  async runOnce(): Promise<number> {
    const rows = await claimOutboxBatch(this.opts.db, { limit: this.batchSize });
    await Promise.all(rows.map((row) => this.deliver(row)));
    return rows.length;
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const { db, metrics, log } = this.opts;
    const kind = row.payload.kind;
    try {
      await this.send(row);
      await markOutboxSent(db, row.id);
      metrics.outboxDelivered.inc({ kind });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const dead = row.attempts >= this.opts.maxAttempts;
      const backoff = Math.min(this.baseBackoffMs * 2 ** Math.max(0, row.attempts - 1), this.maxBackoffMs);
      const nextAttemptAt = new Date(Date.now() + backoff * (0.75 + Math.random() * 0.5));
      await markOutboxFailed(db, row.id, { error, nextAttemptAt, dead }).catch((e) =>
        log.error({ err: e, outboxId: row.id }, 'could not record the failed delivery'),
      );
      if (dead) metrics.outboxDead.inc({ kind });
      else metrics.outboxFailures.inc({ kind });
      log.warn(
        { outboxId: row.id, kind, attempts: row.attempts, dead, error: error.slice(0, 200) },
        'delivery failed',
      );
    }
  }

  private async send(row: OutboxRow): Promise<void> {
    const payload = row.payload;
    if (payload.kind === 'email') {
      await this.opts.mail.send({
        from: this.opts.mailFrom,
        to: payload.to,
        subject: payload.subject,
        text: payload.text,
        html: payload.html,
        idempotencyKey: row.idempotencyKey,
      });
      return;
    }
    const body = JSON.stringify(payload.body);
    const key = webhookSigningKey(this.opts.secret, row.accountId ?? '');
    const response = await fetch(payload.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Gavel-Webhooks/1',
        'gavel-event': payload.event,
        'gavel-signature': signWebhook(body, key, Math.floor(Date.now() / 1000)),
        'idempotency-key': row.idempotencyKey,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(this.webhookTimeoutMs),
    });
    // Drain the body so the connection is reused; its content is not needed.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status < 200 || response.status >= 300)
      throw new Error(`webhook answered HTTP ${response.status}`);
  }

  private async sampleBacklog(): Promise<void> {
    const now = Date.now();
    if (now - this.lastBacklogSample < BACKLOG_SAMPLE_MS) return;
    this.lastBacklogSample = now;
    const backlog = await outboxBacklog(this.opts.db);
    this.opts.metrics.outboxBacklog.set(backlog.pending);
  }
}
