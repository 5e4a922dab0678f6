/**
 * Schema 2026.12.2: what carries across languages. A model meets scripts it was never trained on
 * (held out, Thai and Indonesian score on what the other sources taught), so two script-agnostic
 * pieces: Latin words glued to another script become words of their own ("ทางtiktokชวน" ->
 * "ทาง tiktok ชวน": brand names, "otp", links learnt from English text then count), and every token
 * gets a shape (digits of a given length, a Latin word, a word of another script, an entity) whose
 * 2- and 3-grams are hashed, so "a 6-digit code after a word" looks alike in any language.
 */
import { isWordCode } from './charClasses';
import { combineHashes, FNV_OFFSET, fmix32, fnvStep, hashRange } from './hash';

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** A letter of a script other than Latin, Cyrillic or Greek (those have their own look-alike rules). */
function isOtherScript(c: number): boolean {
  if (c < 0x530 || !isWordCode(c)) return false;
  if (c >= 0x1e00 && c <= 0x1fff) return false; // Latin Extended Additional, Greek Extended
  if (c >= 0x2c60 && c <= 0x2c7f) return false; // Latin Extended-C
  if (c >= 0xa720 && c <= 0xa7ff) return false; // Latin Extended-D
  return !(c >= 0xfb00 && c <= 0xfb06); // Latin ligatures
}

/** Inserts a space wherever an ASCII letter or digit touches a letter of another script. */
export function splitScripts(text: string): string {
  let out: string[] | null = null;
  let copied = 0;
  for (let i = 1; i < text.length; i++) {
    const a = text.charCodeAt(i - 1);
    const b = text.charCodeAt(i);
    if ((isAsciiAlnum(a) && isOtherScript(b)) || (isOtherScript(a) && isAsciiAlnum(b))) {
      out ??= [];
      out.push(text.slice(copied, i), ' ');
      copied = i;
    }
  }
  if (out === null) return text;
  out.push(text.slice(copied));
  return out.join('');
}

const SHAPE_START = 0x5e; // ^
const SHAPE_END = 0x24; // $

/** Shape of normalised text[start, end) (one token of tokenize), as a small code or an entity hash. */
export function tokenShape(text: string, start: number, end: number): number {
  const first = text.charCodeAt(start);
  if (first === 0x3c) return hashRange(text, start, end, 0); // <URL>, <PHONE>, <CODE>, ...
  let ascii = 0;
  let digits = 0;
  let other = 0;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c < 0x80) ascii++;
    else if (isWordCode(c)) other++;
  }
  const len = end - start;
  if (ascii + digits + other === 0) return first >= 0xd800 && first <= 0xdbff ? 0x73 : first; // symbol
  if (other > 0) return ascii + digits > 0 ? 0x6d : 0x78; // m(ixed), x (another script)
  if (ascii === 0) return 0x100 + Math.min(len, 9); // d<len>
  if (digits > 0) return 0x63; // c (letters and digits)
  return 0x200 + (len <= 2 ? 1 : len <= 4 ? 2 : len <= 8 ? 3 : 4); // a<length class>
}

/**
 * Hashes of the token-shape 2- and 3-grams of a token sequence, with start and end marks. Overwrites
 * `shapes[0, count)` with each shape's hashed unit (scratch owned by featurize).
 */
export function shapeNgrams(
  shapes: Int32Array,
  count: number,
  seed: number,
  emit: (hash: number) => void,
): void {
  // Plain loops and module functions rather than closures: under tsx (keepNames) every closure made
  // per call is also a __name() call, measurable on a function that runs for every message.
  for (let i = 0; i < count; i++) shapes[i] = shapeUnit(shapes[i], seed);
  const start = shapeUnit(SHAPE_START, seed);
  const end = shapeUnit(SHAPE_END, seed);
  // Units are unsigned 32-bit; the Int32Array stores their bits, >>> 0 reads them back unsigned.
  let a = start;
  let b = count > 0 ? shapes[0] >>> 0 : end;
  for (let i = -1; i < count; i++) {
    const ab = combineHashes(a, b, seed);
    emit(ab);
    if (i + 2 <= count) {
      const c = i + 2 >= count ? end : shapes[i + 2] >>> 0;
      emit(combineHashes(ab, c, seed ^ 0x1));
      a = b;
      b = c;
    }
  }
}

function shapeUnit(s: number, seed: number): number {
  return fmix32(fnvStep(FNV_OFFSET ^ seed, s) ^ (s >>> 16));
}
