// PostgreSQL text cannot hold U+0000 (SQLSTATE 22021), and jsonb refuses the \u0000 escape and
// unpaired surrogate escapes (22P05). Free text (names, emails, rationales, excerpts) is accepted from
// clients as it comes, so every string parameter is made storable here, once, for every query:
// NUL and lone surrogates become U+FFFD. Identifiers never get this far with such characters: the
// contracts' Identifier schema rejects them with 400 at the edge.

const REPLACEMENT = '\uFFFD';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` with NUL and lone surrogates replaced by U+FFFD (unchanged when already storable). */
export function storableText(text: string): string {
  let out = text.includes('\u0000') ? text.replaceAll('\u0000', REPLACEMENT) : text;
  out = out.replace(LONE_SURROGATE, REPLACEMENT);
  // A JSON document (drizzle sends jsonb values as JSON text): the escaped forms of the same things.
  if (out.includes('\\u')) out = out.replace(JSON_UNSTORABLE_ESCAPE, (_m, lead: string) => `${lead}\\ufffd`);
  return out;
}

// An escape preceded by an even number of backslashes (so it is an escape, not escaped text):
// \u0000, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const JSON_UNSTORABLE_ESCAPE =
  /(?<!\\)((?:\\\\)*)(?:\\u0000|\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2})/g;

/** Query parameters with every string made storable; other values pass through. */
export function storableParams<T>(params: T): T {
  if (!Array.isArray(params)) return params;
  let changed = false;
  const out = params.map((value: unknown) => {
    if (typeof value !== 'string') return value;
    const safe = storableText(value);
    if (safe !== value) changed = true;
    return safe;
  });
  return (changed ? out : params) as T;
}
