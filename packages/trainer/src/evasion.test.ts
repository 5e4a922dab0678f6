import { describe, expect, it } from 'vitest';
import { EVASIONS } from './evasion';

const text = 'URGENT! Your parcel is held. Pay at http://bit.ly/abc now';

describe('EVASIONS', () => {
  it('leave links intact except when defanging them', () => {
    for (const name of ['homoglyphs', 'zeroWidth', 'leetspeak', 'spacedLetters'] as const) {
      expect(EVASIONS[name](text)).toContain('http://bit.ly/abc');
    }
    expect(EVASIONS.defangedLinks(text)).toContain('hxxp://bit[.]ly/abc');
  });

  it('apply the trick they are named after', () => {
    expect(EVASIONS.homoglyphs(text)).toMatch(/[\u0400-\u04ff]/);
    expect(EVASIONS.zeroWidth(text)).toContain('\u200b');
    expect(EVASIONS.leetspeak(text)).toContain('p4rc3l');
    expect(EVASIONS.spacedLetters(text)).toContain('U R G E N T!');
  });
});
