/**
 * Redacted excerpt of a message for reviewers: the privacy notice promises that stored excerpts
 * carry no numbers, email addresses or link paths. Works on the raw text (what the sender wrote, so a
 * reviewer sees the evasion tricks), with control and invisible characters made visible as spaces.
 */

const EMAIL = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[^\s@<>()[\]"',;:]+/g;
const URL_WITH_SCHEME = /\b(?:[a-z][a-z0-9+.-]{1,9}):\/\/([^\s/?#<>"']+)[^\s<>"']*/gi;
const BARE_URL = /\b((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(\/[^\s<>"']+)/gi;
const DIGIT = /\p{Nd}/gu;
const CONTROL = /[\p{Cc}\u2028\u2029]+/gu;
// Zero-width and bidi controls: removed, so "f\u200bree" shows as "free" and RTL overrides cannot reorder the excerpt.
const INVISIBLE = /\p{Cf}+/gu;

export const DEFAULT_EXCERPT_LENGTH = 280;

export function redactExcerpt(text: string, maxLength: number = DEFAULT_EXCERPT_LENGTH): string {
  const input = typeof text === 'string' ? text : String(text ?? '');
  const limit = Number.isFinite(maxLength) && maxLength > 0 ? Math.floor(maxLength) : DEFAULT_EXCERPT_LENGTH;
  // Bound the work: only the start of a long body can end up in the excerpt (masking only shortens).
  let s = input.length > limit * 4 + 256 ? input.slice(0, limit * 4 + 256) : input;
  s = s.replace(CONTROL, ' ').replace(INVISIBLE, '');
  s = s.replace(EMAIL, '<email>');
  s = s.replace(URL_WITH_SCHEME, (_m, host: string) => `${stripUserinfo(host)}/…`);
  s = s.replace(BARE_URL, (_m, host: string) => `${host}/…`);
  s = s.replace(DIGIT, '#');
  s = s.replace(/\s+/g, ' ').trim();
  return truncate(s, limit);
}

function stripUserinfo(host: string): string {
  const at = host.lastIndexOf('@');
  return at >= 0 ? host.slice(at + 1) : host;
}

function truncate(text: string, limit: number): string {
  const chars = Array.from(text);
  if (chars.length <= limit) return text;
  return `${chars
    .slice(0, Math.max(0, limit - 1))
    .join('')
    .trimEnd()}…`;
}
