import { describe, expect, it } from 'vitest';
import { LEXICON_NAMES, LEXICONS } from './lexicons';
import { CONTENT_REASONS, DENSE_FEATURES, HASH_SPACE, MAX_FEATURES, NUM_FEATURE_IDS } from './schema';
import { featureSchemaHash } from './schemaHash';

describe('feature schema', () => {
  it('lays dense ids out after the hash space', () => {
    expect(Math.log2(HASH_SPACE) % 1).toBe(0);
    expect(NUM_FEATURE_IDS).toBe(HASH_SPACE + DENSE_FEATURES.length);
    expect(MAX_FEATURES).toBeGreaterThan(DENSE_FEATURES.length);
    expect(new Set(DENSE_FEATURES.map((f) => f.name)).size).toBe(DENSE_FEATURES.length);
  });

  it('gives every reason code one plain sentence, and maps dense features only to known codes', () => {
    for (const [code, sentence] of Object.entries(CONTENT_REASONS)) {
      expect(sentence.length, code).toBeGreaterThan(10);
      expect(sentence.includes('\n'), code).toBe(false);
    }
    for (const f of DENSE_FEATURES) if (f.reason) expect(CONTENT_REASONS[f.reason], f.name).toBeDefined();
    // Every reason code is reachable from at least one dense feature.
    const reachable = new Set(DENSE_FEATURES.map((f) => f.reason).filter(Boolean));
    expect([...reachable].sort()).toEqual(Object.keys(CONTENT_REASONS).sort());
  });

  it('hashes the schema to a stable sha256', () => {
    expect(featureSchemaHash()).toMatch(/^[0-9a-f]{64}$/);
    expect(featureSchemaHash()).toBe(featureSchemaHash());
  });

  it('keeps lexicon terms normalised (lower-case, no accents, single spaces)', () => {
    for (const name of LEXICON_NAMES) {
      for (const term of LEXICONS[name] as readonly string[]) {
        const bare = term.replace('<PHONE>', '');
        expect(bare, term).toBe(bare.toLowerCase());
        expect(/[\u00c0-\u024f]/.test(term), term).toBe(false);
        expect(/\s{2,}|^\s|\s$/.test(term), term).toBe(false);
      }
    }
  });
});
