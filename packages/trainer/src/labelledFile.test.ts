import { describe, expect, it } from 'vitest';
import { parseCsv, parseLabel, parseLabelledText } from './labelledFile';

describe('parseLabel', () => {
  it('counts smishing, phishing, fraud, spam and 1 as abusive in any case', () => {
    for (const l of ['spam', 'SMISHING', 'Phishing', 'fraud', '1', ' spam '])
      expect(parseLabel(l)).toBe(true);
  });
  it('counts ham and 0 as benign and rejects unknown labels', () => {
    expect(parseLabel('ham')).toBe(false);
    expect(parseLabel('0')).toBe(false);
    expect(parseLabel('maybe')).toBeNull();
  });
});

describe('parseCsv', () => {
  it('handles quoted fields with commas, doubled quotes and newlines', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi""\nthere"\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
  });
});

describe('parseLabelledText', () => {
  it('reads TSV label<TAB>text and skips rows with unknown labels', () => {
    const parsed = parseLabelledText('ham\thello there\nspam\tWIN a prize\tnow\nodd\tx\n\n', 't');
    expect(parsed.format).toBe('tsv');
    expect(parsed.messages.map((m) => [m.abusive, m.text])).toEqual([
      [false, 'hello there'],
      [true, 'WIN a prize\tnow'],
    ]);
    expect(parsed.skipped).toBe(1);
  });

  it('reads CSV with a case-insensitive header holding label and text among other columns', () => {
    const parsed = parseLabelledText(
      '\ufeffLABEL,TEXT,URL\nsmishing,"Pay now, or else",Yes\nham,see you,No\n',
      'c',
    );
    expect(parsed.format).toBe('csv');
    expect(parsed.messages.map((m) => [m.label, m.abusive, m.text])).toEqual([
      ['smishing', true, 'Pay now, or else'],
      ['ham', false, 'see you'],
    ]);
  });
});
