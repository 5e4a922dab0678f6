import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { DecisionRow } from './decisionLog';
import { DecisionWriter, type DecisionWriterEvent } from './decisionWriter';
import { decisionRow } from './testing/rows';

/** An in-memory stand-in for the decisions table with the same contract: idempotent on messageId. */
class FakeDecisionStore {
  readonly rows = new Map<string, DecisionRow>();
  readonly batchSizes: number[] = [];
  down = false;
  attempts = 0;

  insert = async (rows: DecisionRow[]): Promise<number> => {
    this.attempts++;
    await new Promise((r) => setImmediate(r));
    if (this.down)
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    if (rows.some((r) => r.score > 1)) {
      throw Object.assign(new Error('new row violates check constraint "decisions_score_range"'), {
        code: '23514',
      });
    }
    this.batchSizes.push(rows.length);
    let inserted = 0;
    for (const row of rows) {
      if (!this.rows.has(row.messageId)) {
        this.rows.set(row.messageId, row);
        inserted++;
      }
    }
    return inserted;
  };
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gavel-writer-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('DecisionWriter', () => {
  it('flushes a few rows by time and many rows in batches of maxBatch', async () => {
    const store = new FakeDecisionStore();
    const writer = new DecisionWriter({ insert: store.insert, flushIntervalMs: 5, maxBatch: 100 });
    writer.write(decisionRow());
    writer.write(decisionRow());
    await waitFor(() => store.rows.size === 2);
    for (let i = 0; i < 1_000; i++) writer.write(decisionRow());
    await writer.close();
    expect(store.rows.size).toBe(1_002);
    expect(Math.max(...store.batchSizes)).toBeLessThanOrEqual(100);
    expect(store.batchSizes.length).toBeLessThan(50);
    expect(writer.backlog).toBe(0);
  });

  it('keeps rows through an outage: bounded memory, spill to disk, every row stored once after recovery', async () => {
    const store = new FakeDecisionStore();
    const spillDir = await tempDir();
    const events: DecisionWriterEvent[] = [];
    const writer = new DecisionWriter({
      insert: store.insert,
      maxBatch: 50,
      maxBufferedRows: 200,
      spillDir,
      retryInitialMs: 5,
      retryMaxMs: 20,
      onError: (e) => events.push(e),
    });
    const rows = Array.from({ length: 1_000 }, () =>
      decisionRow({ action: 'block', excerpt: 'secret-ish ***' }),
    );
    for (const row of rows.slice(0, 100)) writer.write(row);
    await writer.flush();
    store.down = true;
    for (const row of rows.slice(100)) expect(() => writer.write(row)).not.toThrow();
    await waitFor(() => events.some((e) => e.kind === 'spilled'));
    expect(writer.degraded).toBe(true);
    expect(writer.backlog).toBe(900);
    expect((await readdir(spillDir)).some((f) => f.endsWith('.ndjson'))).toBe(true);

    store.down = false;
    await waitFor(() => writer.backlog === 0);
    await writer.close();
    expect(store.rows.size).toBe(1_000);
    expect(writer.stats.inserted).toBe(1_000);
    expect(await readdir(spillDir)).toEqual([]);
    expect(events.some((e) => e.kind === 'recovered')).toBe(true);
    // Events carry counts and error codes, never row content.
    const logged = JSON.stringify(events);
    expect(logged).not.toContain('secret-ish');
    expect(logged).not.toContain(rows[0].messageId);
  });

  it('revives dates from the spill file', async () => {
    const store = new FakeDecisionStore();
    store.down = true;
    const spillDir = await tempDir();
    const writer = new DecisionWriter({
      insert: store.insert,
      maxBatch: 10,
      maxBufferedRows: 10,
      spillDir,
      retryInitialMs: 5,
    });
    const row = decisionRow({ decidedAt: new Date('2026-11-29T10:00:00.123Z') });
    writer.write(row);
    for (let i = 0; i < 20; i++) writer.write(decisionRow());
    await waitFor(() => writer.backlog === 21);
    store.down = false;
    await writer.close();
    expect(store.rows.get(row.messageId)?.decidedAt).toEqual(new Date('2026-11-29T10:00:00.123Z'));
  });

  it('sets aside a row the database can never accept and stores the rest of its batch', async () => {
    const store = new FakeDecisionStore();
    const spillDir = await tempDir();
    const events: DecisionWriterEvent[] = [];
    const writer = new DecisionWriter({ insert: store.insert, spillDir, onError: (e) => events.push(e) });
    for (let i = 0; i < 9; i++) writer.write(decisionRow());
    writer.write(decisionRow({ score: 7 }));
    await writer.close();
    expect(store.rows.size).toBe(9);
    expect(writer.stats.rejected).toBe(1);
    expect(events.find((e) => e.kind === 'rows_rejected')?.error?.code).toBe('23514');
    expect(await readdir(spillDir)).toEqual(['decisions-rejected.ndjson']);
  });

  it('close() spills what it cannot store in time, and the next writer replays it at start', async () => {
    const store = new FakeDecisionStore();
    store.down = true;
    const spillDir = await tempDir();
    const first = new DecisionWriter({ insert: store.insert, spillDir, retryInitialMs: 5 });
    for (let i = 0; i < 300; i++) first.write(decisionRow());
    expect((await first.close({ timeoutMs: 50 })).remaining).toBe(300);
    expect(store.rows.size).toBe(0);

    store.down = false;
    const second = new DecisionWriter({ insert: store.insert, spillDir });
    await waitFor(() => store.rows.size === 300);
    await second.close();
    expect(second.backlog).toBe(0);
    expect(await readdir(spillDir)).toEqual([]);
  });

  it('drops rows beyond memory without a spill dir, and says so', async () => {
    const store = new FakeDecisionStore();
    store.down = true;
    const events: DecisionWriterEvent[] = [];
    const writer = new DecisionWriter({
      insert: store.insert,
      maxBatch: 10,
      maxBufferedRows: 10,
      onError: (e) => events.push(e),
    });
    for (let i = 0; i < 25; i++) writer.write(decisionRow());
    expect(writer.backlog).toBeLessThanOrEqual(10);
    expect(
      events.filter((e) => e.kind === 'rows_dropped').reduce((n, e) => n + e.rows, 0),
    ).toBeGreaterThanOrEqual(15);
    await writer.close({ timeoutMs: 20 });
  });

  it('stores every written row exactly once, whatever the sequence of outages, bursts and replays', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), rows: fc.integer({ min: 1, max: 120 }) }),
      fc.record({ kind: fc.constant('replay' as const), rows: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ kind: fc.constant('down' as const) }),
      fc.record({ kind: fc.constant('up' as const) }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 15 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const store = new FakeDecisionStore();
        const spillDir = await tempDir();
        const writer = new DecisionWriter({
          insert: store.insert,
          maxBatch: 25,
          maxBufferedRows: 60,
          spillDir,
          flushIntervalMs: 1,
          retryInitialMs: 1,
          retryMaxMs: 4,
        });
        const written: DecisionRow[] = [];
        for (const o of ops) {
          if (o.kind === 'write') {
            for (let i = 0; i < o.rows; i++) {
              const row = decisionRow();
              written.push(row);
              writer.write(row);
            }
          } else if (o.kind === 'replay') {
            for (const row of written.slice(-o.rows)) writer.write(row);
          } else if (o.kind === 'down') store.down = true;
          else if (o.kind === 'up') store.down = false;
          else await new Promise((r) => setTimeout(r, o.ms));
        }
        store.down = false;
        const { remaining } = await writer.close({ timeoutMs: 5_000 });
        expect(remaining).toBe(0);
        expect(store.rows.size).toBe(written.length);
        expect(writer.stats.inserted).toBe(written.length);
        expect(written.every((r) => store.rows.has(r.messageId))).toBe(true);
        expect(await readdir(spillDir)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
