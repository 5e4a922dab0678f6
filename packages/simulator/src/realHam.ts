import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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
