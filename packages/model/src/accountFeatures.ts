import type { AccountSignals } from '@gavel/signals';

/**
 * Features of the account model: the signal windows (and the current message's content outcome)
 * turned into 23 numbers, most in [0, 1]. Each carries the reason code a reviewer and the holder
 * read when it pushes risk up. Pure and deterministic: the trainer and the server share it, and
 * golden vectors pin it.
 */
export const ACCOUNT_FEATURES = [
  { name: 'volume1h', reason: 'HIGH_SEND_RATE' },
  { name: 'suddenVolumeChange', reason: 'SUDDEN_VOLUME_CHANGE' },
  { name: 'recipientSpread1h', reason: 'MANY_RECIPIENTS' },
  { name: 'destinationConcentration', reason: 'DESTINATION_CONCENTRATION' },
  { name: 'destinationCountries', reason: 'MANY_DESTINATION_COUNTRIES' },
  { name: 'repeatedContentManyRecipients', reason: 'REPEATED_CONTENT_MANY_RECIPIENTS' },
  { name: 'linkDomains', reason: 'MANY_LINK_DOMAINS' },
  { name: 'deliveryFailures', reason: 'HIGH_FAILURE_RATE' },
  { name: 'carrierFiltering', reason: 'CARRIER_FILTERING' },
  { name: 'optOuts', reason: 'HIGH_OPT_OUT_RATE' },
  { name: 'lowOtpConversion', reason: 'LOW_OTP_CONVERSION' },
  { name: 'complaints', reason: 'COMPLAINTS' },
  { name: 'recentScores', reason: 'HIGH_RECENT_SCORES' },
  { name: 'abusiveMessages', reason: 'RECENT_ABUSIVE_MESSAGES' },
  { name: 'suspiciousShare1h', reason: 'SUSPICIOUS_MESSAGES' },
  { name: 'currentScore', reason: 'HIGH_RECENT_SCORES' },
  // Evidence: how much the account has sent. It carries no reason of its own.
  { name: 'evidence24h', reason: null },
  // v2: the same reactions as evidence (a log-likelihood ratio, see `evidence`), which grows with
  // the number of reports instead of jumping on the first few, and two interactions.
  { name: 'filteredEvidence', reason: 'CARRIER_FILTERING' },
  { name: 'failureEvidence', reason: 'HIGH_FAILURE_RATE' },
  { name: 'optOutEvidence', reason: 'HIGH_OPT_OUT_RATE' },
  { name: 'complaintEvidence', reason: 'COMPLAINTS' },
  { name: 'scoredLinkRotation', reason: 'MANY_LINK_DOMAINS' },
  { name: 'scoredFailures', reason: 'HIGH_FAILURE_RATE' },
] as const;

/** The feature list's identity, written in the card and checked when the model loads. */
export const ACCOUNT_FEATURE_SCHEMA = 'account-features-v2';

export type AccountFeatureName = (typeof ACCOUNT_FEATURES)[number]['name'];
export type AccountReasonCodeFromModel = NonNullable<(typeof ACCOUNT_FEATURES)[number]['reason']>;
export const NUM_ACCOUNT_FEATURES = ACCOUNT_FEATURES.length;

/** The current message, folded in like policy folds it. */
export interface CurrentMessage {
  /** Content score; null when the model did not run. */
  score: number | null;
  suspicious: boolean;
  abusive: boolean;
}

const HOUR = 3_600_000;

function ramp(value: number, from: number, to: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, (value - from) / (to - from)));
}

function logScale(value: number, top: number): number {
  return Math.min(1, Math.log1p(Math.max(0, value)) / Math.log1p(top));
}

/**
 * Log-likelihood ratio of k reactions in n trials between an abusive rate p1 and an honest rate p0,
 * clipped to [-5, 15] and scaled by 1/10. Three filtered reports in 28 weigh far less than three in
 * 3, and the sign says which rate the counts fit better. The rates are round figures of what
 * carriers and recipients do to honest and to abusive traffic, not fitted values.
 */
function evidence(k: number, n: number, p0: number, p1: number): number {
  if (n <= 0) return 0;
  const llr = k * Math.log(p1 / p0) + (n - k) * Math.log((1 - p1) / (1 - p0));
  return Math.min(15, Math.max(-5, llr)) / 10;
}

/** Writes the features into `out` (float32, as the ONNX graph reads them) and returns it. */
export function accountFeatures(
  s: AccountSignals,
  current: CurrentMessage,
  out: Float32Array = new Float32Array(NUM_ACCOUNT_FEATURES),
): Float32Array {
  const count1h = s.count1h;
  // The hour before now against the account's own hourly rate over the rest of its day.
  const activeHours = Math.min(24, s.ageMs / HOUR);
  const priorHours = Math.max(1, activeHours - 1);
  const priorPerHour = Math.max(0, s.count24h - count1h) / priorHours;
  const sudden =
    activeHours >= 3 ? ramp(Math.log((count1h + 1) / (priorPerHour + 1)), Math.log(3), Math.log(100)) : 0;
  const reportsRamp = ramp(s.deliveryReports24h, 5, 30);
  // The windows hold rates; the evidence features want the counts behind them.
  const reports = s.deliveryReports24h;
  const filtered = Math.round(s.carrierFilteredRate * reports);
  const failed = Math.round(s.deliveryFailureRate * reports);
  const optOuts = Math.round(s.optOutRate * s.count24h);
  let max = s.recentScoreMax;
  let mean = s.recentScoreMean;
  if (current.score !== null) {
    max = Math.max(max, current.score);
    mean = (s.recentScoreMean * s.recentScoreWeight + current.score) / (s.recentScoreWeight + 1);
  }
  const values = [
    logScale(count1h, 1000),
    sudden,
    count1h > 0 ? Math.min(1, s.uniqueRecipients1h / count1h) : 0,
    s.topPrefixShare1h * ramp(count1h, 10, 100),
    logScale(s.destCountries24h, 20),
    (count1h > 0 ? Math.min(1, s.repeatedContent1h / count1h) : 0) * ramp(s.uniqueRecipients1h, 5, 100),
    logScale(s.linkDomains24h, 30),
    s.deliveryFailureRate * reportsRamp,
    s.carrierFilteredRate * reportsRamp,
    Math.min(1, s.optOutRate * 20) * ramp(s.count24h, 20, 100),
    s.otpConversion === null ? 0 : (1 - s.otpConversion) * ramp(s.otpSent24h, 10, 40),
    logScale(s.complaints24h, 10),
    (max + mean) / 2,
    logScale(s.abusiveCount24h + (current.abusive ? 1 : 0), 10),
    count1h > 0 ? Math.min(1, (s.suspiciousCount1h + (current.suspicious ? 1 : 0)) / (count1h + 1)) : 0,
    current.score ?? 0,
    ramp(s.count24h, 0, 50),
    evidence(filtered, reports, 0.01, 0.15),
    evidence(failed, reports, 0.03, 0.15),
    evidence(optOuts, s.count24h, 0.01, 0.05),
    evidence(s.complaints24h, s.count24h, 0.001, 0.02),
    ((max + mean) / 2) * ramp(s.linkDomains24h, 1, 5),
    (current.score ?? 0) * evidence(failed + filtered, reports, 0.04, 0.25),
  ];
  for (let i = 0; i < NUM_ACCOUNT_FEATURES; i++) out[i] = Math.fround(values[i]);
  return out;
}
