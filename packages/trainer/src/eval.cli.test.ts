import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { findRepoRoot } from './repoRoot';

const run = promisify(execFile);
const repoRoot = findRepoRoot();
const dir = mkdtempSync(join(tmpdir(), 'gavel-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROWS: [string, string][] = [
  ['ham', 'Are we still meeting for lunch tomorrow at noon?'],
  ['ham', 'Thanks for the lift home last night, see you Monday'],
  ['ham', 'Can you send me the slides from the meeting when you get a chance'],
  ['ham', 'Running late, be there in ten minutes'],
  ['spam', 'WINNER! You have won a £1000 prize. Call 09061701461 now to claim your reward'],
  ['smishing', 'Your bank account is locked. Verify your details now at http://secure-bank-verify.top/login'],
  ['spam', 'FREE entry to win a new phone! Text WIN to 80086 now, T&Cs apply, £1.50/msg'],
];

async function evalCli(args: string[]) {
  const { stdout } = await run(
    join(repoRoot, 'node_modules/.bin/tsx'),
    ['packages/trainer/src/eval.cli.ts', ...args],
    {
      cwd: repoRoot,
      env: { ...process.env, ORT_DISABLE_TELEMETRY: '1' },
    },
  );
  return stdout;
}

describe('pnpm eval', () => {
  it('scores a TSV file through the committed ONNX model and prints one JSON object with --json', async () => {
    const file = join(dir, 'tiny.tsv');
    writeFileSync(file, `${ROWS.map(([l, t]) => `${l}\t${t}`).join('\n')}\n`);
    const result = JSON.parse(await evalCli(['--data', file, '--json']));
    expect(result).toMatchObject({ n: 7, positives: 3, negatives: 4, format: 'tsv' });
    for (const key of ['auc', 'f1', 'precision', 'recall', 'fprAtBlock', 'recallAtBlock', 'recallAtReview']) {
      expect(typeof result[key]).toBe('number');
    }
    expect(result.auc).toBeGreaterThan(0.9);
  });

  it('reads CSV with a label,text header and prints a metrics table without --json', async () => {
    const file = join(dir, 'tiny.csv');
    writeFileSync(
      file,
      `Text,Label\n${ROWS.map(([l, t]) => `"${t.replace(/"/g, '""')}",${l === 'ham' ? 0 : 1}`).join('\n')}\n`,
    );
    const table = await evalCli(['--data', file]);
    expect(table).toMatch(/ROC AUC/);
    expect(table).toMatch(/recall @ review/);
    expect(table).toMatch(/7 \(3 abusive, 4 benign\)/);
  });

  it('prints two models side by side and a per-source breakdown for a CSV with a source column', async () => {
    const file = join(dir, 'sources.csv');
    const rows = ROWS.map(
      ([l, t], i) => `${l},"${t.replace(/"/g, '""')}",${i % 2 === 0 ? 'north' : 'south'},sms`,
    );
    writeFileSync(file, `label,text,source,channel\n${rows.join('\n')}\n`);
    const previous = 'models/content-2026.12.2.json';
    const current = 'models/content-2026.12.3.json';
    const table = await evalCli(['--data', file, '--model', previous, '--model', current]);
    expect(table).toMatch(/content-2026\.12\.2/);
    expect(table).toMatch(/content-2026\.12\.3/);
    expect(table).toMatch(/per source/);
    expect(table).toMatch(/^north\s+4 \(2 abusive\)/m);
    expect(table).toMatch(/^south\s+3 \(1 abusive\)/m);
    const json = JSON.parse(
      await evalCli(['--data', file, '--model', previous, '--model', current, '--json']),
    );
    expect(json.models.map((m: { model: string }) => m.model)).toEqual([
      'content-2026.12.2',
      'content-2026.12.3',
    ]);
    expect(json.models[1].bySource.north).toMatchObject({ n: 4, positives: 2 });
  });
});
