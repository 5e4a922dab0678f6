import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  analyze,
  CONTENT_REASONS,
  createFeatureRow,
  featurize,
  LEGACY_FEATURE_SCHEMA_VERSION,
  loadGoldenInputs,
  loadGoldenMessages,
  V2_FEATURE_SCHEMA_VERSION,
} from '@gavel/features';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentModel } from './contentModel';
import { ModelLoadError, ModelSchemaMismatchError } from './errors';
import { linearReference, readLinearParams } from './linearModel';
import { readManifest } from './modelCard';
import { isStackedGraph, readStackedParams, stackedReference } from './stackedTrees';

const modelDir = resolve(import.meta.dirname, '../../../models');
let model: ContentModel;

beforeAll(async () => {
  model = await ContentModel.load({ modelDir });
});
afterAll(async () => {
  await model?.close();
});

describe('ContentModel on the committed model', () => {
  it('loads the version named in models/manifest.json', () => {
    expect(model.version).toBe(readManifest(modelDir).content);
    expect(model.card.thresholds.review).toBeLessThanOrEqual(model.card.thresholds.block);
  });

  it('is the stacked kind the card names, explained by its linear part', () => {
    expect(model.kind).toBe('stacked-trees');
    expect(model.card.kind).toBe('stacked-trees');
    expect(isStackedGraph(readFileSync(join(modelDir, model.card.onnxFile)))).toBe(true);
  });

  it('matches a pure TypeScript reference of the same weights and trees within 1e-5 on the golden messages and channels', async () => {
    // Weights and trees decoded independently from the ONNX file on disk, the shortener list from the card file.
    const stacked = readStackedParams(readFileSync(join(modelDir, model.card.onnxFile)));
    const card = JSON.parse(readFileSync(join(modelDir, `${model.version}.json`), 'utf8'));
    const shortenerDomains = new Set<number>(card.linkLists.shortenerDomains.hashes);
    expect(shortenerDomains.size).toBeGreaterThan(1000);
    const inputs = loadGoldenInputs();
    expect(inputs.length).toBeGreaterThan(20);
    expect(inputs.some((i) => i.channel === 'email')).toBe(true);
    // Schema 2026.12.2's additions: Latin glued to Thai, other scripts (script split, token shapes).
    expect(inputs.some((i) => i.text.includes('tiktok'))).toBe(true);
    const results = await model.scoreMany(inputs.map(({ text, channel }) => ({ input: text, channel })));
    const row = createFeatureRow();
    inputs.forEach(({ text, channel }, i) => {
      const f = featurize(text, row, { channel, shortenerDomains });
      const ref = stackedReference(stacked, f.ids, f.values, f.count, channel === 'email');
      expect(Math.abs(results[i].score - ref.score)).toBeLessThan(1e-5);
      expect(Math.abs(results[i].logit - ref.logit)).toBeLessThan(1e-5);
    });
    // The trees change the score: the linear part alone would give other scores on most messages.
    const differs = inputs.filter(({ text, channel }, i) => {
      const f = featurize(text, row, { channel, shortenerDomains });
      return (
        Math.abs(linearReference(stacked.linear, f.ids, f.values, f.count).score - results[i].score) > 1e-3
      );
    });
    expect(differs.length).toBeGreaterThan(inputs.length / 2);
  });

  it('scores the same text differently by channel (channel-crossed features)', async () => {
    const text = 'Your invoice is attached, view it at https://docs-share-portal.xyz/v/8fk2Lq9';
    const [sms, email] = await model.scoreMany([
      { input: text, channel: 'sms' },
      { input: text, channel: 'email' },
    ]);
    expect(sms.score).not.toBe(email.score);
    expect(await model.score(text)).toEqual(sms);
  });

  it('refuses an analysis made under another feature schema instead of scoring skewed features', async () => {
    await expect(model.score(analyze('hello there', LEGACY_FEATURE_SCHEMA_VERSION))).rejects.toThrow(
      /schema/,
    );
  });

  it('runs concurrent score() calls as fewer ONNX batches with the same results as scoreMany', async () => {
    const messages = loadGoldenMessages().slice(0, 40);
    const expected = await model.scoreMany(messages);
    const runsBefore = model.runCount;
    const results = await Promise.all(messages.map((m) => model.score(m)));
    expect(model.runCount - runsBefore).toBeLessThan(messages.length);
    expect(model.runCount - runsBefore).toBeLessThanOrEqual(2);
    expect(results).toEqual(expected);
  });

  it('scores an obvious smishing message above an ordinary one and explains it with known reason codes', async () => {
    const [bad, good] = await model.scoreMany([
      'URGENT: your bank account is locked. Verify your password and PIN now at http://bit.ly/secure-login or call 08001234567',
      'Are we still on for lunch tomorrow? I can pick you up at noon',
    ]);
    expect(bad.score).toBeGreaterThan(good.score);
    expect(bad.score).toBeGreaterThan(model.card.thresholds.review);
    expect(bad.reasons.length).toBeGreaterThan(0);
    expect(bad.reasons.length).toBeLessThanOrEqual(3);
    for (const r of bad.reasons) {
      expect(r.message).toBe(CONTENT_REASONS[r.code]);
      expect(r.weight).toBeGreaterThan(0);
      expect(Math.round(r.weight * 100) / 100).toBe(r.weight);
    }
    expect([...bad.reasons].sort((a, b) => b.weight - a.weight)).toEqual(bad.reasons);
  });

  it('never throws on any string and always returns a probability', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 400 }),
          fc.string({ unit: 'grapheme', maxLength: 200 }),
          fc.string(),
        ),
        async (text) => {
          const r = await model.score(text);
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(1);
          expect(Number.isFinite(r.logit)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
    const huge = await model.score('x'.repeat(65_536));
    expect(Number.isFinite(huge.score)).toBe(true);
  });
});

