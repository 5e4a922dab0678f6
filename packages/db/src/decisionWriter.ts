import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from './database';
import { type DecisionRow, insertDecisions } from './decisionLog';
import {
  appendRows,
  countLines,
  listSpillFiles,
  REJECTED_FILE,
  reviveRow,
  spillFileName,
  spillLines,
} from './decisionSpill';
import type {
  DecisionWriterEvent,
  DecisionWriterEventKind,
  DecisionWriterOptions,
  DecisionWriterStats,
} from './decisionWriterTypes';
import { describeDbError, isPermanentDataError } from './errors';

export type {
  DecisionWriterEvent,
  DecisionWriterEventKind,
  DecisionWriterOptions,
  DecisionWriterStats,
} from './decisionWriterTypes';

/**
 * Stores decisions off the response path. `write()` never throws and never waits; rows go out in one
 * multi-row insert every `flushIntervalMs` or every `maxBatch` rows. When Postgres fails, rows stay in
 * memory (bounded), then go to an append-only NDJSON spill file, and the writer retries with backoff;
 * on recovery it re-inserts the spill and deletes it. Inserts are `ON CONFLICT (message_id) DO NOTHING`,
 * so a row retried or replayed is stored once. Spill files left by a crash are replayed at start.
 */
export class DecisionWriter {
  private readonly insert: (rows: DecisionRow[]) => Promise<number>;
  private readonly flushIntervalMs: number;
  private readonly maxBatch: number;
  private readonly maxBufferedRows: number;
  private readonly spillDir: string | undefined;
  private readonly retryInitialMs: number;
  private readonly retryMaxMs: number;
  private readonly onError: (event: DecisionWriterEvent) => void;
  private readonly onFlush: DecisionWriterOptions['onFlush'];

  private buffer: DecisionRow[] = [];
  private inflight = 0;
  /** Rows in each spill file not yet replayed (file name -> rows). */
  private readonly spillFiles = new Map<string, number>();
  private activeSpillFile: string;
  private spillSeq = 0;
  private spillChain: Promise<void> = Promise.resolve();
  private flushTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private pumping: Promise<void> | null = null;
  private consecutiveFailures = 0;
  private closed = false;
  private readonly ready: Promise<void>;
  private readonly counters: DecisionWriterStats = {
    inserted: 0,
    duplicates: 0,
    spilled: 0,
    recoveredFromSpill: 0,
    rejected: 0,
    dropped: 0,
    failures: 0,
  };

  constructor(opts: DecisionWriterOptions) {
    const db = opts.db;
    if (!opts.insert && !db) throw new Error('DecisionWriter needs db or insert');
    this.insert = opts.insert ?? ((rows) => insertDecisions(db as Db, rows));
    this.flushIntervalMs = opts.flushIntervalMs ?? 5;
    this.maxBatch = opts.maxBatch ?? 500;
    this.maxBufferedRows = Math.max(opts.maxBufferedRows ?? 50_000, this.maxBatch);
    this.spillDir = opts.spillDir;
    this.retryInitialMs = opts.retryInitialMs ?? 50;
    this.retryMaxMs = opts.retryMaxMs ?? 5_000;
    this.onError = opts.onError ?? (() => {});
    this.onFlush = opts.onFlush;
    this.activeSpillFile = this.nextSpillFileName();
    this.ready = this.findLeftoverSpill();
  }

  /** Rows not yet stored: in memory, being inserted, or in the spill file. */
  get backlog(): number {
    return this.buffer.length + this.inflight + this.spilledRows();
  }

  get stats(): DecisionWriterStats {
    return { ...this.counters };
  }

  /** true while inserts are failing and the writer is retrying. */
  get degraded(): boolean {
    return this.consecutiveFailures > 0;
  }

  /** Queues one decision. Never throws, never waits. */
  write(row: DecisionRow): void {
    try {
      if (this.closed) {
        this.spillOrDrop([row]);
        return;
      }
      this.buffer.push(row);
      if (this.buffer.length >= this.maxBufferedRows) this.spillOrDrop(this.buffer.splice(0));
      // While failing, the retry timer owns the schedule: no hammering a database that is down.
      if (this.consecutiveFailures > 0) return;
      if (this.buffer.length >= this.maxBatch) this.kick();
      else if (!this.flushTimer && !this.pumping) {
        this.flushTimer = setTimeout(() => {
          this.flushTimer = null;
          this.kick();
        }, this.flushIntervalMs);
      }
    } catch (err) {
      this.report('rows_dropped', 1, err);
    }
  }

