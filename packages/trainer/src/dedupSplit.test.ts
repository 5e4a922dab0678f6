import { describe, expect, it } from 'vitest';
import { deduplicate, stratifiedSplit } from './dedupSplit';
import type { LabelledMessage } from './labelledFile';

const msg = (text: string, abusive: boolean, source = 's'): LabelledMessage => ({
  text,
  abusive,
  label: abusive ? 'spam' : 'ham',
  source,
});

describe('deduplicate', () => {
  it('keeps the first copy of each normalised text and drops texts seen with both labels', () => {
    const messages = [
      msg('Hello', false),
      msg('hello', false, 't'),
      msg('WIN', true),
      msg('win', false),
      msg('bye', false),
    ];
    const { kept, stats } = deduplicate(messages, (m) => m.text.toLowerCase());
    expect(kept).toEqual([0, 4]);
    expect(stats).toMatchObject({
      input: 5,
      unique: 2,
      duplicatesDropped: 1,
      conflictingTextsDropped: 1,
      conflictingRowsDropped: 2,
    });
    expect(stats.duplicatesBySource).toEqual({ t: 1 });
  });
});

describe('stratifiedSplit', () => {
  it('splits every stratum in the given proportions, deterministically for a seed', () => {
    const strata = [...Array(100).fill('a'), ...Array(20).fill('b')];
    const parts = stratifiedSplit(strata, [0.8, 0.2], 42);
    expect(parts.slice(0, 100).filter((p) => p === 1).length).toBe(20);
    expect(parts.slice(100).filter((p) => p === 1).length).toBe(4);
    expect(stratifiedSplit(strata, [0.8, 0.2], 42)).toEqual(parts);
    expect(stratifiedSplit(strata, [0.8, 0.2], 43)).not.toEqual(parts);
  });
});