describe('the previous models, kept for shadow scoring', () => {
  it('loads content-2026.12.2 (linear, current schema) and matches its reference with channels', async () => {
    const previous = await ContentModel.load({ modelDir, version: 'content-2026.12.2' });
    try {
      expect(previous.kind).toBe('linear');
      const params = readLinearParams(readFileSync(join(modelDir, previous.card.onnxFile)));
      const shortenerDomains = new Set<number>(
        (previous.card.linkLists as { shortenerDomains: { hashes: number[] } }).shortenerDomains.hashes,
      );
      const inputs = loadGoldenInputs();
      const results = await previous.scoreMany(inputs.map(({ text, channel }) => ({ input: text, channel })));
      const row = createFeatureRow();
      inputs.forEach(({ text, channel }, i) => {
        const f = featurize(text, row, { channel, shortenerDomains });
        expect(
          Math.abs(results[i].score - linearReference(params, f.ids, f.values, f.count).score),
        ).toBeLessThan(1e-5);
      });
    } finally {
      await previous.close();
    }
  });

  it('loads content-2026.12.1 on its own feature schema (2026.12.1) and matches its reference with channels', async () => {
    const previous = await ContentModel.load({ modelDir, version: 'content-2026.12.1' });
    try {
      expect(previous.schemaVersion).toBe(V2_FEATURE_SCHEMA_VERSION);
      const params = readLinearParams(readFileSync(join(modelDir, previous.card.onnxFile)));
      const shortenerDomains = new Set<number>(
        (previous.card.linkLists as { shortenerDomains: { hashes: number[] } }).shortenerDomains.hashes,
      );
      const inputs = loadGoldenInputs(V2_FEATURE_SCHEMA_VERSION);
      const results = await previous.scoreMany(inputs.map(({ text, channel }) => ({ input: text, channel })));
      const row = createFeatureRow();
      inputs.forEach(({ text, channel }, i) => {
        const f = featurize(text, row, { version: V2_FEATURE_SCHEMA_VERSION, channel, shortenerDomains });
        expect(
          Math.abs(results[i].score - linearReference(params, f.ids, f.values, f.count).score),
        ).toBeLessThan(1e-5);
      });
    } finally {
      await previous.close();
    }
  });

  it('loads content-2026.11.1 on its own (legacy) feature schema and matches its reference', async () => {
    const previous = await ContentModel.load({ modelDir, version: 'content-2026.11.1' });
    try {
      expect(previous.schemaVersion).toBe(LEGACY_FEATURE_SCHEMA_VERSION);
      const params = readLinearParams(readFileSync(join(modelDir, previous.card.onnxFile)));
      const messages = loadGoldenMessages(LEGACY_FEATURE_SCHEMA_VERSION);
      const results = await previous.scoreMany(messages);
      const row = createFeatureRow();
      messages.forEach((text, i) => {
        const f = featurize(text, row, { version: LEGACY_FEATURE_SCHEMA_VERSION });
        expect(
          Math.abs(results[i].score - linearReference(params, f.ids, f.values, f.count).score),
        ).toBeLessThan(1e-5);
      });
    } finally {
      await previous.close();
    }
  });
});

describe('ContentModel.load refusals', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gavel-model-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function writeCopy(version: string, edit: (card: Record<string, unknown>) => void) {
    const manifest = readManifest(modelDir);
    const card = JSON.parse(readFileSync(join(modelDir, `${manifest.content}.json`), 'utf8'));
    copyFileSync(join(modelDir, card.onnxFile), join(dir, card.onnxFile));
    edit(card);
    writeFileSync(join(dir, `${version}.json`), JSON.stringify(card));
  }

  it('refuses a card trained on another feature schema, telling the operator to run pnpm train', async () => {
    writeCopy('content-wronghash', (card) => {
      card.featureSchemaHash = 'f'.repeat(64);
    });
    const loading = ContentModel.load({ modelDir: dir, version: 'content-wronghash' });
    await expect(loading).rejects.toBeInstanceOf(ModelSchemaMismatchError);
    await expect(loading).rejects.toThrow(/pnpm train/);
  });

  it('refuses an ONNX file whose sha256 differs from the card', async () => {
    writeCopy('content-wrongsha', (card) => {
      card.onnxSha256 = '0'.repeat(64);
    });
    await expect(ContentModel.load({ modelDir: dir, version: 'content-wrongsha' })).rejects.toBeInstanceOf(
      ModelLoadError,
    );
  });

  it('refuses a card whose kind does not match the graph in its ONNX file', async () => {
    writeCopy('content-wrongkind', (card) => {
      card.kind = 'linear';
    });
    await expect(ContentModel.load({ modelDir: dir, version: 'content-wrongkind' })).rejects.toThrow(
      /kind "linear"/,
    );
  });

  it('explains a missing manifest', async () => {
    await expect(ContentModel.load({ modelDir: join(dir, 'nowhere') })).rejects.toThrow(/manifest/);
  });
});
