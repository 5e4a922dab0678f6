import type { AccountSignals } from '@gavel/signals';
import type { Policy, Ramp, RiskFactorName } from './policy';
import { type AccountReasonCode, type Reason, reasonMessage } from './reasons';

/** 0 at `from`, 1 at `to`, linear between, clamped; works for decreasing ramps too. */
export function ramp(value: number, r: Ramp): number {
  if (!Number.isFinite(value)) return 0;
  const x = (value - r.from) / (r.to - r.from);
  return Math.min(1, Math.max(0, x));
}

/** What the risk formula reads: the signals with the current message folded in. */
export interface RiskInputs {
  signals: AccountSignals;
  /** Content score of the current message, when there is one. */
  currentScore: number | null;
  currentSuspicious: boolean;
  currentAbusive: boolean;
}

export interface FactorContribution {
  factor: RiskFactorName;
  code: AccountReasonCode;
  /** weight x strength, in [0, 1]. */
  contribution: number;
}

export interface AccountRisk {
  risk: number;
  contributions: FactorContribution[];
  /** Contributions at or above policy.risk.reasonMinContribution, strongest first. */
  reasons: Reason[];
  suspiciousCount1h: number;
  abusiveCount24h: number;
}

const FACTOR_CODES: Record<RiskFactorName, AccountReasonCode> = {
  abusiveMessages: 'RECENT_ABUSIVE_MESSAGES',
  recentScores: 'HIGH_RECENT_SCORES',
  suspiciousMessages: 'SUSPICIOUS_MESSAGES',
  repeatedContent: 'REPEATED_CONTENT',
  smsPumping: 'SMS_PUMPING',
  deliveryFailures: 'HIGH_FAILURE_RATE',
  optOuts: 'HIGH_OPT_OUT_RATE',
  otpConversion: 'LOW_OTP_CONVERSION',
  complaints: 'COMPLAINTS',
  newAccountBurst: 'HIGH_SEND_RATE',
  manyRecipients: 'MANY_RECIPIENTS',
  manyDestinationCountries: 'MANY_DESTINATION_COUNTRIES',
  linkDomainRotation: 'MANY_LINK_DOMAINS',
};

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/**
 * Account risk until an account model exists:
 *   risk = 1 - Π_i (1 - w_i · f_i)
 * a noisy-OR over factors, each f_i a ramp of one signal in [0, 1] and w_i its weight from the
 * policy. Independent weak evidence accumulates; no single factor can exceed its weight.
 */
export function accountRisk(inputs: RiskInputs, policy: Policy): AccountRisk {
  const s = inputs.signals;
  const f = policy.risk.factors;

  const abusive = s.abusiveCount24h + (inputs.currentAbusive ? 1 : 0);
  const suspicious = s.suspiciousCount1h + (inputs.currentSuspicious ? 1 : 0);
  let max = s.recentScoreMax;
  let mean = s.recentScoreMean;
  if (inputs.currentScore !== null) {
    max = Math.max(max, inputs.currentScore);
    mean = (s.recentScoreMean * s.recentScoreWeight + inputs.currentScore) / (s.recentScoreWeight + 1);
  }
  const youth = (r: Ramp) => 1 - ramp(s.ageMs, r);

  const strengths: Record<RiskFactorName, number> = {
    abusiveMessages: ramp(abusive, f.abusiveMessages.count),
    recentScores: ramp((max + mean) / 2, f.recentScores.score),
    suspiciousMessages: ramp(suspicious, f.suspiciousMessages.count),
    repeatedContent:
      ramp(s.repeatedContent1h, f.repeatedContent.repeats) *
      ramp(s.uniqueRecipients1h, f.repeatedContent.recipients),
    smsPumping: ramp(s.topPrefixShare1h, f.smsPumping.share) * ramp(s.count1h, f.smsPumping.volume1h),
    deliveryFailures:
      ramp(s.deliveryFailureRate + s.carrierFilteredRate, f.deliveryFailures.rate) *
      ramp(s.deliveryReports24h, f.deliveryFailures.reports),
    optOuts: ramp(s.optOutRate, f.optOuts.rate) * ramp(s.count24h, f.optOuts.volume24h),
    otpConversion:
      s.otpConversion === null
        ? 0
        : ramp(s.otpConversion, f.otpConversion.conversion) * ramp(s.otpSent24h, f.otpConversion.otpSent),
    complaints: ramp(s.complaints24h, f.complaints.count),
    newAccountBurst: ramp(s.count1h, f.newAccountBurst.volume1h) * youth(f.newAccountBurst.ageMs),
    manyRecipients:
      ramp(s.uniqueRecipients24h, f.manyRecipients.recipients24h) * youth(f.manyRecipients.ageMs),
    manyDestinationCountries: ramp(s.destCountries24h, f.manyDestinationCountries.countries),
    linkDomainRotation: ramp(s.linkDomains24h, f.linkDomainRotation.domains),
  };

  let survival = 1;
  const contributions: FactorContribution[] = [];
  for (const name of Object.keys(FACTOR_CODES) as RiskFactorName[]) {
    const contribution = f[name].weight * strengths[name];
    survival *= 1 - contribution;
    if (contribution > 0)
      contributions.push({ factor: name, code: FACTOR_CODES[name], contribution: round(contribution) });
  }
  contributions.sort((a, b) => b.contribution - a.contribution || a.factor.localeCompare(b.factor));
  const reasons = contributions
    .filter((c) => c.contribution >= policy.risk.reasonMinContribution)
    .map((c) => ({ code: c.code, message: reasonMessage(c.code), weight: c.contribution }));
  return {
    risk: round(1 - survival),
    contributions,
    reasons,
    suspiciousCount1h: suspicious,
    abusiveCount24h: abusive,
  };
}
