import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { contentFingerprint } from './fingerprint';
import { linkDomains } from './links';
import { redactExcerpt } from './redact';
import { DENSE_FEATURES } from './schema';

const denseOf = (text: string, name: string) =>
  analyze(text).dense[DENSE_FEATURES.findIndex((f) => f.name === name)];

describe('lexicons and dense features', () => {
  it.each([
    ['urgency', 'Your account will be suspended within 24 hours'],
    ['urgency', 'Su cuenta ha sido bloqueada, ultimo aviso'],
    ['credential', 'Please verify your password and PIN'],
    ['credential', 'Bestätigen Sie Ihre Zugangsdaten'],
    ['payment', 'Unpaid toll: pay the outstanding balance'],
    ['payment', 'Payez les frais de douane'],
    ['prize', 'Congratulations, you have won a free gift card'],
    ['prize', '恭喜您中奖了'],
    ['callback', 'Call us on 0800 123 4567 now'],
    ['delivery', 'Your parcel could not be delivered'],
    ['delivery', 'Ihr Paket wartet auf Zustellung'],
  ])('counts %s terms in "%s"', (lexicon, text) => {
    expect(
      analyze(text).lexiconHits[lexicon as keyof ReturnType<typeof analyze>['lexiconHits']],
    ).toBeGreaterThan(0);
  });

  it('finds no lexicon terms in everyday chat', () => {
    const { personal, ...risk } = analyze('See you at the station around seven, love you').lexiconHits;
    expect(Object.values(risk).every((n) => n === 0)).toBe(true);
    // Chat cues are what "a link in a message that looks personal" keys on.
    expect(personal).toBeGreaterThan(0);
  });

  it('scales every dense feature into [0, 1]', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        for (const v of analyze(text).dense) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
    expect(denseOf('!!!!!! !!! ??? !!', 'punctuation_runs')).toBe(1);
    expect(denseOf('HELLO', 'uppercase_ratio')).toBe(1);
  });

  it('flags a brand named in the text with a link elsewhere', () => {
    expect(denseOf('Royal Mail: pay the fee at rm-parcel.info/uk', 'brand_mention_with_link')).toBe(1);
    expect(denseOf('Royal Mail: track at https://www.royalmail.com/track', 'brand_mention_with_link')).toBe(
      0,
    );
    expect(denseOf('Royal Mail delivered your parcel', 'brand_mention_with_link')).toBe(0);
  });

  it('never throws from any entry point, for any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc
            .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 })
            .map((c) => String.fromCharCode(...c)),
        ),
        (text) => {
          const a = analyze(text);
          expect(linkDomains(a)).toEqual(linkDomains(text));
          expect(contentFingerprint(a)).toBe(contentFingerprint(text));
          expect(typeof redactExcerpt(text)).toBe('string');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throws and is deterministic on hostile input', () => {
    for (const text of [
      '',
      '\ud800',
      '\udfff\ud800',
      '\u0000'.repeat(100),
      'x'.repeat(70_000),
      '🙂'.repeat(5000),
    ]) {
      expect(analyze(text)).toEqual(analyze(text));
    }
    // Callers in plain JavaScript may pass nothing at all.
    expect(analyze(undefined as unknown as string).normalized).toBe('');
  });
});
