import { describe, expect, it } from 'vitest';
import { storableParams, storableText } from './storableText';

describe('storableText', () => {
  it('replaces NUL and lone surrogates with U+FFFD and leaves valid text alone', () => {
    expect(storableText('a\u0000b')).toBe('a\uFFFDb');
    expect(storableText('x-\ud800')).toBe('x-\uFFFD');
    expect(storableText('\udc00y')).toBe('\uFFFDy');
    expect(storableText('emoji 😀 ok')).toBe('emoji 😀 ok');
    const plain = 'Grüße, 你好';
    expect(storableText(plain)).toBe(plain);
  });

  it('replaces the JSON escapes jsonb refuses, but not escaped backslashes or surrogate pairs', () => {
    const doc = JSON.stringify({ note: 'a\u0000b', lone: '\ud800', pair: '😀' });
    const safe = storableText(doc);
    expect(JSON.parse(safe)).toEqual({ note: 'a\uFFFDb', lone: '\uFFFD', pair: '😀' });
    // Text that merely shows a backslash-u sequence stays as it is.
    const literal = JSON.stringify({ text: '\\u0000 and \\ud800' });
    expect(storableText(literal)).toBe(literal);
    const paired = '{"p":"\\ud83d\\ude00"}';
    expect(storableText(paired)).toBe(paired);
  });

  it('rewrites only string parameters', () => {
    const date = new Date(0);
    expect(storableParams(['a\u0000', 1, null, date])).toEqual(['a\uFFFD', 1, null, date]);
    const clean = ['a', 2];
    expect(storableParams(clean)).toBe(clean);
  });
});
