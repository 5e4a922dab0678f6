import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One suspension notice found in the mail folder: whose it is and its appeal link. */
export interface NoticeLink {
  file: string;
  to: string;
  appealUrl: string;
}

/** Quoted-printable soft breaks and escapes, as nodemailer writes long lines. */
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** Reads the notices in `mailDir` not seen before and returns their recipients and appeal links. */
export async function readNewNotices(mailDir: string, seen: Set<string>): Promise<NoticeLink[]> {
  let files: string[];
  try {
    files = (await readdir(mailDir)).filter((f) => f.endsWith('.eml') && !seen.has(f)).sort();
  } catch {
    return []; // no notice yet: the folder appears with the first one
  }
  const out: NoticeLink[] = [];
  for (const file of files) {
    seen.add(file);
    const raw = decodeQuotedPrintable(await readFile(join(mailDir, file), 'utf8'));
    const to = /^To: *(?:.*<)?([^\s<>]+@[^\s<>]+?)>?\s*$/im.exec(raw)?.[1];
    const link = /(https?:\/\/[^\s"<>]+\/appeal\/[A-Za-z0-9_.-]+)/.exec(raw)?.[1];
    if (to && link) out.push({ file, to, appealUrl: link });
  }
  return out;
}

const HONEST_APPEALS = [
  'We are a small business and these were order updates our customers asked for. Our list is opt-in; please look again.',
  'These are one-time codes for our own sign-in page. Nothing in them was marketing; we would like the account back.',
  'This was a planned notice to all of our customers about an outage. It was a one-off and every recipient is a customer.',
];
const ABUSER_APPEALS = [
  'We did nothing wrong, these messages were sent by a partner and we did not know. Please restore the account.',
  'Our account must have been used by someone else. We need it back today for our business.',
];

/** What the demo's holder writes: honest holders explain their traffic; abusers deny. */
export function appealText(abusive: boolean, n: number): string {
  const list = abusive ? ABUSER_APPEALS : HONEST_APPEALS;
  return list[n % list.length];
}

/** Submits an appeal through the portal's API, as the holder's browser would. */
export async function submitAppeal(
  appealUrl: string,
  body: { explanation: string; contactEmail: string },
): Promise<number> {
  const url = new URL(appealUrl);
  const response = await fetch(`${url.origin}/api${url.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return response.status;
}
