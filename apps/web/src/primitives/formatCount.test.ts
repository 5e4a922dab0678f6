import { describe, expect, it } from 'vitest';
import { formatCount } from './formatCount';

describe('formatCount', () => {
  it('agrees the noun with the number', () => {
    expect(formatCount(0, 'case')).toBe('0 cases');
    expect(formatCount(1, 'case')).toBe('1 case');
    expect(formatCount(2, 'case')).toBe('2 cases');
    expect(formatCount(1, 'reply', 'replies')).toBe('1 reply');
    expect(formatCount(3, 'reply', 'replies')).toBe('3 replies');
  });

  it('groups thousands', () => {
    expect(formatCount(10_000, 'decision')).toBe('10,000 decisions');
  });
});
