import type { AccountSignals } from '@gavel/signals';

/**
 * Features of the account model: the signal windows (and the current message's content outcome)
 * turned into 17 numbers, most in [0, 1]. Each carries the reason code a reviewer and the holder
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
] as const;

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
  const reports = ramp(s.deliveryReports24h, 5, 30);
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
    s.deliveryFailureRate * reports,
    s.carrierFilteredRate * reports,
    Math.min(1, s.optOutRate * 20) * ramp(s.count24h, 20, 100),
    s.otpConversion === null ? 0 : (1 - s.otpConversion) * ramp(s.otpSent24h, 10, 40),
    logScale(s.complaints24h, 10),
    (max + mean) / 2,
    logScale(s.abusiveCount24h + (current.abusive ? 1 : 0), 10),
    count1h > 0 ? Math.min(1, (s.suspiciousCount1h + (current.suspicious ? 1 : 0)) / (count1h + 1)) : 0,
    current.score ?? 0,
    ramp(s.count24h, 0, 50),
  ];
  for (let i = 0; i < NUM_ACCOUNT_FEATURES; i++) out[i] = Math.fround(values[i]);
  return out;
}
