/**
 * Turns a raw RFC 822 email into the text the scoring API would receive: subject + readable body.
 * Headers other than the subject are dropped on purpose: the API never sees them, and a model
 * that learned the corpus's Received lines would not generalise.
 */

interface MimePart {
  headers: Map<string, string>;
  body: string;
}

const MAX_PARTS = 50;

function splitHeaders(raw: string): MimePart {
  const normalized = raw.replace(/\r\n/g, '\n');
  const blank = normalized.indexOf('\n\n');
  const head = blank < 0 ? normalized : normalized.slice(0, blank);
  const body = blank < 0 ? '' : normalized.slice(blank + 2);
  const headers = new Map<string, string>();
  // Unfold continuation lines, then take the first occurrence of each header.
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function headerParam(value: string, name: string): string | undefined {
  const match = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return match ? (match[1] ?? match[2]) : undefined;
}

function decodeBytes(bytes: Buffer, charset: string | undefined): string {
  const cs = (charset ?? '').toLowerCase();
  return cs === 'utf-8' || cs === 'utf8' ? bytes.toString('utf8') : bytes.toString('latin1');
}

function decodeQuotedPrintable(text: string, charset: string | undefined): string {
  const joined = text.replace(/=\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const ch = joined.charCodeAt(i);
    if (ch === 0x3d && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch < 0x100) bytes.push(ch);
    else for (const b of Buffer.from(joined[i], 'utf8')) bytes.push(b);
  }
  return decodeBytes(Buffer.from(bytes), charset);
}

/** Decodes RFC 2047 encoded words in a header (=?charset?B|Q?...?=). */
function decodeEncodedWords(value: string): string {
  return value.replace(
    /=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g,
    (_m, charset: string, enc: string, data: string) => {
      if (enc.toLowerCase() === 'b') return decodeBytes(Buffer.from(data, 'base64'), charset);
      return decodeQuotedPrintable(data.replace(/_/g, ' '), charset);
    },
  );
}

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  copy: '(c)',
};

/** HTML to text; link targets are kept in the text because links are among the strongest signals. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<a\b[^>]*?href\s*=\s*["']?([^"'\s>]+)[^>]*>/gi, ' $1 ')
    .replace(/<(br|p|div|tr|li|h[1-6])\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (m, entity: string) => {
      if (entity[0] === '#') {
        const code =
          entity[1] === 'x' || entity[1] === 'X'
            ? Number.parseInt(entity.slice(2), 16)
            : Number(entity.slice(1));
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[entity.toLowerCase()] ?? m;
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n');
}

function decodePart(part: MimePart): string {
  const type = part.headers.get('content-type') ?? 'text/plain';
  const charset = headerParam(type, 'charset');
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  let body = part.body;
  if (encoding.includes('quoted-printable')) body = decodeQuotedPrintable(body, charset);
  else if (encoding.includes('base64'))
    body = decodeBytes(Buffer.from(body.replace(/\s+/g, ''), 'base64'), charset);
  return /text\/html/i.test(type) || /^\s*<(!doctype|html|body|table|div|p|font)\b/i.test(body)
    ? htmlToText(body)
    : body;
}

function collectText(part: MimePart, out: { plain: string[]; html: string[] }, depth: number): void {
  if (depth > 5 || out.plain.length + out.html.length >= MAX_PARTS) return;
  const type = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = headerParam(part.headers.get('content-type') ?? '', 'boundary');
    if (!boundary) {
      out.plain.push(part.body);
      return;
    }
    const pieces = part.body.split(`--${boundary}`);
    // pieces[0] is the preamble; the last piece starts with "--" (the closing delimiter).
    for (const piece of pieces.slice(1)) {
      if (piece.startsWith('--')) break;
      collectText(splitHeaders(piece.replace(/^[ \t]*\n/, '')), out, depth + 1);
    }
    return;
  }
  if (type.startsWith('text/html')) out.html.push(decodePart(part));
  else if (type.startsWith('text/') || !type.includes('/')) out.plain.push(decodePart(part));
  // Attachments (images, applications) carry no text the API would see.
}

/**
 * Removes what mail servers and mail clients add around the sender's own text: quoted replies,
 * attribution lines, signatures, and mailing-list footers. In the 2002 corpus 87% of ham carries a
 * list footer link; left in, the model learns "has a link => benign", the opposite of SMS.
 */
export function stripMailBoilerplate(body: string): string {
  const lines = body.split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^-- ?$/.test(line) || /^_{20,}\s*$/.test(line)) break; // signature or list footer: rest is boilerplate
    if (/^-{10,} ?Yahoo! Groups Sponsor/.test(line)) {
      while (i < lines.length && !/~->\s*$/.test(lines[i])) i++;
      continue;
    }
    if (/^\s*>/.test(line)) continue;
    if (/^On .{0,120}wrote:\s*$/.test(line) || /wrote:\s*$/.test(line)) continue;
    kept.push(line);
  }
  return kept.join('\n');
}

/** Subject line plus the readable body (plain parts preferred over their HTML alternatives), capped in length. */
export function emailToText(raw: string, maxChars = 16_384): string {
  const root = splitHeaders(raw);
  const subject = decodeEncodedWords(root.headers.get('subject') ?? '');
  const out = { plain: [] as string[], html: [] as string[] };
  collectText(root, out, 0);
  const plain = out.plain.join('\n').trim();
  const body = stripMailBoilerplate(plain.length > 0 ? plain : out.html.join('\n').trim()).trim();
  const text = `${subject}\n${body}`.replace(/\n{3,}/g, '\n\n');
  return text.length > maxChars ? text.slice(0, maxChars) : text;
}
