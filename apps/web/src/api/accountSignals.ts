// The account signals stored with a decision, as a reviewer reads them: a plain label, a value in
// its unit (a share as a percentage, an age as a duration, an instant as a date), grouped in the
// order a reviewer reasons about an account: who it is, how much it sends, where to, what comes
// back, and what the models made of it. Unknown names (a newer server) keep a readable label and
// go last, so nothing recorded is hidden.
import { formatDateTime, formatDuration } from '../primitives/formatTime';

type Unit = 'count' | 'share' | 'duration' | 'instant' | 'score' | 'status';

interface SignalSpec {
  key: string;
  label: string;
  unit: Unit;
}

const SIGNALS: SignalSpec[] = [
  { key: 'status', label: 'Cached account status', unit: 'status' },
  { key: 'ageMs', label: 'Account age', unit: 'duration' },
  { key: 'firstSeenAt', label: 'First message seen', unit: 'instant' },
  { key: 'count1m', label: 'Messages in the last minute', unit: 'count' },
  { key: 'count1h', label: 'Messages in the last hour', unit: 'count' },
  { key: 'count24h', label: 'Messages in the last 24 hours', unit: 'count' },
  { key: 'uniqueRecipients1h', label: 'Different recipients, last hour', unit: 'count' },
  { key: 'uniqueRecipients24h', label: 'Different recipients, last 24 hours', unit: 'count' },
  { key: 'destCountries24h', label: 'Destination countries, last 24 hours', unit: 'count' },
  { key: 'destPrefixes24h', label: 'Destination number prefixes, last 24 hours', unit: 'count' },
  { key: 'topPrefixShare1h', label: 'Share to the busiest prefix, last hour', unit: 'share' },
  { key: 'repeatedContent1h', label: 'Largest group of near-identical messages, last hour', unit: 'count' },
  { key: 'linkDomains24h', label: 'Different link domains, last 24 hours', unit: 'count' },
  { key: 'deliveryReports24h', label: 'Delivery reports, last 24 hours', unit: 'count' },
  { key: 'deliveryFailureRate', label: 'Delivery failure rate', unit: 'share' },
  { key: 'carrierFilteredRate', label: 'Filtered by carriers', unit: 'share' },
  { key: 'optOutRate', label: 'Opt-out (STOP) rate', unit: 'share' },
  { key: 'complaints24h', label: 'Complaints, last 24 hours', unit: 'count' },
  { key: 'otpSent24h', label: 'One-time codes sent, last 24 hours', unit: 'count' },
  { key: 'otpConversion', label: 'One-time codes completed', unit: 'share' },
  { key: 'recentScoreMax', label: 'Highest recent message score', unit: 'score' },
  { key: 'recentScoreMean', label: 'Average recent message score', unit: 'score' },
  { key: 'recentScoreWeight', label: 'Recent scores behind the average', unit: 'score' },
  { key: 'suspiciousCount1h', label: 'Messages needing review, last hour', unit: 'count' },
  { key: 'abusiveCount24h', label: 'Messages blocked, last 24 hours', unit: 'count' },
];

const BY_KEY = new Map(SIGNALS.map((s, i) => [s.key, { ...s, order: i }]));
const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

export interface SignalRow {
  key: string;
  label: string;
  value: string;
}

/** "uniqueRecipients24h" -> "Unique recipients 24h": for names this file does not know yet. */
export function humanizeName(name: string): string {
  const words = name
    .replace(/([a-z])([A-Z0-9])/g, '$1 $2')
    .replace(/([0-9])([a-z]{3,})/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function formatValue(unit: Unit | null, value: unknown): string {
  if (value === null || value === undefined) return 'none recorded';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value !== 'number') return typeof value === 'object' ? JSON.stringify(value) : String(value);
  switch (unit) {
    case 'share':
      return `${number.format(Math.round(value * 1000) / 10)}%`;
    case 'duration':
      return value > 0 ? formatDuration(value) : 'new';
    case 'instant':
      return value > 0 ? formatDateTime(new Date(value)) : 'never';
    case 'score':
      return value.toFixed(2);
    default:
      return number.format(value);
  }
}

export function describeSignals(signals: Record<string, unknown>): SignalRow[] {
  return Object.entries(signals)
    .map(([key, value]) => {
      const spec = BY_KEY.get(key);
      return {
        order: spec?.order ?? Number.MAX_SAFE_INTEGER,
        key,
        label: spec?.label ?? humanizeName(key),
        value: formatValue(spec?.unit ?? null, value),
      };
    })
    .sort((a, b) => a.order - b.order || a.label.localeCompare(b.label))
    .map(({ key, label, value }) => ({ key, label, value }));
}
