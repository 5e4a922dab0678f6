import type { ReactNode } from 'react';

// Marks the parts of a redacted excerpt that typically make features fire: links, masked
// numbers/emails and money. The model's reason codes are listed beside the excerpt.
const SIGNIFICANT =
  /(https?:\/\/\S+|www\.\S+|\b[a-z0-9-]+\.(?:ly|gl|co|io|me|cc|xyz|top|info|link)\/\S*|[#*•]{3,}|\[[A-Za-z ]+\]|<[A-Z]+>|[£$€]\s?\S+)/gi;

export function HighlightedExcerpt({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(SIGNIFICANT)) {
    const start = match.index ?? 0;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(<mark key={start}>{match[0]}</mark>);
    last = start + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <blockquote className="excerpt">{parts}</blockquote>;
}
