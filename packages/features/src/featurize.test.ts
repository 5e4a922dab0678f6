import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { createFeatureRow, type FeatureRow, featurize } from './featurize';
import {
  DENSE_FEATURES,
  HASH_SPACE,
  LEGACY_FEATURE_SCHEMA_VERSION,
  MAX_FEATURES,
  NUM_FEATURE_IDS,
} from './schema';

function asMap(row: FeatureRow): Map<number, number> {
  const map = new Map<number, number>();
  for (let i = 0; i < row.count; i++) map.set(row.ids[i], row.values[i]);
  return map;
}

/**
 * evasion_tricks and uppercase_ratio exist to see the disguise (so a variant scores as at least as
 * suspicious); everything else, hashed block included, must not move.
 */
const TRICK_DETECTORS = new Set(
  ['evasion_tricks', 'uppercase_ratio'].map(
    (name) => HASH_SPACE + DENSE_FEATURES.findIndex((f) => f.name === name),
  ),
);
const NOT_TRICK_DETECTORS = (id: number) => !TRICK_DETECTORS.has(id);

function cosine(a: FeatureRow, b: FeatureRow, keep: (id: number) => boolean = () => true): number {
  const ma = new Map([...asMap(a)].filter(([id]) => keep(id)));
  const mb = new Map([...asMap(b)].filter(([id]) => keep(id)));
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [id, v] of ma) {
    na += v * v;
    dot += v * (mb.get(id) ?? 0);
  }
  for (const v of mb.values()) nb += v * v;
  return na === 0 || nb === 0 ? (na === nb ? 1 : 0) : dot / Math.sqrt(na * nb);
}

function expectWellFormed(row: FeatureRow, legacy = false): void {
  expect(row.ids).toHaveLength(MAX_FEATURES);
  expect(row.values).toHaveLength(MAX_FEATURES);
  expect(row.count).toBeGreaterThanOrEqual(0);
  expect(row.count).toBeLessThanOrEqual(MAX_FEATURES);
  const seen = new Set<number>();
  let hashedSquares = 0;
  for (let i = 0; i < row.count; i++) {
    const id = row.ids[i];
    expect(id).toBeGreaterThanOrEqual(1);
    expect(id).toBeLessThan(NUM_FEATURE_IDS);
    expect(seen.has(id)).toBe(false);
    seen.add(id);
    expect(Number.isFinite(row.values[i])).toBe(true);
    if (id < HASH_SPACE) hashedSquares += row.values[i] * row.values[i];
    else expect(row.values[i]).toBeGreaterThan(0);
  }
  // The current schema writes the L2-normalised hashed block twice (shared + channel-crossed copy;
  // a crossed id that collides with one already in the row is skipped), the legacy schema once.
  if (hashedSquares > 0 && legacy) expect(Math.abs(hashedSquares - 1)).toBeLessThan(1e-4);
  if (hashedSquares > 0 && !legacy) {
    expect(hashedSquares).toBeGreaterThan(1 - 1e-4);
    expect(hashedSquares).toBeLessThan(2 + 1e-4);
  }
  for (let i = row.count; i < MAX_FEATURES; i++) {
    if (row.ids[i] !== 0 || row.values[i] !== 0) throw new Error(`padding at ${i} is not zero`);
  }
}

const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc
    .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 })
    .map((codes) => String.fromCharCode(...codes)),
  fc.constantFrom('', ' ', '\u202e', '\ud800', '\udc00x', '<URL>', 'http://', '$$$', '1.2.3.4', 'a@b.c'),
);

