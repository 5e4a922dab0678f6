/**
 * The content model's training rows: every source loaded and label-mapped (corpora.ts), normalised,
 * deduplicated across sources, grouped for leave-one-source-out, then featurized into one sparse
 * dataset per feature schema.
 */
import {
  type Analysis,
  analyze,
  type Channel,
  createFeatureRow,
  DENSE_FEATURES,
  denseCountOf,
  FEATURE_SCHEMA_VERSION,
  type FeatureSchemaVersion,
  featurize,
  HASH_SPACE,
  hashString,
  numFeatureIdsOf,
  SHORTENER_LIST_SEED,
} from '@gavel/features';
import {
  type DataFileInfo,
  loadPhishingUrls,
  loadShortenerDomains,
  loadSmsSources,
  loadSpamAssassin,
  type SourceMessage,
  SPAM_ASSASSIN_GROUP_1,
} from './corpora';
import { type DedupStats, deduplicate } from './dedupSplit';
import { type RowInfo, SMS_TIME_SPLIT_TEST, SMS_TIME_SPLIT_TRAIN } from './leaveOneSourceOut';
import type { Progress } from './progress';
import { type SparseDataset, SparseDatasetBuilder } from './sparseDataset';

export interface Example extends SourceMessage {
  analysis: Analysis;
  channel: Channel;
  group: string;
  /** Row in the sparse dataset. */
  row: number;
}

export type GroupCounts = Record<
  string,
  { rows: number; abusive: number; benign: number; promotion: number }
>;

export interface ContentExamples {
  examples: Example[];
  /** Provenance of every input file, for the card. */
  files: DataFileInfo[];
  shortenerFiles: DataFileInfo[];
  /** hashString(domain, SHORTENER_LIST_SEED) of the shortener list, sorted, and as a set. */
  shortenerHashes: number[];
  shortenerSet: Set<number>;
  dedup: { sms: DedupStats; email: DedupStats; phishingUrls: DedupStats };
  groupCounts: GroupCounts;
}

/** Loads, label-maps, normalises and deduplicates every source into examples in a fixed order. */
export function loadContentExamples(dataDir: string, progress: Progress): ContentExamples {
  progress.stage('load data');
  const smsSources = loadSmsSources(dataDir);
  for (const c of smsSources)
    progress.step(`${c.info.file}: ${c.info.rows} rows ${JSON.stringify(c.info.labels)}`);
  const spamAssassin = loadSpamAssassin();
  progress.step(`${spamAssassin.info.file}: ${spamAssassin.info.rows} emails`);
  const phishing = loadPhishingUrls(dataDir);
  const shorteners = loadShortenerDomains(dataDir);
  progress.step(`${phishing.info.rows} phishing URLs, ${shorteners.domains.length} shortener domains`);
  const shortenerHashes = [
    ...new Set(shorteners.domains.map((d) => hashString(d, SHORTENER_LIST_SEED))),
  ].sort((a, b) => a - b);
  const files: DataFileInfo[] = [
    ...smsSources.map((c) => c.info),
    spamAssassin.info,
    phishing.info,
    ...shorteners.files,
  ];

  progress.stage('normalise and deduplicate');
  const smsMessages = smsSources.flatMap((c) => c.messages);
  // Group 1 before group 2: a message repeated across the time split stays on the training side.
  const emailMessages: SourceMessage[] = [...spamAssassin.messages]
    .sort(
      (a, b) =>
        Number(!SPAM_ASSASSIN_GROUP_1.includes(a.label)) - Number(!SPAM_ASSASSIN_GROUP_1.includes(b.label)),
    )
    .map((m) => ({ ...m, labelClass: m.abusive ? 'abusive' : 'benign', a2p: false }));
  const analyses = new Map<SourceMessage, Analysis>();
  const analyzeAll = (messages: SourceMessage[], label: string) =>
    messages.map((m, i) => {
      progress.tick(`analyze ${label}`, i + 1, messages.length);
      const a = analyze(m.text);
      analyses.set(m, a);
      return a.normalized;
    });
  const smsNormalized = analyzeAll(smsMessages, 'sms');
  const emailNormalized = analyzeAll(emailMessages, 'email');
  analyzeAll(phishing.messages, 'urls');
  // Across all SMS sources at once: a message two corpora share must not be held out and trained on.
  const smsDedup = deduplicate(smsMessages, (_m, i) => smsNormalized[i]);
  const emailDedup = deduplicate(emailMessages, (_m, i) => emailNormalized[i]);
  // Every URL normalises to "<URL>": deduplicate the links themselves.
  const urlDedup = deduplicate(phishing.messages, (m) => m.text.trim().toLowerCase());
  progress.step(`sms: ${JSON.stringify(smsDedup.stats)}`);
  progress.step(`email: ${JSON.stringify(emailDedup.stats)}`);

  const examples: Example[] = [];
  const push = (m: SourceMessage, channel: Channel, group: string) => {
    examples.push({ ...m, analysis: analyses.get(m)!, channel, group, row: examples.length });
  };
  for (const i of smsDedup.kept) push(smsMessages[i], 'sms', smsMessages[i].source);
  for (const i of emailDedup.kept) {
    const m = emailMessages[i];
    push(m, 'email', SPAM_ASSASSIN_GROUP_1.includes(m.label) ? SMS_TIME_SPLIT_TRAIN : SMS_TIME_SPLIT_TEST);
  }
  // A bare link arrives as SMS text: the link features are learnt on the SMS side.
  for (const i of urlDedup.kept) push(phishing.messages[i], 'sms', 'phishtank-urls');
  analyses.clear();

  const groupCounts: GroupCounts = {};
  for (const e of examples) {
    const g = groupCounts[e.group] ?? { rows: 0, abusive: 0, benign: 0, promotion: 0 };
    groupCounts[e.group] = g;
    g.rows++;
    g[e.labelClass]++;
  }
  return {
    examples,
    files,
    shortenerFiles: shorteners.files,
    shortenerHashes,
    shortenerSet: new Set(shortenerHashes),
    dedup: { sms: smsDedup.stats, email: emailDedup.stats, phishingUrls: urlDedup.stats },
    groupCounts,
  };
}

export interface Dataset {
  data: SparseDataset;
  info: RowInfo[];
  numFeatureIds: number;
  nonNegative: Uint8Array;
}

export function buildDataset(
  examples: Example[],
  version: FeatureSchemaVersion,
  shortenerDomains: ReadonlySet<number>,
  progress: Progress,
): Dataset {
  const builder = new SparseDatasetBuilder(1 << 22);
  const row = createFeatureRow();
  examples.forEach((e, i) => {
    const input = version === FEATURE_SCHEMA_VERSION ? e.analysis : e.text;
    builder.push(featurize(input, row, { version, channel: e.channel, shortenerDomains }), e.abusive);
    progress.tick(`featurize ${version}`, i + 1, examples.length);
  });
  const numFeatureIds = numFeatureIdsOf(version);
  // Dense features that carry a reason code are risk indicators by design: their weights may not turn
  // negative (the email corpus otherwise teaches "brand + link = benign"), and reasons never contradict.
  const nonNegative = new Uint8Array(numFeatureIds);
  DENSE_FEATURES.slice(0, denseCountOf(version)).forEach((f, i) => {
    if (f.reason) nonNegative[HASH_SPACE + i] = 1;
  });
  return {
    data: builder.build(),
    info: examples.map((e) => ({ group: e.group, labelClass: e.labelClass, a2p: e.a2p })),
    numFeatureIds,
    nonNegative,
  };
}
