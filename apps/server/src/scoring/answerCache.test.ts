import { describe, expect, it } from 'vitest';
import { AnswerCache } from './answerCache';

describe('AnswerCache', () => {
  it('keeps the first answer for a key', () => {
    const cache = new AnswerCache<string>(10);
    cache.setIfAbsent('m1', 'first');
    cache.setIfAbsent('m1', 'second');
    expect(cache.get('m1')).toBe('first');
  });

  it('evicts the least recently used entry beyond its capacity', () => {
    const cache = new AnswerCache<number>(2);
    cache.setIfAbsent('a', 1);
    cache.setIfAbsent('b', 2);
    cache.get('a');
    cache.setIfAbsent('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });
});
