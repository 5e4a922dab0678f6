export type AccountStatus = 'active' | 'flagged' | 'suspended';

export interface MessageObservation {
  accountId: string;
  messageId: string;
  /** Recipient: an E.164 number for sms/mms/whatsapp, an address for email. */
  to: string;
  channel: string;
  /** Milliseconds since the epoch; drives the time buckets, so replicas agree on counts. */
  sentAt: number;
  /** `contentFingerprint()` of the body: 16 hex chars (64-bit SimHash). Empty = not counted. */
  fingerprint: string;
  linkDomains: string[];
  /** Addition: the message carries a one-time code (`analysis.entities.otpCodes > 0`); feeds `otpConversion`. */
  otp?: boolean;
}

export interface AccountSignals {
  /** Cached status (null = not cached; the server falls back to Postgres). */
  status: AccountStatus | null;
  /** First message seen from the account (ms); 0 when never seen. */
  firstSeenAt: number;
  count1m: number;
  count1h: number;
  count24h: number;
  uniqueRecipients1h: number;
  uniqueRecipients24h: number;
  destCountries24h: number;
  destPrefixes24h: number;
  /** Share (0..1) of the last hour's phone traffic that went to the single most used destination prefix. */
  topPrefixShare1h: number;
  /** Size of the largest group of near-identical messages (same SimHash band) in the last hour. */
  repeatedContent1h: number;
  linkDomains24h: number;
  /** (failed + undelivered) / delivery reports, last 24h; 0 without reports. */
  deliveryFailureRate: number;
  /** filtered / delivery reports, last 24h; 0 without reports. */
  carrierFilteredRate: number;
  /** opt-outs / messages sent, last 24h, capped at 1. */
  optOutRate: number;
  /** verifications / OTP messages sent, last 24h; null when no OTP message was sent. */
  otpConversion: number | null;
  complaints24h: number;
  /** Time-decayed maximum of recorded message scores (half-life `scoreHalfLifeMs`). */
  recentScoreMax: number;
  /** Recency-weighted mean of recorded message scores. */
  recentScoreMean: number;
  suspiciousCount1h: number;
  abusiveCount24h: number;
  // Additions (backward compatible) so policy can gate rates on volume and age without a clock.
  /** Time from first seen to the observation (or to now for getSignals); 0 when never seen. */
  ageMs: number;
  /** Decayed number of recorded scores behind `recentScoreMean` (lets policy fold in the current message). */
  recentScoreWeight: number;
  deliveryReports24h: number;
  otpSent24h: number;
}

export interface ObserveResult {
  duplicate: boolean;
  storedAnswer: string | null;
  signals: AccountSignals;
}

export type DeliveryStatus = 'delivered' | 'failed' | 'filtered' | 'undelivered';

export type SignalEvent =
  | {
      type: 'delivery';
      accountId: string;
      messageId: string;
      status: DeliveryStatus;
      errorCode?: string;
      at: number;
    }
  | { type: 'opt_out'; accountId: string; at: number; messageId?: string; from?: string }
  | { type: 'verification'; accountId: string; messageId?: string; at: number }
  | { type: 'complaint'; accountId: string; messageId?: string; at: number };

export interface MessageOutcome {
  /** The content score; null when the model did not run (the answer is still stored, score stats untouched). */
  score: number | null;
  suspicious: boolean;
  abusive: boolean;
  /** The serialized answer returned for a repeat of this messageId. */
  answer: string;
  /** Addition: when the outcome happened; defaults to the observed message's sentAt, else the store clock. */
  at?: number;
}

export interface SetStatusOptions {
  /** Clear score stats and suspicious/abusive counters, so a reinstated account starts clean. */
  resetRisk?: boolean;
}

export interface SignalStore {
  /** ONE round trip; idempotent on messageId for 24h (a repeat counts nothing). */
  observe(obs: MessageObservation): Promise<ObserveResult>;
  /** ONE round trip for the whole batch; results in input order. */
  observeBatch(obs: MessageObservation[]): Promise<ObserveResult[]>;
  /**
   * Stores the answer for repeats and updates score stats, once per messageId: the first answer wins
   * (SET NX). Resolves null when this answer was stored, else with the answer stored first.
   */
  recordOutcome(accountId: string, messageId: string, o: MessageOutcome): Promise<string | null>;
  recordEvents(events: SignalEvent[]): Promise<void>;
  getSignals(accountId: string): Promise<AccountSignals>;
  setStatus(accountId: string, status: AccountStatus, opts?: SetStatusOptions): Promise<void>;
  /**
   * Erasure: deletes everything the store holds about the account (counters, windows, stored
   * answers, cached status). Resolves with how many keys (Redis) or account records (in-process)
   * were deleted; 0 when there was nothing.
   */
  forgetAccount(accountId: string): Promise<number>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
