import type { AccountOutcome } from './run';

export interface ProfileSummary {
  profile: string;
  /** `train` profiles as in training; `unseen` variants held out of it. */
  variant: string;
  abusive: boolean;
  accounts: number;
  messages: number;
  suspended: number;
  /** Flagged (sent to review) and not suspended. */
  flagged: number;
  /** Suspended or flagged, as a share of the accounts. */
  caughtShare: number;
  suspendedShare: number;
  medianMessagesToSuspension: number | null;
  maxMessagesToSuspension: number | null;
  /** Honest accounts suspended (always 0 for abusive profiles). */
  honestSuspended: number;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** One row per profile (and variant), honest profiles first. */
export function summarize(outcomes: readonly AccountOutcome[]): ProfileSummary[] {
  const groups = new Map<string, AccountOutcome[]>();
  for (const o of outcomes) {
    const key = `${o.abusive ? 1 : 0}|${o.profile}|${o.variant}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  const rows: ProfileSummary[] = [];
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key)!;
    const first = group[0];
    const suspendedAt = group.flatMap((o) => (o.suspendedAt === null ? [] : [o.suspendedAt]));
    const flagged = group.filter((o) => o.suspendedAt === null && o.flaggedAt !== null).length;
    rows.push({
      profile: first.profile,
      variant: first.variant,
      abusive: first.abusive,
      accounts: group.length,
      messages: group.reduce((s, o) => s + o.messages, 0),
      suspended: suspendedAt.length,
      flagged,
      caughtShare: round3((suspendedAt.length + flagged) / group.length),
      suspendedShare: round3(suspendedAt.length / group.length),
      medianMessagesToSuspension: median(suspendedAt),
      maxMessagesToSuspension: suspendedAt.length > 0 ? Math.max(...suspendedAt) : null,
      honestSuspended: first.abusive ? 0 : suspendedAt.length,
    });
  }
  return rows;
}

/** A plain-text table for the terminal and the README. */
export function formatSummaryTable(rows: readonly ProfileSummary[], markdown = false): string {
  const header = [
    'profile',
    'variant',
    'abusive',
    'accounts',
    'messages',
    'suspended',
    'flagged',
    'median msgs to suspension',
    'max msgs to suspension',
    'honest suspended',
  ];
  const cells = rows.map((r) => [
    r.profile,
    r.variant,
    r.abusive ? 'yes' : 'no',
    String(r.accounts),
    String(r.messages),
    `${r.suspended} (${(r.suspendedShare * 100).toFixed(1)}%)`,
    String(r.flagged),
    r.medianMessagesToSuspension === null ? '-' : String(r.medianMessagesToSuspension),
    r.maxMessagesToSuspension === null ? '-' : String(r.maxMessagesToSuspension),
    r.abusive ? '-' : String(r.honestSuspended),
  ]);
  if (markdown) {
    const line = (xs: string[]) => `| ${xs.join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...cells.map(line)].join('\n');
  }
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
  const line = (xs: string[]) => xs.map((x, c) => x.padEnd(widths[c])).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
