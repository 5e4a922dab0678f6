import { type Db, purgeExpiredExcerpts } from '@gavel/db';
import type { FastifyBaseLogger } from 'fastify';

const DAY_MS = 24 * 3_600_000;

/**
 * Retention: redacted excerpts older than RETENTION_EXCERPT_DAYS are cleared (unless an open case of
 * the account holds them), once shortly after start and then every `intervalMs` (hourly).
 */
export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly opts: { db: Db; excerptDays: number; log: FastifyBaseLogger; intervalMs?: number },
  ) {}

  start(firstRunMs = 10_000): void {
    const tick = (ms: number) => {
      this.timer = setTimeout(() => {
        this.running = this.runOnce().finally(() => {
          this.running = null;
          if (this.timer) tick(this.opts.intervalMs ?? 3_600_000);
        });
      }, ms);
      this.timer.unref();
    };
    tick(firstRunMs);
  }

  async runOnce(now = new Date()): Promise<number> {
    try {
      const cleared = await purgeExpiredExcerpts(this.opts.db, {
        olderThan: new Date(now.getTime() - this.opts.excerptDays * DAY_MS),
      });
      if (cleared > 0) this.opts.log.info({ cleared }, 'expired excerpts purged');
      return cleared;
    } catch (err) {
      this.opts.log.warn({ err }, 'retention run failed; retrying at the next interval');
      return 0;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