  /** Inserts what is queued now (one attempt; does not wait out an outage). true when nothing is left. */
  async flush(): Promise<boolean> {
    await this.ready;
    this.clearFlushTimer();
    if (this.consecutiveFailures === 0 || !this.pumping) this.kick();
    while (this.pumping) await this.pumping;
    await this.spillChain;
    return this.backlog === 0;
  }

  /**
   * Drains: keeps inserting (and retrying) until everything is stored or `timeoutMs` passes; whatever
   * is still in memory then goes to the spill file (replayed at next start). Returns rows not stored.
   */
  async close(opts: { timeoutMs?: number } = {}): Promise<{ remaining: number }> {
    const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
    this.closed = true;
    this.clearFlushTimer();
    await this.ready;
    while (this.backlog > 0 && Date.now() < deadline) {
      if (this.retryTimer) {
        clearTimeout(this.retryTimer);
        this.retryTimer = null;
      }
      if (!this.pumping) this.kick();
      const pump = this.pumping ?? Promise.resolve();
      await Promise.race([pump, sleep(Math.max(0, deadline - Date.now()))]);
      if (this.backlog > 0 && this.consecutiveFailures > 0 && Date.now() < deadline) {
        await sleep(Math.min(this.backoffMs(), Math.max(0, deadline - Date.now())));
      }
    }
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.buffer.length > 0 && this.spillDir) this.spillOrDrop(this.buffer.splice(0));
    await this.spillChain;
    return { remaining: this.backlog };
  }

  private kick(): void {
    if (this.pumping) return;
    this.pumping = this.pump()
      .catch((err) => this.report('insert_failed', 0, err))
      .finally(() => {
        this.pumping = null;
        if (this.closed || this.consecutiveFailures > 0) return;
        if (this.buffer.length > 0 && !this.flushTimer) {
          this.flushTimer = setTimeout(() => {
            this.flushTimer = null;
            this.kick();
          }, this.flushIntervalMs);
        }
      });
  }

  /** Inserts memory batches, then spill files, until both are empty or an insert fails. */
  private async pump(): Promise<void> {
    await this.ready;
    for (;;) {
      if (this.buffer.length > 0) {
        const batch = this.buffer.splice(0, this.maxBatch);
        this.inflight = batch.length;
        const ok = await this.store(batch);
        this.inflight = 0;
        if (!ok) {
          // Back to the front of the queue; bounded memory still holds.
          this.buffer = batch.concat(this.buffer);
          if (this.buffer.length >= this.maxBufferedRows) this.spillOrDrop(this.buffer.splice(0));
          this.scheduleRetry();
          return;
        }
        continue;
      }
      if (this.spillFiles.size > 0) {
        if (!(await this.replaySpill())) {
          this.scheduleRetry();
          return;
        }
        continue;
      }
      return;
    }
  }

  /** One insert; poison rows are isolated and set aside. false = transient failure, retry later. */
  private async store(batch: DecisionRow[]): Promise<boolean> {
    const started = performance.now();
    try {
      const inserted = await this.insert(batch);
      this.succeeded(batch.length, inserted, started);
      return true;
    } catch (err) {
      if (!isPermanentDataError(err)) {
        this.failed(batch.length, err);
        return false;
      }
    }
    // A row the database can never accept would block the batch forever: store rows one by one.
    for (const row of batch) {
      try {
        this.succeeded(1, await this.insert([row]), performance.now());
      } catch (err) {
        if (!isPermanentDataError(err)) {
          this.failed(batch.length, err);
          return false;
        }
        this.reject(row, err);
      }
    }
    return true;
  }

  private succeeded(rows: number, inserted: number, started: number): void {
    if (this.consecutiveFailures > 0) {
      this.consecutiveFailures = 0;
      this.report('recovered', rows);
    }
    this.counters.inserted += inserted;
    this.counters.duplicates += rows - inserted;
    this.onFlush?.({ rows, inserted, durationMs: performance.now() - started });
  }

  private failed(rows: number, err: unknown): void {
    this.consecutiveFailures++;
    this.counters.failures++;
    this.report('insert_failed', rows, err);
  }

  private backoffMs(): number {
    const exp = this.retryInitialMs * 2 ** Math.min(Math.max(this.consecutiveFailures - 1, 0), 16);
    const capped = Math.min(this.retryMaxMs, exp);
    return capped / 2 + Math.random() * (capped / 2);
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, this.backoffMs());
    this.retryTimer.unref();
  }

  private clearFlushTimer(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  private nextSpillFileName(): string {
    this.spillSeq++;
    return spillFileName(this.spillSeq);
  }

  /** Appends rows to the active spill file (serialised); without a spill dir they are dropped. */
  private spillOrDrop(rows: DecisionRow[]): void {
    if (rows.length === 0) return;
    const dir = this.spillDir;
    if (!dir) {
      this.counters.dropped += rows.length;
      this.report('rows_dropped', rows.length);
      return;
    }
    const name = this.activeSpillFile;
    this.spillFiles.set(name, (this.spillFiles.get(name) ?? 0) + rows.length);
    this.spillChain = this.spillChain.then(async () => {
      try {
        await appendRows(dir, name, rows);
        this.counters.spilled += rows.length;
        this.report('spilled', rows.length);
      } catch (err) {
        // The disk failed too: keep the rows in memory rather than lose them.
        const left = (this.spillFiles.get(name) ?? 0) - rows.length;
        if (left > 0) this.spillFiles.set(name, left);
        else this.spillFiles.delete(name);
        this.buffer.push(...rows);
        this.report('spill_failed', rows.length, err);
      }
    });
  }

  /** Re-inserts every sealed spill file, then deletes it. false = an insert failed (the file stays). */
  private async replaySpill(): Promise<boolean> {
    const dir = this.spillDir;
    if (!dir) {
      this.spillFiles.clear();
      return true;
    }
    // Seal the active file: new spills go to a fresh one while this one is replayed.
    this.activeSpillFile = this.nextSpillFileName();
    await this.spillChain;
    const files = (await listSpillFiles(dir)).filter((f) => f !== this.activeSpillFile);
    const sealed = [...this.spillFiles.keys()].filter((f) => f !== this.activeSpillFile);
    for (const file of files) {
      const path = join(dir, file);
      let batch: DecisionRow[] = [];
      let replayed = 0;
      let unreadable = 0;
      for await (const line of spillLines(path)) {
        try {
          batch.push(reviveRow(line));
        } catch (err) {
          unreadable++;
          this.counters.rejected++;
          this.report('rows_rejected', 1, err);
          continue;
        }
        if (batch.length >= this.maxBatch) {
          if (!(await this.store(batch))) return false;
          replayed += batch.length;
          batch = [];
        }
      }
      if (batch.length > 0) {
        if (!(await this.store(batch))) return false;
        replayed += batch.length;
      }
      // Every row of the file is stored (or set aside): the file can go. A crash before this line
      // replays it again at next start, harmlessly (ON CONFLICT DO NOTHING).
      await unlink(path).catch(() => {});
      this.spillFiles.delete(file);
      this.counters.recoveredFromSpill += replayed;
      this.report('spill_recovered', replayed + unreadable);
    }
    // Sealed files that never reached the disk (their append failed and the rows went back to memory).
    for (const file of sealed) this.spillFiles.delete(file);
    // Rows spilled during the replay went to the new active file: pump() comes back for them.
    return true;
  }

  private spilledRows(): number {
    let total = 0;
    for (const rows of this.spillFiles.values()) total += rows;
    return total;
  }

  private reject(row: DecisionRow, err: unknown): void {
    this.counters.rejected++;
    this.report('rows_rejected', 1, err);
    const dir = this.spillDir;
    if (!dir) return;
    this.spillChain = this.spillChain.then(() =>
      appendRows(dir, REJECTED_FILE, [row]).catch((e) => this.report('spill_failed', 1, e)),
    );
  }

  private async findLeftoverSpill(): Promise<void> {
    if (!this.spillDir) return;
    const files = await listSpillFiles(this.spillDir);
    if (files.length === 0) return;
    for (const file of files) {
      // A file gone meanwhile (another process replayed it) is simply not there to count.
      const rows = await countLines(join(this.spillDir, file)).catch(() => null);
      if (rows !== null) this.spillFiles.set(file, rows);
    }
    this.kick();
  }

  private report(kind: DecisionWriterEventKind, rows: number, err?: unknown): void {
    try {
      this.onError(err === undefined ? { kind, rows } : { kind, rows, error: describeDbError(err) });
    } catch {
      // A failing hook must not break the writer.
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
