import type { Db } from './database';
import type { DecisionRow } from './decisionLog';

// The decision writer's options, events and counters (decisionWriter.ts).

export type DecisionWriterEventKind =
  /** An insert failed for a reason worth retrying (connection refused, terminated, timeout). */
  | 'insert_failed'
  /** Inserts work again after failures. */
  | 'recovered'
  /** Memory was full: rows moved to the spill file. */
  | 'spilled'
  /** Rows from the spill file were stored. */
  | 'spill_recovered'
  /** Appending to the spill file failed; the rows stay in memory. */
  | 'spill_failed'
  /** Rows that can never be stored (check/type violation); kept in rejected-*.ndjson when spillDir is set. */
  | 'rows_rejected'
  /** Rows lost: memory full and no spillDir, or written after close() without spillDir. */
  | 'rows_dropped';

/** What the writer tells `onError`: counts and a content-free error, never row content. */
export interface DecisionWriterEvent {
  kind: DecisionWriterEventKind;
  rows: number;
  error?: { code?: string; message: string };
}

export interface DecisionWriterOptions {
  /** Where to insert; or give `insert`. */
  db?: Db;
  /** Replaces the insert (tests inject failures here). Must be idempotent on messageId and return rows stored. */
  insert?: (rows: DecisionRow[]) => Promise<number>;
  /** Flush this long after the first unflushed write (default 5 ms). */
  flushIntervalMs?: number;
  /** Rows per insert; reaching it flushes at once (default 500). */
  maxBatch?: number;
  /** Rows held in memory before they go to the spill file (default 50,000, about 50 MB). */
  maxBufferedRows?: number;
  /** Directory for the NDJSON spill (one writer per directory). Without it, rows beyond memory are dropped. */
  spillDir?: string;
  /** Backoff between retries while Postgres fails: doubles from `retryInitialMs` up to `retryMaxMs`. */
  retryInitialMs?: number;
  retryMaxMs?: number;
  onError?: (event: DecisionWriterEvent) => void;
  /** After every successful insert (for batch-size and latency metrics). */
  onFlush?: (info: { rows: number; inserted: number; durationMs: number }) => void;
}

export interface DecisionWriterStats {
  /** New rows stored. */
  inserted: number;
  /** Rows the database already had (retries, replays): stored once, counted once. */
  duplicates: number;
  spilled: number;
  recoveredFromSpill: number;
  rejected: number;
  dropped: number;
  failures: number;
}
