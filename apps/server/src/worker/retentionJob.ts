import { type Db, lastJobRun, purgeExpiredExcerpts, recordJobRun } from '@gavel/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Metrics } from '../metrics';
import { RETENTION_JOB } from '../privacy/privacy.service';

const DAY_MS = 24 * 3_600_000;

export interface RetentionRun {
  startedAt: Date;
  finishedAt: Date;
  ok: boolean;
  excerptsCleared: number;
  erasuresCompleted: number;
}

/**
 * Retention: redacted excerpts older than RETENTION_EXCERPT_DAYS are cleared (unless an open case of
 * the account holds them), and erasures that open cases held back are finished once those cases are
 * decided; once shortly after start, then every RETENTION_INTERVAL_MINUTES. Each run is recorded in
 * `job_runs` (so any replica can show the last one) and in the retention gauges of /metrics.
 */
export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly opts: {
      db: Db;
      excerptDays: number;
      intervalMinutes: number;
      /** The follow-up erasures (PrivacyService.finishPendingErasures); resolves with how many completed. */
      finishErasures: () => Promise<number>;
      metrics: Metrics;
      log: FastifyBaseLogger;
    },
  ) {
    opts.metrics.retentionExcerptDays.set(opts.excerptDays);
    opts.metrics.retentionIntervalSeconds.set(opts.intervalMinutes * 60);
  }

  start(firstRunMs = 10_000): void {
    // The last run before this process started, so /metrics shows it from the first scrape.
    lastJobRun(this.opts.db, RETENTION_JOB)
      .then((run) => {
        if (run)
          this.observe({
            startedAt: run.startedAt,
            finishedAt: run.finishedAt,
            ok: run.ok,
            excerptsCleared: Number(run.result.excerptsCleared ?? 0),
            erasuresCompleted: Number(run.result.erasuresCompleted ?? 0),
          });
      })
      .catch(() => {});
    const tick = (ms: number) => {
      this.timer = setTimeout(() => {
        this.running = this.runOnce().finally(() => {
          this.running = null;
          if (this.timer) tick(this.opts.intervalMinutes * 60_000);
        });
      }, ms);
      this.timer.unref();
    };
    tick(firstRunMs);
  }

  async runOnce(now = new Date()): Promise<RetentionRun> {
    const startedAt = new Date();
    let excerptsCleared = 0;
    let erasuresCompleted = 0;
    let ok = true;
    try {
      excerptsCleared = await purgeExpiredExcerpts(this.opts.db, {
        olderThan: new Date(now.getTime() - this.opts.excerptDays * DAY_MS),
      });
      erasuresCompleted = await this.opts.finishErasures();
      if (excerptsCleared > 0 || erasuresCompleted > 0)
        this.opts.log.info({ excerptsCleared, erasuresCompleted }, 'retention run purged');
    } catch (err) {
      ok = false;
      this.opts.log.warn({ err }, 'retention run failed; retrying at the next interval');
    }
    const run = { startedAt, finishedAt: new Date(), ok, excerptsCleared, erasuresCompleted };
    this.observe(run);
    await recordJobRun(this.opts.db, {
      job: RETENTION_JOB,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      ok,
      result: { excerptsCleared, erasuresCompleted },
    }).catch((err) => this.opts.log.warn({ err }, 'could not record the retention run'));
    return run;
  }

  private observe(run: RetentionRun): void {
    const m = this.opts.metrics;
    m.retentionLastRunTimestamp.set(run.finishedAt.getTime() / 1000);
    m.retentionLastRunOk.set(run.ok ? 1 : 0);
    m.retentionLastRunExcerptsCleared.set(run.excerptsCleared);
    m.retentionLastRunErasuresCompleted.set(run.erasuresCompleted);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
