/**
 * featurize(): a message as the sparse row the ONNX graph takes. Hashed block (word unigrams, word
 * bigrams, character 3-5-grams inside word boundaries, link domain / TLD / words, kinds of phone
 * numbers, amounts and codes) with sublinear tf, L2-normalised; then the non-zero dense features at
 * ids HASH_SPACE + i. All scratch memory is
 * module-level and reused: per message the hot loop allocates nothing beyond analyze()'s strings.
 */
import { type Analysis, analyze } from './analyze';
import { isWordCode } from './charClasses';
import { combineHashes, FNV_OFFSET, fmix32, fnvStep, hashRange, hashString } from './hash';
import { linkShapeHashes } from './linkShape';
import {
  CHAR_NGRAM,
  type Channel,
  channelFamily,
  DENSE_INDEX,
  denseCountOf,
  FEATURE_SCHEMA_VERSION,
  type FeatureSchemaVersion,
  HASH_SPACE,
  hasScriptShapes,
  LEGACY_FEATURE_SCHEMA_VERSION,
  LIMITS,
  MAX_FEATURES,
  SEEDS,
  SEEDS_V2,
  SEEDS_V3,
} from './schema';
import { shapeNgrams, tokenShape } from './scriptSplit';

/** What a model brings to featurize besides the text: its schema, the channel and its link lists. */
export interface FeaturizeOptions {
  /** Feature schema of the model (default: the current one). */
  version?: FeatureSchemaVersion;
  /** Request channel; the current schema adds a copy of every hashed id crossed with its family. */
  channel?: Channel;
  /**
   * Registrable domains on the shortener/QR-link list the model was trained with, as
   * hashString(domain, SHORTENER_LIST_SEED) (the list is data, so it travels with the model card).
   */
  shortenerDomains?: ReadonlySet<number>;
}

/** Seed of the hashed registrable domains in FeaturizeOptions.shortenerDomains. */
export const SHORTENER_LIST_SEED = 0x1d0c_5b7e;
const SHORTENER_LISTED = DENSE_INDEX.link_shortener_listed;

export interface FeatureRow {
  /** Feature ids; entries at index >= count are 0. */
  ids: Int32Array;
  /** Feature values; entries at index >= count are 0. */
  values: Float32Array;
  count: number;
}

export function createFeatureRow(): FeatureRow {
  return { ids: new Int32Array(MAX_FEATURES), values: new Float32Array(MAX_FEATURES), count: 0 };
}

const HASH_MASK = HASH_SPACE - 1;
// Entity descriptor families get their own seeds rather than a "domain:" prefix: no string building.
const SEED_DOMAIN = SEEDS.entity ^ 0x1;
const SEED_TLD = SEEDS.entity ^ 0x2;
const SEED_URL_WORD = SEEDS.entity ^ 0x3;

// Distinct ids of the current message in first-occurrence order (entries [0, usedCount) are counted
// features, the entries after them the channel-crossed copies), found through an open-addressing
// index of entry numbers. Why: in a CPU profile of featurize.bench's messages the earlier table of
// 16,384 (id, count) slots took ~13 % of featurize's time on its probes and clears, since a 160-char
// SMS touches ~1,000 random slots of 128 KiB; a 4,096-slot Uint16Array index (8 KiB) and the entries
// in order (~1,000 x 12 bytes) stay in the L1 cache. A long email moves once to the large index.
const MAX_ENTRIES = LIMITS.distinctIds + MAX_FEATURES;
const entryIds = new Int32Array(MAX_ENTRIES);
const entryCounts = new Int32Array(MAX_ENTRIES);
const entrySlots = new Int32Array(MAX_ENTRIES);
let entries = 0;
let usedCount = 0;
const SMALL_INDEX_BITS = 12;
// At most half full, so probe chains stay short: 2^15 > 2 * (8,192 + 1,024).
const LARGE_INDEX_BITS = Math.ceil(Math.log2(MAX_ENTRIES * 2));
const smallIndex = new Uint16Array(1 << SMALL_INDEX_BITS);
const largeIndex = new Uint16Array(1 << LARGE_INDEX_BITS);
let index = smallIndex;
let indexShift = 32 - SMALL_INDEX_BITS;
let indexMask = (1 << SMALL_INDEX_BITS) - 1;
let growAt = 1 << (SMALL_INDEX_BITS - 1);

/** Index slot of `id`, or of the empty slot where it would go (index[slot] is 0 then). */
function findSlot(id: number): number {
  let slot = Math.imul(id, 0x9e3779b1) >>> indexShift;
  for (;;) {
    const e = index[slot];
    if (e === 0 || entryIds[e - 1] === id) return slot;
    slot = (slot + 1) & indexMask;
  }
}

