const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});
const shortDateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

export function formatDateTime(date: Date): string {
  return `${dateTime.format(date)} UTC`;
}

export function formatDate(date: Date): string {
  return dateOnly.format(date);
}

/** "in 3 h", "12 min ago": for due times in the queue. */
export function formatRelative(date: Date, now: Date = new Date()): string {
  const minutes = Math.round((date.getTime() - now.getTime()) / 60_000);
  const magnitude = Math.abs(minutes);
  const text =
    magnitude < 60
      ? `${magnitude} min`
      : magnitude < 48 * 60
        ? `${Math.round(magnitude / 60)} h`
        : `${Math.round(magnitude / 1440)} d`;
  return minutes >= 0 ? `in ${text}` : `${text} ago`;
}

const UNITS: [number, string][] = [
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
];

/** "3 hours", "12 days", "less than a minute": a span in its largest whole unit. */
export function formatDuration(ms: number): string {
  for (const [size, unit] of UNITS) {
    const n = Math.floor(Math.abs(ms) / size);
    if (n >= 1) return `${n} ${n === 1 ? unit : `${unit}s`}`;
  }
  return 'less than a minute';
}

/** "29 Nov, 10:00": a compact instant for chart axes, where the year is rarely in doubt. */
export function formatShortDateTime(date: Date): string {
  return shortDateTime.format(date);
}
