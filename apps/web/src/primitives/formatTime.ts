const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
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