function appendEntry(slot: number, id: number): void {
  entryIds[entries] = id;
  entryCounts[entries] = 1;
  entrySlots[entries] = slot;
  index[slot] = ++entries;
  if (entries >= growAt) moveToLargeIndex();
}

function moveToLargeIndex(): void {
  for (let k = 0; k < entries; k++) smallIndex[entrySlots[k]] = 0;
  index = largeIndex;
  indexShift = 32 - LARGE_INDEX_BITS;
  indexMask = (1 << LARGE_INDEX_BITS) - 1;
  growAt = Number.POSITIVE_INFINITY;
  for (let k = 0; k < entries; k++) {
    const slot = findSlot(entryIds[k]);
    entrySlots[k] = slot;
    index[slot] = k + 1;
  }
}

function addHash(hash: number): void {
  let id = hash & HASH_MASK;
  if (id === 0) id = 1; // id 0 is padding
  const slot = findSlot(id);
  const e = index[slot];
  if (e !== 0) {
    entryCounts[e - 1]++;
    return;
  }
  // Past the tracked limit new ids are dropped; known ids still count (bounded work on 64 KiB).
  if (usedCount >= LIMITS.distinctIds) return;
  appendEntry(slot, id);
  usedCount++;
}

function clearTable(): void {
  // Zeroing the 8 KiB small index whole (one memset) rather than ~1,000 scattered stores.
  if (index === smallIndex) smallIndex.fill(0);
  else for (let k = 0; k < entries; k++) index[entrySlots[k]] = 0;
  entries = 0;
  usedCount = 0;
  if (index !== smallIndex) {
    index = smallIndex;
    indexShift = 32 - SMALL_INDEX_BITS;
    indexMask = (1 << SMALL_INDEX_BITS) - 1;
    growAt = 1 << (SMALL_INDEX_BITS - 1);
  }
}

// Word boundaries of the current message (and, schema 2026.12.2, each token's shape).
let wordStarts = new Int32Array(1024);
let wordEnds = new Int32Array(1024);
let wordShapes = new Int32Array(1024);

function isUpperAscii(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}

/** Symbols and emoji that stand alone as a token (🎁 💰 ⚠ ✅). */
function isSymbolToken(c: number): boolean {
  return (
    (c >= 0xd800 && c <= 0xdbff) || (c >= 0x2190 && c <= 0x2bff) || c === 0x20ac || c === 0xa3 || c === 0x24
  );
}

/**
 * Splits normalised text into tokens: runs of letters/digits of any script, entity tokens (<URL>),
 * and single symbols/emoji. Returns the token count; boundaries are in wordStarts/wordEnds.
 */
export function tokenize(text: string, limit: number): number {
  const n = Math.min(text.length, limit);
  // Locals: V8 reloads a module-level array at every access in a loop (see addHashes).
  let starts = wordStarts;
  let ends = wordEnds;
  let count = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    let end = -1;
    if (isWordCode(c)) {
      end = i + 1;
      while (end < n && isWordCode(text.charCodeAt(end))) end++;
    } else if (c === 0x3c && i + 1 < n && isUpperAscii(text.charCodeAt(i + 1))) {
      end = i + 1;
      while (end < n && isUpperAscii(text.charCodeAt(end))) end++;
      if (end < n && text.charCodeAt(end) === 0x3e) end++;
    } else if (isSymbolToken(c)) {
      end = i + 1;
      if (c >= 0xd800 && c <= 0xdbff && end < n) {
        const low = text.charCodeAt(end);
        if (low >= 0xdc00 && low <= 0xdfff) end++;
      }
    }
    if (end < 0) {
      i++;
      continue;
    }
    if (count === starts.length) {
      starts = new Int32Array(count * 2);
      starts.set(wordStarts);
      wordStarts = starts;
      ends = new Int32Array(count * 2);
      ends.set(wordEnds);
      wordEnds = ends;
      wordShapes = new Int32Array(count * 2);
    }
    starts[count] = i;
    ends[count] = end;
    count++;
    i = end;
  }
  return count;
}

export function tokenStart(i: number): number {
  return wordStarts[i];
}

export function tokenEnd(i: number): number {
  return wordEnds[i];
}

const PAD = 0x20;

// The current word padded with boundary marks, so the n-gram loop reads each code from an array.
let padded = new Int32Array(64);

