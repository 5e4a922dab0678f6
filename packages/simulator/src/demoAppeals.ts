import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isAbusive, type ProfileName } from './profiles';

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
const VICTIM_APPEALS = [
  'Someone got into our account and sent these; none of it was us. We have changed the password and the API keys.',
  'Our API key leaked last week and these messages were not ours. The key is revoked now; please restore the account.',
];
const ABUSER_APPEALS = [
  'We did nothing wrong, these messages were sent by a partner and we did not know. Please restore the account.',
  'Our account must have been used by someone else. We need it back today for our business.',
];

/** Who writes the appeal: an honest holder wrongly caught, the victim of a takeover, or an abuser. */
export type AppellantKind = 'honest' | 'victim' | 'abuser';

/**
 * Whether the demo's holder of a suspended account appeals, and as whom: every honest holder and
 * every takeover victim (their account was used by someone else: a real platform's most common
 * rightful appeal), and the share `abuserShare` of the other abusers, picked by `roll` (0-999).
 */
export function appellant(profile: ProfileName, roll: number, abuserShare: number): AppellantKind | null {
  if (!isAbusive(profile)) return 'honest';
  if (profile === 'account_takeover') return 'victim';
  return roll < abuserShare * 1000 ? 'abuser' : null;
}

/** What the demo's holder writes: honest holders explain their traffic, victims the takeover; abusers deny. */
export function appealText(kind: AppellantKind, n: number): string {
  const list = kind === 'honest' ? HONEST_APPEALS : kind === 'victim' ? VICTIM_APPEALS : ABUSER_APPEALS;
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
