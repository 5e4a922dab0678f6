/**
 * Character tables of the normaliser: invisible and bidi controls, exotic spaces, letters of any
 * script, styled (math/fullwidth) letters, the accent fold and the look-alike (homoglyph) table, and
 * one class byte per BMP code unit built from them at module load, so the hot loops do one lookup.
 */

/** Zero-width, joiners, bidi embeddings/overrides/isolates, BOM, soft hyphen, variation selectors. */
export function isInvisible(c: number): boolean {
  return (
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x206f) ||
    c === 0xfeff ||
    c === 0x00ad ||
    c === 0x180e ||
    c === 0x034f ||
    c === 0x061c ||
    (c >= 0xfe00 && c <= 0xfe0f)
  );
}

function isBidiOverride(c: number): boolean {
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/**
 * Latin small capitals ("ᴄʟᴀɪᴍ ʏᴏᴜʀ ᴘʀɪᴢᴇ"), a favourite of "fancy text" generators. NFKC leaves
 * them alone, so they are folded here.
 */
export const SMALL_CAPITALS: Readonly<Record<string, string>> = {
  ᴀ: 'a',
  ʙ: 'b',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ꜰ: 'f',
  ɢ: 'g',
  ʜ: 'h',
  ɪ: 'i',
  ᴊ: 'j',
  ᴋ: 'k',
  ʟ: 'l',
  ᴍ: 'm',
  ɴ: 'n',
  ᴏ: 'o',
  ᴘ: 'p',
  ʀ: 'r',
  ꜱ: 's',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ʏ: 'y',
  ᴢ: 'z',
};
const SMALL_CAPITAL_CODES = new Set(Object.keys(SMALL_CAPITALS).map((k) => k.charCodeAt(0)));

/** Latin letters with no Unicode decomposition that still read as a plain letter (Turkish ı, Polish ł). */
export const EXTRA_LATIN_FOLDS: Readonly<Record<string, string>> = {
  ı: 'i',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ø: 'o',
  Ø: 'o',
  ħ: 'h',
  Ħ: 'h',
  ŧ: 't',
  Ŧ: 't',
  ŀ: 'l',
  Ŀ: 'l',
};

function isSpaceLike(c: number): boolean {
  return (
    c <= 0x20 ||
    (c >= 0x7f && c <= 0xa0) ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0x1680
  );
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/** Letters and digits of any script (coarse: everything from U+00C0 that isn't punctuation or symbol). */
function isWordCodeSlow(c: number): boolean {
  if (c < 0x80) return isAsciiAlnum(c);
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false;
  if (c >= 0x3000 && c <= 0x303f) return false;
  if (c >= 0xd800 && c <= 0xf8ff) return false;
  if (c >= 0xfe30 && c <= 0xfe4f) return false;
  if (c >= 0xff00 && c <= 0xff65) return false;
  if (c === 0xfffd || c === 0xfffc) return false;
  return true;
}

function isNoSpaceScript(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x0e00 && c <= 0x0eff) ||
    (c >= 0x1000 && c <= 0x109f) ||
    (c >= 0x1780 && c <= 0x17ff)
  );
}

/**
 * Characters NFKC turns into plain letters that only an evader would type: fullwidth forms,
 * enclosed (circled) alphanumerics, and (as surrogate pairs) mathematical alphanumerics and
 * squared/negative-circled Latin letters. Counted once per run.
 */
export function isStyledLetter(text: string, i: number, c: number): boolean {
  if ((c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a) || (c >= 0xff10 && c <= 0xff19))
    return true;
  if (c >= 0x2460 && c <= 0x24ff) return true;
  if (SMALL_CAPITAL_CODES.has(c)) return true;
  if (c === 0xd835) {
    const low = text.charCodeAt(i + 1);
    return low >= 0xdc00 && low <= 0xdfff;
  }
  if (c === 0xd83c) {
    const low = text.charCodeAt(i + 1);
    return low >= 0xdd30 && low <= 0xdd89;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Tables of the fold (stage 4), built once at module load (~5 ms).

/** Lower-case with Latin accents folded to their ASCII base letter; identity when not single-char. */
export const FOLD = new Uint16Array(0x10000);
(() => {
  for (let c = 0; c < 0x10000; c++) {
    FOLD[c] = c;
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const s = String.fromCharCode(c);
    if ((c >= 0xc0 && c <= 0x24f) || (c >= 0x1e00 && c <= 0x1eff)) {
      const base = s.normalize('NFD').charCodeAt(0);
      if (base < 0x80 && isAsciiAlnum(base)) {
        FOLD[c] = base >= 0x41 && base <= 0x5a ? base + 32 : base;
        continue;
      }
    }
    const lower = s.toLowerCase();
    if (lower.length === 1) FOLD[c] = lower.charCodeAt(0);
  }
  for (const [from, to] of Object.entries({ ...SMALL_CAPITALS, ...EXTRA_LATIN_FOLDS })) {
    FOLD[from.charCodeAt(0)] = to.charCodeAt(0);
  }
})();

/**
 * Lower-case Cyrillic and Greek letters that look like a Latin letter (after lower-casing, so the
 * upper-case look-alikes "АВЕКМНОРСТХ" are covered through their lower-case forms).
 */
export const HOMOGLYPHS: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  һ: 'h',
  ӏ: 'l',
  ԛ: 'q',
  ԝ: 'w',
  ү: 'y',
  ɡ: 'g',
  ь: 'b',
  ո: 'n',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  ζ: 'z',
  η: 'n',
  ι: 'i',
  κ: 'k',
  μ: 'u',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ϲ: 'c',
  ϳ: 'j',
  ω: 'w',
  γ: 'y',
};

export const HOMOGLYPH_TABLE = new Uint8Array(0x600);
for (const [from, to] of Object.entries(HOMOGLYPHS)) {
  const code = from.charCodeAt(0);
  if (code < HOMOGLYPH_TABLE.length) HOMOGLYPH_TABLE[code] = to.charCodeAt(0);
}

// Character classes of the BMP, one table lookup per character in the hot loops (~2 ms at load).
export const C_WORD = 1;
export const C_INVISIBLE = 2;
export const C_BIDI = 4;
export const C_SPACE = 8;
export const C_STYLED = 16;
export const C_NO_SPACE = 32;
export const C_GENUINE_NON_LATIN = 64;
export const C_UPPER = 128;
export const CHAR_CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  let cls = 0;
  if (isWordCodeSlow(c)) cls |= C_WORD;
  if (isInvisible(c)) cls |= C_INVISIBLE;
  if (isBidiOverride(c)) cls |= C_BIDI;
  if (isSpaceLike(c)) cls |= C_SPACE;
  // Surrogate pairs are checked in place (isStyledLetter); here the single-unit styled letters.
  if (c < 0xd800 || c > 0xdfff) {
    if (isStyledLetter('', 0, c)) cls |= C_STYLED;
  }
  if (isNoSpaceScript(c)) cls |= C_NO_SPACE;
  if (c >= 0x370 && c <= 0x52f && HOMOGLYPH_TABLE[FOLD[c]] === 0 && isWordCodeSlow(FOLD[c]))
    cls |= C_GENUINE_NON_LATIN;
  if ((c >= 0xc0 && c <= 0xde && c !== 0xd7) || (c >= 0x391 && c <= 0x3a9) || (c >= 0x400 && c <= 0x42f)) {
    cls |= C_UPPER;
  }
  CHAR_CLASS[c] = cls;
}

/** Letters and digits of any script (table lookup of isWordCodeSlow). */
export function isWordCode(c: number): boolean {
  return (CHAR_CLASS[c] & C_WORD) !== 0;
}
