import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `../shared/data` beside the repository (the workspace root is the folder with pnpm-workspace.yaml). */
export function sharedDataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml')) && dirname(dir) !== dir) dir = dirname(dir);
  return resolve(dir, '..', 'shared', 'data');
}

/**
 * Real person-to-person ham from the UCI SMS Spam Collection in `../shared/data`, read at run time
 * (never copied into the repository). Missing data is not an error: chat falls back to templates.
 */
export function loadRealHam(dataDir: string): string[] {
  let text: string;
  try {
    text = readFileSync(join(dataDir, 'sms-spam-collection', 'SMSSpamCollection'), 'utf8');
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0 || line.slice(0, tab) !== 'ham') continue;
    const body = line.slice(tab + 1).trim();
    // Short chat only: long ham in this corpus is mostly forwarded chain text.
    if (body.length >= 8 && body.length <= 160) out.push(body);
  }
  return out;
}
