import type { SignalView } from '@gavel/contracts';

/**
 * The signals recorded with a decision, labelled in plain words and ordered as a reviewer reasons
 * about an account: who it is, how much it sends, where to, what comes back, what the models made of
 * it. Names this list does not know (a newer writer) follow, with a label made from the name.
 */
const SIGNALS: [key: string, label: string][] = [
  ['status', 'Cached account status'],
  ['ageMs', 'Account age'],
  ['firstSeenAt', 'First message seen'],
  ['count1m', 'Messages in the last minute'],
  ['count1h', 'Messages in the last hour'],
  ['count24h', 'Messages in the last 24 hours'],
  ['uniqueRecipients1h', 'Different recipients, last hour'],
  ['uniqueRecipients24h', 'Different recipients, last 24 hours'],
  ['destCountries24h', 'Destination countries, last 24 hours'],
  ['destPrefixes24h', 'Destination number prefixes, last 24 hours'],
  ['topPrefixShare1h', 'Share to the busiest prefix, last hour'],
  ['repeatedContent1h', 'Largest group of near-identical messages, last hour'],
  ['linkDomains24h', 'Different link domains, last 24 hours'],
  ['deliveryReports24h', 'Delivery reports, last 24 hours'],
  ['deliveryFailureRate', 'Delivery failure rate'],
  ['carrierFilteredRate', 'Filtered by carriers'],
  ['optOutRate', 'Opt-out (STOP) rate'],
  ['complaints24h', 'Complaints, last 24 hours'],
  ['otpSent24h', 'One-time codes sent, last 24 hours'],
  ['otpConversion', 'One-time codes completed'],
  ['recentScoreMax', 'Highest recent message score'],
  ['recentScoreMean', 'Average recent message score'],
  ['recentScoreWeight', 'Recent scores behind the average'],
  ['suspiciousCount1h', 'Messages needing review, last hour'],
  ['abusiveCount24h', 'Messages blocked, last 24 hours'],
];
const ORDER = new Map(SIGNALS.map(([key, label], i) => [key, { label, i }]));

function labelFromName(name: string): string {
  const words = name
    .replace(/([a-z])([A-Z0-9])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The snapshot's scalar signals (nested under `signals` when the writer nests them), labelled and ordered. */
export function signalViews(features: Record<string, unknown> | null): SignalView[] {
  if (!features) return [];
  const nested = features.signals;
  const source =
    nested && typeof nested === 'object' && !Array.isArray(nested)
      ? (nested as Record<string, unknown>)
      : features;
  const rows: (SignalView & { i: number })[] = [];
  for (const [key, value] of Object.entries(source)) {
    if (!(value === null || ['number', 'string', 'boolean'].includes(typeof value))) continue;
    const known = ORDER.get(key);
    rows.push({
      key,
      label: known?.label ?? labelFromName(key),
      value: value as SignalView['value'],
      i: known?.i ?? SIGNALS.length,
    });
  }
  return rows
    .sort((a, b) => a.i - b.i || a.key.localeCompare(b.key))
    .map(({ key, label, value }) => ({ key, label, value }));
}
