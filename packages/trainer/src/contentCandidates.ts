/**
 * The training candidates the content model's leave-one-source-out selection compares, and the notes
 * the model card carries about the choices they measure.
 */
import { type Candidate, SMS_TIME_SPLIT_TEST, SMS_TIME_SPLIT_TRAIN } from './leaveOneSourceOut';
import type { TrainConfig } from './logisticRegression';

export const PROMOTION_WEIGHT = 0.3;
export const PHISHING_URL_WEIGHT = 0.5;

const base: TrainConfig = {
  algorithm: 'adagrad',
  epochs: 6,
  learningRate: 0.1,
  l1: 0,
  l2: 1e-3,
  beta: 1,
  positiveWeight: 1,
  emailWeight: 1,
  monotoneReasons: true,
  seed: 0,
};
const baseCandidate: Candidate = {
  name: 'all sources, promotions weak positive 0.3, phishing URLs 0.5',
  config: base,
  groupWeights: { 'phishtank-urls': PHISHING_URL_WEIGHT },
  promotionWeight: PROMOTION_WEIGHT,
  promotionAs: 'weak-positive',
};

/**
 * One change at a time from the base, so each line of the selection table says what one choice did
 * (a source down-weighted or dropped, promotions as ham, the phishing URLs, regularisation).
 */
export const DEFAULT_CANDIDATES: Candidate[] = [
  baseCandidate,
  { ...baseCandidate, name: 'phishing URLs dropped', groupWeights: { 'phishtank-urls': 0 } },
  { ...baseCandidate, name: 'promotions as ham', promotionAs: 'benign', promotionWeight: 1 },
  {
    ...baseCandidate,
    name: 'ExAIS down-weighted to 0.5 (noisy labels)',
    groupWeights: { ...baseCandidate.groupWeights, 'exais-sms': 0.5 },
  },
  {
    ...baseCandidate,
    name: 'email down-weighted to 0.3',
    groupWeights: { ...baseCandidate.groupWeights, [SMS_TIME_SPLIT_TRAIN]: 0.3, [SMS_TIME_SPLIT_TEST]: 0.3 },
  },
  { ...baseCandidate, name: 'L2 3e-3', config: { ...base, l2: 3e-3 } },
  { ...baseCandidate, name: 'L2 3e-4', config: { ...base, l2: 3e-4 } },
  { ...baseCandidate, name: 'abusive rows weighted 2', config: { ...base, positiveWeight: 2 } },
  { ...baseCandidate, name: 'L2 1e-2', config: { ...base, l2: 1e-2 } },
  { ...baseCandidate, name: 'L2 3e-2', config: { ...base, l2: 3e-2 } },
  // The two single changes that helped most in the first round (stronger L2; ExAIS at 0.5), together.
  {
    ...baseCandidate,
    name: 'L2 1e-2 + ExAIS down-weighted to 0.5',
    config: { ...base, l2: 1e-2 },
    groupWeights: { ...baseCandidate.groupWeights, 'exais-sms': 0.5 },
  },
];

export const MODEL_NOTES = [
  'Selected by leave-one-source-out (LOSO), not by a random split: every SMS source is scored by a model that ' +
    'never saw it, SpamAssassin 2003 by a model that never saw it (time split). Calibration and thresholds come ' +
    'from the pooled held-out SMS scores, so they describe messages unlike the training data.',
  'Channel-crossed copies: each hashed feature is written twice, shared and crossed with the channel family ' +
    '(text or email), so email can keep "links are normal" on its own weights without costing SMS recall.',
  'Promotions (Thai premium-rate, Indonesian operator offers) are a weak positive (weight 0.3): a platform ' +
    'reviews unsolicited marketing and blocks fraud, so they are taught as neither ham nor fraud. LOSO preferred ' +
    'this to "promotions as ham" (selection table). Measured, held-out promotions still score mostly below ' +
    'review (per-source table): content alone does not send marketing to review; opt-out and complaint ' +
    'rates in the account model are the better signal for unwanted bulk mail.',
  'ExAIS "spam" is mostly operator marketing and content subscriptions (quotes, football news), and the ' +
    'corpus marks some operator notices spam: held out, it is the worst source (AUC ~0.71) because its labels ' +
    'mean "bulk" rather than "fraud". Down-weighting it to 0.5 raised every other held-out source (selection ' +
    'table), so it is kept at 0.5 rather than dropped or relabelled.',
  'Thai and Indonesian held out are scored by a model that has seen no Thai or Indonesian text at all: their ' +
    'AUC (0.77, 0.92) is what the language-independent features (links, numbers, phishing-URL shapes) carry. ' +
    'Both are in the final model; dropping the phishing URLs costs Thai held-out AUC 0.73 -> 0.59.',
  'Phishing URLs (PhishTank, one day) enter as one-link messages at weight 0.5: they teach what phishing hosts ' +
    'and paths look like (host n-grams, TLD, random tokens, free hosting), never an exact-URL lookup.',
  'The shortener/QR list (../shared/data/url-lists) travels with the model card as hashes of registrable ' +
    'domains (linkLists), so the features package stays free of data files and the server needs no data dir.',
  'UCI "spam" includes 2011 subscription services (jokes, ringtones): labelled abusive by the corpus, kept, ' +
    'but they cap recall on UCI at low FPR.',
];
