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
const strongerL2: TrainConfig = { ...base, l2: 1e-2 };
// content-2026.12.1's choice, the base here: L2 1e-2, ExAIS at 0.5, phishing URLs at 0.5.
const baseCandidate: Candidate = {
  name: 'L2 1e-2, ExAIS 0.5, phishing URLs 0.5, promotions weak positive 0.3',
  config: strongerL2,
  groupWeights: { 'phishtank-urls': PHISHING_URL_WEIGHT, 'exais-sms': 0.5 },
  promotionWeight: PROMOTION_WEIGHT,
  promotionAs: 'weak-positive',
};

/**
 * One change at a time from the base, so each line of the selection table says what one choice did
 * (a source down-weighted, dropped or labelled otherwise, promotions as ham, the phishing URLs,
 * regularisation).
 */
export const DEFAULT_CANDIDATES: Candidate[] = [
  baseCandidate,
  {
    ...baseCandidate,
    name: 'phishing URLs dropped',
    groupWeights: { ...baseCandidate.groupWeights, 'phishtank-urls': 0 },
  },
  { ...baseCandidate, name: 'promotions as ham', promotionAs: 'benign', promotionWeight: 1 },
  {
    ...baseCandidate,
    name: 'ExAIS at full weight',
    groupWeights: { ...baseCandidate.groupWeights, 'exais-sms': 1 },
  },
  {
    ...baseCandidate,
    name: 'ExAIS dropped',
    groupWeights: { ...baseCandidate.groupWeights, 'exais-sms': 0 },
  },
  {
    ...baseCandidate,
    name: 'ExAIS "1" trained as abusive (as content-2026.12.1)',
    trainAsAbusive: ['exais-sms'],
  },
  {
    ...baseCandidate,
    name: 'email down-weighted to 0.3',
    groupWeights: { ...baseCandidate.groupWeights, [SMS_TIME_SPLIT_TRAIN]: 0.3, [SMS_TIME_SPLIT_TEST]: 0.3 },
  },
  { ...baseCandidate, name: 'L2 3e-3', config: { ...base, l2: 3e-3 } },
  { ...baseCandidate, name: 'L2 3e-2', config: { ...base, l2: 3e-2 } },
];

export const MODEL_NOTES = [
  'Selected by leave-one-source-out (LOSO), not by a random split: every SMS source is scored by a model that ' +
    'never saw it, SpamAssassin 2003 by a model that never saw it (time split). Calibration and thresholds come ' +
    'from the pooled held-out SMS scores, so they describe messages unlike the training data.',
  'Evaluation labels are the label map, fixed before measuring and the same for every candidate: fraud ' +
    '(abusive) vs ham; promotions (Thai "spam", Indonesian "2", ExAIS "1") are in neither and are reported on ' +
    'their own (share above review and block). ExAIS then has no fraud rows, so it has no AUC in the goal ' +
    'figures; its ham counts in the pooled FPR, and its AUC under its own labels is given beside the selection table.',
  'ExAIS "1" relabelled as promotion (content-2026.12.1 trained and scored it as abusive): read row by row it is ' +
    'operator offers, premium-rate subscriptions (quotes, football news, SMS lotteries) and some operator notices, ' +
    'with no phishing: bulk, not fraud, which the issue says a platform reviews rather than blocks. The selection ' +
    'table has the candidate that still trains it as abusive.',
  'Schema 2026.12.2 adds two script-agnostic feature families for languages never trained on: Latin letters or ' +
    'digits glued to another script are split off ("ทางtiktokชวน" -> "ทาง tiktok ชวน"; before, the word was ' +
    'folded to Cyrillic look-alikes and counted as an evasion trick), and token-shape 2/3-grams (a 6-digit code ' +
    'after a word, a link at the end, a Latin word inside Thai text) are hashed. What each schema did is the ' +
    'comparison under the selection table.',
  'Channel-crossed copies: each hashed feature is written twice, shared and crossed with the channel family ' +
    '(text or email), so email can keep "links are normal" on its own weights without costing SMS recall.',
  'Promotions are a weak positive (weight 0.3): a platform reviews unsolicited marketing and blocks fraud, so ' +
    'they are taught as neither ham nor fraud; "promotions as ham" is in the selection table. Content alone does ' +
    'not send marketing to review; opt-out and complaint rates in the account model are the better signal.',
  'Thai and Indonesian held out are scored by a model that has seen no Thai or Indonesian text at all: their ' +
    'AUC is what the language-independent features (links, numbers, token shapes, Latin words, phishing-URL ' +
    'shapes) carry. Both are in the final model.',
  'A non-linear learner: gradient-boosted trees over the dense and link features, the channel family and the ' +
    'linear logit (fitted on out-of-fold linear logits), measured by the same LOSO and kept only by the rule ' +
    '(>= +0.01 mean recall at 0.1% FPR without a lower worst source AUC, email AUC >= 0.99; figures under the ' +
    'selection table). When kept they are served (the card says kind "stacked-trees"): the linear model and the ' +
    "trees in one ONNX graph, calibration and thresholds from the stacked candidate's pooled held-out margins. " +
    'Reasons still come from the linear part (plattA x weight x value of each dense feature with a reason code, ' +
    "plattA being the linear part's own calibration): the trees re-weigh that evidence but name no reasons.",
  'Phishing URLs (PhishTank, one day) enter as one-link messages at weight 0.5: they teach what phishing hosts ' +
    'and paths look like (host n-grams, TLD, random tokens, free hosting), never an exact-URL lookup.',
  'The shortener/QR list (../shared/data/url-lists) travels with the model card as hashes of registrable ' +
    'domains (linkLists), so the features package stays free of data files and the server needs no data dir.',
  'UCI "spam" includes 2011 subscription services (jokes, ringtones): labelled abusive by the corpus, kept, ' +
    'but they cap recall on UCI at low FPR.',
];