/** Character n-grams of text[start, end) padded with a boundary mark on both sides. */
function addCharNgrams(text: string, start: number, end: number): void {
  const len = end - start + 2;
  if (padded.length < len) padded = new Int32Array(len * 2);
  const codes = padded;
  codes[0] = PAD;
  for (let k = start; k < end; k++) codes[k - start + 1] = text.charCodeAt(k);
  codes[len - 1] = PAD;
  const seedBasis = FNV_OFFSET ^ SEEDS.charNgram;
  for (let p = 0; p + CHAR_NGRAM.min <= len; p++) {
    let h = seedBasis;
    const stop = Math.min(len, p + CHAR_NGRAM.max);
    for (let q = p; q < stop; q++) {
      h = fnvStep(h, codes[q]);
      if (q - p + 1 >= CHAR_NGRAM.min) addHash(fmix32(h));
    }
  }
}

/** Sublinear term frequency 1 + ln(count) for the usual small counts, without a log per id. */
const TF_TABLE = Float64Array.from({ length: 256 }, (_, count) => (count === 0 ? 0 : 1 + Math.log(count)));

// Selection scratch for messages with more distinct ids than the row holds.
const order = new Int32Array(LIMITS.distinctIds);
const COUNT_BUCKETS = 256;
const countHistogram = new Int32Array(COUNT_BUCKETS);

/**
 * Keeps the `capacity` most frequent ids, ties broken by first occurrence: a counting selection
 * (O(distinct ids)) instead of a sort, since counts are small integers. Writes entries to `order`.
 */
function selectMostFrequent(capacity: number): void {
  countHistogram.fill(0);
  for (let i = 0; i < usedCount; i++) {
    const c = entryCounts[i];
    countHistogram[c < COUNT_BUCKETS ? c : COUNT_BUCKETS - 1]++;
  }
  // Lowest count that still fits entirely, and how many of the next lower count fill the rest.
  let threshold = COUNT_BUCKETS - 1;
  let taken = 0;
  while (threshold > 0 && taken + countHistogram[threshold] <= capacity) {
    taken += countHistogram[threshold];
    threshold--;
  }
  let tiesLeft = capacity - taken;
  let k = 0;
  for (let i = 0; i < usedCount; i++) {
    const c = entryCounts[i];
    const bucket = c < COUNT_BUCKETS ? c : COUNT_BUCKETS - 1;
    if (bucket > threshold) order[k++] = i;
    else if (bucket === threshold && tiesLeft > 0) {
      order[k++] = i;
      tiesLeft--;
    }
  }
}

function isInnerSeparator(c: number): boolean {
  return c === 0x2e || c === 0x2d || c === 0x5f || c === 0x2a || c === 0xb7;
}

function isLetterRun(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (!(c >= 0x61 && c <= 0x7a)) return false;
  }
  return end > start;
}

/** Inserts an id unless the table already holds it (crossed copies must not duplicate an id). */
function insertIfAbsent(id: number): boolean {
  const slot = findSlot(id);
  if (index[slot] !== 0) return false;
  appendEntry(slot, id);
  return true;
}
const linkHashes: number[] = [];

