import { readFileSync } from 'node:fs';

/** One labelled message from any corpus. `label` is the corpus's own label, lower-cased. */
export interface LabelledMessage {
  text: string;
  label: string;
  abusive: boolean;
  /** Which corpus (and group) it came from, e.g. 'uci-sms', 'mendeley-sms', 'spamassassin/spam-2'. */
  source: string;
  /** A CSV `channel` column (sms, mms, whatsapp, email), when the file has one. */
  channel?: string;
}

const ABUSIVE_LABELS = new Set(['spam', 'smishing', 'phishing', 'fraud', '1']);
const BENIGN_LABELS = new Set(['ham', 'legit', 'legitimate', '0']);

/** true = abusive, false = benign, null = a label we don't understand (the row is skipped and counted). */
export function parseLabel(raw: string): boolean | null {
  const label = raw.trim().toLowerCase();
  if (ABUSIVE_LABELS.has(label)) return true;
  if (BENIGN_LABELS.has(label)) return false;
  return null;
}

/** RFC 4180 CSV: quoted fields with doubled quotes and embedded newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field.length === 0) quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export interface ParsedLabelledFile {
  format: 'tsv' | 'csv';
  messages: LabelledMessage[];
  /** Rows skipped for an unknown label or a missing text. */
  skipped: number;
}

function looksLikeCsvHeader(firstLine: string): boolean {
  const cells = parseCsv(firstLine)[0]?.map((c) => c.trim().toLowerCase()) ?? [];
  return cells.includes('label') && cells.includes('text');
}

/**
 * Parses a labelled file: TSV `label<TAB>text` without a header, or CSV with a header holding
 * `label` and `text` columns (any case, any other columns ignored).
 */
export function parseLabelledText(content: string, source: string): ParsedLabelledFile {
  const body = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const messages: LabelledMessage[] = [];
  let skipped = 0;
  if (looksLikeCsvHeader(firstLine)) {
    const [header, ...rows] = parseCsv(body);
    const names = header.map((h) => h.trim().toLowerCase());
    const labelAt = names.indexOf('label');
    const textAt = names.indexOf('text');
    // Optional columns: `source` gives `pnpm eval` its per-source breakdown, `channel` the request channel.
    const sourceAt = names.indexOf('source');
    const channelAt = names.indexOf('channel');
    for (const row of rows) {
      if (row.length === 1 && row[0] === '') continue;
      const text = row[textAt];
      const abusive = parseLabel(row[labelAt] ?? '');
      if (abusive === null || text === undefined || text.length === 0) {
        skipped++;
        continue;
      }
      const rowSource = sourceAt >= 0 ? row[sourceAt]?.trim() : '';
      const channel = channelAt >= 0 ? row[channelAt]?.trim().toLowerCase() : '';
      messages.push({
        text,
        label: row[labelAt].trim().toLowerCase(),
        abusive,
        source: rowSource || source,
        ...(channel ? { channel } : {}),
      });
    }
    return { format: 'csv', messages, skipped };
  }
  for (const line of body.split(/\r?\n/)) {
    if (line.length === 0) continue;
    const tab = line.indexOf('\t');
    const abusive = tab < 0 ? null : parseLabel(line.slice(0, tab));
    const text = tab < 0 ? '' : line.slice(tab + 1);
    if (abusive === null || text.length === 0) {
      skipped++;
      continue;
    }
    messages.push({ text, label: line.slice(0, tab).trim().toLowerCase(), abusive, source });
  }
  return { format: 'tsv', messages, skipped };
}

export function readLabelledFile(path: string, source = path): ParsedLabelledFile {
  return parseLabelledText(readFileSync(path, 'utf8'), source);
}
