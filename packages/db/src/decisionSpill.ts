import { createReadStream } from 'node:fs';
import { appendFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DecisionRow } from './decisionLog';

// The decision writer's spill files: append-only NDJSON, one row a line, replayed in name order.

export const SPILL_PATTERN = /^decisions-spill-.*\.ndjson$/;
export const REJECTED_FILE = 'decisions-rejected.ndjson';

export function spillFileName(seq: number): string {
  return `decisions-spill-${Date.now()}-${process.pid}-${String(seq).padStart(6, '0')}.ndjson`;
}

export function reviveRow(line: string): DecisionRow {
  const row = JSON.parse(line) as DecisionRow & { decidedAt: string | Date };
  return { ...row, decidedAt: new Date(row.decidedAt) };
}

/** Appends rows to a spill (or rejected) file, creating the directory; owner-only permissions. */
export async function appendRows(dir: string, file: string, rows: readonly DecisionRow[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  await appendFile(join(dir, file), `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`, { mode: 0o600 });
}

/** Spill files in `dir`, oldest first; none when the directory does not exist. */
export async function listSpillFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => SPILL_PATTERN.test(f)).sort();
  } catch {
    return [];
  }
}

/** The non-empty lines of a spill file, streamed. */
export async function* spillLines(path: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) if (line.trim()) yield line;
  } finally {
    lines.close();
  }
}

export async function countLines(path: string): Promise<number> {
  let count = 0;
  for await (const chunk of createReadStream(path)) {
    for (const byte of chunk as Buffer) if (byte === 10) count++;
  }
  return count;
}
