import type { AccountSignals, AccountStatus } from './types';

/** What both stores read from their windows; turned into rates the same way by `assembleSignals`. */
export interface WindowCounts {
  status: AccountStatus | null;
  firstSeenAt: number;
  at: number;
  count1m: number;
  count1h: number;
  count24h: number;
  uniqueRecipients1h: number;
  uniqueRecipients24h: number;
  destCountries24h: number;
  destPrefixes24h: number;
  topPrefixCount1h: number;
  phoneMessages1h: number;
  repeatedContent1h: number;
  linkDomains24h: number;
  deliveryReports24h: number;
  deliveryFailed24h: number;
  deliveryFiltered24h: number;
  optOuts24h: number;
  otpSent24h: number;
  verifications24h: number;
  complaints24h: number;
  recentScoreMax: number;
  recentScoreMean: number;
  recentScoreWeight: number;
  suspiciousCount1h: number;
  abusiveCount24h: number;
}

function ratio(numerator: number, denominator: number): number {
  if (denominator <= 0) return 0;
  return Math.min(1, numerator / denominator);
}

export function assembleSignals(c: WindowCounts): AccountSignals {
  return {
    status: c.status,
    firstSeenAt: c.firstSeenAt,
    count1m: c.count1m,
    count1h: c.count1h,
    count24h: c.count24h,
    uniqueRecipients1h: c.uniqueRecipients1h,
    uniqueRecipients24h: c.uniqueRecipients24h,
    destCountries24h: c.destCountries24h,
    destPrefixes24h: c.destPrefixes24h,
    topPrefixShare1h: ratio(c.topPrefixCount1h, c.phoneMessages1h),
    repeatedContent1h: c.repeatedContent1h,
    linkDomains24h: c.linkDomains24h,
    deliveryFailureRate: ratio(c.deliveryFailed24h, c.deliveryReports24h),
    carrierFilteredRate: ratio(c.deliveryFiltered24h, c.deliveryReports24h),
    optOutRate: ratio(c.optOuts24h, c.count24h),
    otpConversion: c.otpSent24h > 0 ? ratio(c.verifications24h, c.otpSent24h) : null,
    complaints24h: c.complaints24h,
    recentScoreMax: c.recentScoreMax,
    recentScoreMean: c.recentScoreMean,
    suspiciousCount1h: c.suspiciousCount1h,
    abusiveCount24h: c.abusiveCount24h,
    ageMs: c.firstSeenAt > 0 ? Math.max(0, c.at - c.firstSeenAt) : 0,
    recentScoreWeight: c.recentScoreWeight,
    deliveryReports24h: c.deliveryReports24h,
    otpSent24h: c.otpSent24h,
  };
}

export function emptySignals(): AccountSignals {
  return assembleSignals({
    status: null,
    firstSeenAt: 0,
    at: 0,
    count1m: 0,
    count1h: 0,
    count24h: 0,
    uniqueRecipients1h: 0,
    uniqueRecipients24h: 0,
    destCountries24h: 0,
    destPrefixes24h: 0,
    topPrefixCount1h: 0,
    phoneMessages1h: 0,
    repeatedContent1h: 0,
    linkDomains24h: 0,
    deliveryReports24h: 0,
    deliveryFailed24h: 0,
    deliveryFiltered24h: 0,
    optOuts24h: 0,
    otpSent24h: 0,
    verifications24h: 0,
    complaints24h: 0,
    recentScoreMax: 0,
    recentScoreMean: 0,
    recentScoreWeight: 0,
    suspiciousCount1h: 0,
    abusiveCount24h: 0,
  });
}