describe('featurize', () => {
  it('writes the documented layout: unique ids in range, L2-normalised hashed block, dense ids after HASH_SPACE', () => {
    const row = featurize('URGENT: your parcel fee of £2.99 is unpaid, pay at http://bit.ly/abc');
    expectWellFormed(row);
    const dense = asMap(row);
    const shortener = DENSE_FEATURES.findIndex((f) => f.name === 'shortened_url');
    expect(dense.get(HASH_SPACE + shortener)).toBe(1);
  });

  it('accepts an Analysis and gives the same row as the string', () => {
    const text = 'Claim your FREE prize now at winner.top';
    const a = featurize(text, createFeatureRow());
    const b = featurize(analyze(text), createFeatureRow());
    expect(Array.from(b.ids)).toEqual(Array.from(a.ids));
    expect(Array.from(b.values)).toEqual(Array.from(a.values));
  });

  it('reuses the row and zeroes the padding left by a longer previous message', () => {
    const row = createFeatureRow();
    featurize('a long message '.repeat(40), row);
    const long = row.count;
    const again = featurize('hi', row);
    expect(again).toBe(row);
    expect(row.count).toBeLessThan(long);
    expectWellFormed(row);
  });

  it('bounds a 64 KiB body to MAX_FEATURES, keeping it deterministic', () => {
    const syllables = ['ka', 'lo', 'mi', 'ren', 'tu', 'sa', 'vo', 'pe', 'dri', 'gu', 'na', 'shi', 'bo'];
    const word = (n: number) =>
      syllables[n % 13] + syllables[Math.floor(n / 13) % 13] + syllables[Math.floor(n / 169) % 13];
    const body = Array.from({ length: 12_000 }, (_, i) => word((i * 7919 + 13) % 2179)).join(' ');
    const big = body.slice(0, 65_536);
    const a = featurize(big, createFeatureRow());
    const b = featurize(big, createFeatureRow());
    // Half the row for each copy of the hashed block; a crossed id that is already taken is skipped.
    expect(a.count).toBeLessThanOrEqual(MAX_FEATURES);
    expect(a.count).toBeGreaterThan(MAX_FEATURES - 16);
    expectWellFormed(a);
    const legacy = featurize(big, createFeatureRow(), { version: LEGACY_FEATURE_SCHEMA_VERSION });
    expect(legacy.count).toBe(MAX_FEATURES);
    expectWellFormed(legacy, true);
    expect(Array.from(a.ids)).toEqual(Array.from(b.ids));
  });

  it('never throws and always yields a well-formed row, for any string', () => {
    const row = createFeatureRow();
    fc.assert(
      fc.property(
        anyText,
        fc.constantFrom('sms', 'email') as fc.Arbitrary<'sms' | 'email'>,
        (text, channel) => {
          featurize(text, row, { channel });
          expectWellFormed(row);
          featurize(text, row, { version: LEGACY_FEATURE_SCHEMA_VERSION });
          expectWellFormed(row, true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same text gives the same row, whatever came before', () => {
    fc.assert(
      fc.property(anyText, anyText, (text, other) => {
        const first = featurize(text, createFeatureRow());
        const reused = createFeatureRow();
        featurize(other, reused);
        featurize(text, reused);
        expect(Array.from(reused.ids)).toEqual(Array.from(first.ids));
        expect(Array.from(reused.values)).toEqual(Array.from(first.values));
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same rows around a long email that outgrew the small id table', () => {
    const sms = 'URGENT: your parcel is held, pay the 1.99 fee at http://bit.ly/x7Hk2p today';
    // Thousands of distinct words: more distinct ids than the small index holds at half load.
    const email = Array.from({ length: 3000 }, (_, i) => `w${(i * 7919).toString(36)}q`).join(' ');
    const freshSms = featurize(sms, createFeatureRow());
    const freshEmail = featurize(email, createFeatureRow(), { channel: 'email' });
    expect(freshEmail.count).toBeGreaterThan(MAX_FEATURES - 8);
    const row = createFeatureRow();
    for (const round of [1, 2]) {
      featurize(email, row, { channel: 'email' });
      expect(Array.from(row.ids), `email, round ${round}`).toEqual(Array.from(freshEmail.ids));
      expect(Array.from(row.values), `email, round ${round}`).toEqual(Array.from(freshEmail.values));
      featurize(sms, row);
      expect(Array.from(row.ids), `sms, round ${round}`).toEqual(Array.from(freshSms.ids));
      expect(Array.from(row.values), `sms, round ${round}`).toEqual(Array.from(freshSms.values));
    }
  });

  it('gives near-identical vectors for evasion variants of a message (cosine >= 0.9)', () => {
    const HOMOGLYPHS: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х' };
    const LEET: Record<string, string> = { e: '3', a: '4', o: '0', s: '5' };
    const tricks: ((w: string) => string)[] = [
      (w) => w.replace(/[aeopcx]/g, (c) => HOMOGLYPHS[c]),
      (w) => w.split('').join('\u200b'),
      (w) => (w.length > 2 ? w.replace(/[eaos]/, (c) => LEET[c]) : w),
      (w) => w.toUpperCase().split('').join(' '),
    ];
    const base = [
      'your',
      'parcel',
      'delivery',
      'failed',
      'please',
      'pay',
      'the',
      'redelivery',
      'fee',
      'today',
      'account',
      'locked',
      'verify',
      'password',
      'claim',
      'free',
      'prize',
      'winner',
      'reward',
      'bank',
      'card',
      'details',
      'meeting',
      'tomorrow',
      'dinner',
      'thanks',
      'see',
      'you',
      'later',
      'home',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...base), { minLength: 6, maxLength: 20 }),
        fc.integer({ min: 0, max: tricks.length - 1 }),
        fc.integer({ min: 0, max: 1000 }),
        (words, trick, pick) => {
          // Disguise one word in three (a realistic attacker disguises the trigger words only).
          const disguised = words.map((w, i) => ((i + pick) % 3 === 0 ? tricks[trick](w) : w));
          const plain = featurize(words.join(' '), createFeatureRow());
          const variant = featurize(disguised.join(' '), createFeatureRow());
          expect(cosine(plain, variant, NOT_TRICK_DETECTORS)).toBeGreaterThanOrEqual(0.9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives near-identical vectors for a defanged link', () => {
    const a = featurize('Pay the toll now at https://ezpass-pay.xyz/pay');
    const b = featurize('Pay the toll now at hxxps://ezpass-pay[.]xyz/pay');
    expect(cosine(a, createCopy(b), NOT_TRICK_DETECTORS)).toBeGreaterThanOrEqual(0.9);
  });
});

function createCopy(row: FeatureRow): FeatureRow {
  return { ids: row.ids.slice(), values: row.values.slice(), count: row.count };
}