export function featurize(
  input: string | Analysis,
  row: FeatureRow = createFeatureRow(),
  options: FeaturizeOptions = {},
): FeatureRow {
  const version = options.version ?? FEATURE_SCHEMA_VERSION;
  const current = version !== LEGACY_FEATURE_SCHEMA_VERSION;
  const shapes = hasScriptShapes(version);
  const analysis =
    typeof input === 'string' || input === null || input === undefined ? analyze(input, version) : input;
  if (analysis.schemaVersion !== version) {
    throw new Error(
      `featurize: analysis follows schema ${analysis.schemaVersion}, the model needs ${version}; pass the text`,
    );
  }
  const text = analysis.normalized;
  clearTable();

  const tokens = tokenize(text, LIMITS.wordFeatureChars);
  let prevHash = 0;
  for (let t = 0; t < tokens; t++) {
    const s = wordStarts[t];
    const e = wordEnds[t];
    const h = hashRange(text, s, e, SEEDS.unigram);
    addHash(h);
    if (t > 0) addHash(combineHashes(prevHash, h, SEEDS.bigram));
    prevHash = h;
    if (shapes) wordShapes[t] = tokenShape(text, s, e);
    if (e <= LIMITS.charNgramChars && text.charCodeAt(s) !== 0x3c) addCharNgrams(text, s, e);
    // Current schema: two words split by one inserted separator ("ver.ify", "acc-ount") also count as
    // the joined word, under the same unigram id the whole word has, so a split costs little score
    // even when the word is not in a lexicon (joinSplitWords only re-joins lexicon terms and brands).
    if (current && t + 1 < tokens && wordStarts[t + 1] === e + 1 && isInnerSeparator(text.charCodeAt(e))) {
      const s2 = wordStarts[t + 1];
      const e2 = wordEnds[t + 1];
      if (isLetterRun(text, s, e) && isLetterRun(text, s2, e2)) {
        let j = FNV_OFFSET ^ SEEDS.unigram;
        for (let k = s; k < e; k++) j = fnvStep(j, text.charCodeAt(k));
        for (let k = s2; k < e2; k++) j = fnvStep(j, text.charCodeAt(k));
        addHash(fmix32(j));
      }
    }
  }
  if (shapes) shapeNgrams(wordShapes, tokens, SEEDS_V3.tokenShape, addHash);
  // What the entity tokens hide: link domain, TLD and words, kinds of numbers and amounts.
  for (const url of analysis.entities.urls) {
    addHash(hashString(url.registrable, SEED_DOMAIN));
    if (url.tld.length > 0) addHash(hashString(url.tld, SEED_TLD));
    for (const word of url.words) addHash(hashString(word, SEED_URL_WORD));
  }
  for (const tag of analysis.entities.tags) addHash(hashString(tag, SEEDS.entity));
  let shortenerListed = 0;
  if (current) {
    for (const url of analysis.entities.urls) {
      linkHashes.length = 0;
      linkShapeHashes(url, SEEDS_V2.hostNgram, SEEDS_V2.linkShape, linkHashes);
      for (const h of linkHashes) addHash(h);
      if (
        url.shortener ||
        options.shortenerDomains?.has(hashString(url.registrable, SHORTENER_LIST_SEED)) ||
        options.shortenerDomains?.has(hashString(url.domain, SHORTENER_LIST_SEED))
      ) {
        shortenerListed = 1;
      }
    }
  }

  const ids = row.ids;
  const values = row.values;
  const previousCount = row.count;
  const denseCount = denseCountOf(version);
  const dense = analysis.dense;
  let nonZeroDense = shortenerListed;
  for (let i = 0; i < denseCount; i++) if (dense[i] !== 0) nonZeroDense++;
  // The current schema writes each hashed id twice (shared and channel-crossed copy).
  const capacity = current ? (MAX_FEATURES - nonZeroDense) >> 1 : MAX_FEATURES - nonZeroDense;

  let kept = usedCount;
  let sumSquares = 0;
  if (usedCount > capacity) {
    // Long texts: keep the most frequent features, in first-occurrence order (deterministic).
    selectMostFrequent(capacity);
    kept = capacity;
    for (let i = 0; i < kept; i++) {
      const e = order[i];
      const count = entryCounts[e];
      const tf = count < TF_TABLE.length ? TF_TABLE[count] : 1 + Math.log(count);
      ids[i] = entryIds[e];
      values[i] = tf;
      sumSquares += tf * tf;
    }
  } else {
    for (let i = 0; i < kept; i++) {
      const count = entryCounts[i];
      const tf = count < TF_TABLE.length ? TF_TABLE[count] : 1 + Math.log(count);
      ids[i] = entryIds[i];
      values[i] = tf;
      sumSquares += tf * tf;
    }
  }
  const inverseNorm = kept > 0 ? 1 / Math.sqrt(sumSquares) : 0;
  for (let i = 0; i < kept; i++) values[i] *= inverseNorm;

  let count = kept;
  if (current) {
    // Channel-crossed copies ("frustratingly easy" domain adaptation): the shared weight carries what
    // holds on every channel, the crossed one what is particular to text messages or to email (links
    // are normal in email and rare in personal SMS), so email rows stop pulling SMS weights around.
    const seed = channelFamily(options.channel) === 'email' ? SEEDS_V2.crossEmail : SEEDS_V2.crossText;
    for (let i = 0; i < kept; i++) {
      let id = fmix32(ids[i] ^ seed) & HASH_MASK;
      if (id === 0) id = 1;
      if (!insertIfAbsent(id)) continue;
      ids[count] = id;
      values[count] = values[i];
      count++;
    }
  }
  for (let i = 0; i < denseCount; i++) {
    const v = i === SHORTENER_LISTED && current ? Math.max(dense[i], shortenerListed) : dense[i];
    if (v === 0) continue;
    ids[count] = HASH_SPACE + i;
    values[count] = v;
    count++;
  }
  if (previousCount > count) {
    ids.fill(0, count, previousCount);
    values.fill(0, count, previousCount);
  }
  row.count = count;
  return row;
}
