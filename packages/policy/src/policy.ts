import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A signal mapped to [0, 1]: 0 at `from`, 1 at `to`, linear between (decreasing when to < from). */
export interface Ramp {
  from: number;
  to: number;
}

export interface RiskFactors {
  abusiveMessages: { weight: number; count: Ramp };
  recentScores: { weight: number; score: Ramp };
  suspiciousMessages: { weight: number; count: Ramp };
  repeatedContent: { weight: number; repeats: Ramp; recipients: Ramp };
  smsPumping: { weight: number; share: Ramp; volume1h: Ramp };
  deliveryFailures: { weight: number; rate: Ramp; reports: Ramp };
  optOuts: { weight: number; rate: Ramp; volume24h: Ramp };
  otpConversion: { weight: number; conversion: Ramp; otpSent: Ramp };
  complaints: { weight: number; count: Ramp };
  newAccountBurst: { weight: number; volume1h: Ramp; ageMs: Ramp };
  manyRecipients: { weight: number; recipients24h: Ramp; ageMs: Ramp };
  manyDestinationCountries: { weight: number; countries: Ramp };
  linkDomainRotation: { weight: number; domains: Ramp };
}

export type RiskFactorName = keyof RiskFactors;

export interface Thresholds {
  review: number;
  block: number;
}

export interface Policy {
  /** e.g. 'default@1'; stored with every decision. */
  version: string;
  /** Message action: score >= block -> block, >= review -> review, else allow. */
  thresholds: Thresholds;
  /** Where `thresholds` came from. */
  thresholdsSource: 'policy' | 'model' | 'fallback';
  /** Action when the content model gave no score (and no account rule applies). */
  contentUnavailableAction: 'allow' | 'review';
  ladder: {
    /** active -> flagged when account risk reaches this... */
    flagRisk: number;
    /** ...or when this many review/block-level messages arrived within the last hour. */
    flagSuspiciousCount1h: number;
    /** -> suspended when account risk reaches this AND... */
    suspendRisk: number;
    /** ...at least this many block-level messages arrived within 24 hours. */
    suspendMinAbusive24h: number;
  };
  /**
   * The account model's ladder (thresholds from its card); null = no account model loaded, so the
   * hand-written risk formula below decides.
   */
  accountModel: null | {
    flagRisk: number;
    suspendRisk: number;
    /** Behaviour alone suspends only after this many messages in 24 hours (this one included). */
    suspendMinMessages24h: number;
  };
  risk: {
    /** A factor contributing at least this much becomes an account reason. */
    reasonMinContribution: number;
    factors: RiskFactors;
  };
  statement: {
    incompatibleContentGround: string;
    termsUrl: string | null;
    territorialScope: string[];
    /** At least 183 days: an appeal stays open at least six months from the notice. */
    appealWindowDays: number;
  };
}

export class PolicyValidationError extends Error {
  readonly status = 500;
  readonly code = 'POLICY_INVALID';
  constructor(readonly problems: string[]) {
    super(`invalid policy: ${problems.join('; ')}`);
    this.name = 'PolicyValidationError';
  }
}

/** Used only when neither the policy nor the model card gives thresholds. */
const FALLBACK_THRESHOLDS: Thresholds = { review: 0.5, block: 0.9 };

const FACTOR_RAMPS: Record<RiskFactorName, string[]> = {
  abusiveMessages: ['count'],
  recentScores: ['score'],
  suspiciousMessages: ['count'],
  repeatedContent: ['repeats', 'recipients'],
  smsPumping: ['share', 'volume1h'],
  deliveryFailures: ['rate', 'reports'],
  optOuts: ['rate', 'volume24h'],
  otpConversion: ['conversion', 'otpSent'],
  complaints: ['count'],
  newAccountBurst: ['volume1h', 'ageMs'],
  manyRecipients: ['recipients24h', 'ageMs'],
  manyDestinationCountries: ['countries'],
  linkDomainRotation: ['domains'],
};

export const DEFAULT_POLICY_FILE = fileURLToPath(new URL('../policies/default.json', import.meta.url));

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isProbability(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;
}

function validThresholds(v: unknown): v is Thresholds {
  return (
    isRecord(v) && isProbability(v.review) && isProbability(v.block) && v.review > 0 && v.review < v.block
  );
}

/** Checks a parsed policy document; returns the problems found (empty = valid). */
export function validatePolicyDocument(doc: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(doc)) return ['policy must be a JSON object'];
  if (typeof doc.version !== 'string' || !/^[a-z0-9-]+@\d+$/.test(doc.version))
    problems.push('version must look like "name@N"');
  if (doc.thresholds !== null && doc.thresholds !== undefined && !validThresholds(doc.thresholds))
    problems.push('thresholds must be null or { review, block } with 0 < review < block <= 1');
  if (doc.contentUnavailableAction !== 'allow' && doc.contentUnavailableAction !== 'review')
    problems.push('contentUnavailableAction must be "allow" or "review"');

  const ladder = doc.ladder;
  if (!isRecord(ladder)) problems.push('ladder is required');
  else {
    if (!isProbability(ladder.flagRisk)) problems.push('ladder.flagRisk must be in [0, 1]');
    if (!isProbability(ladder.suspendRisk)) problems.push('ladder.suspendRisk must be in [0, 1]');
    if (
      isProbability(ladder.flagRisk) &&
      isProbability(ladder.suspendRisk) &&
      ladder.suspendRisk < ladder.flagRisk
    )
      problems.push('ladder.suspendRisk must be >= ladder.flagRisk');
    for (const key of ['flagSuspiciousCount1h', 'suspendMinAbusive24h']) {
      const v = ladder[key];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
        problems.push(`ladder.${key} must be an integer >= 1`);
    }
  }

  const risk = doc.risk;
  if (!isRecord(risk)) problems.push('risk is required');
  else {
    if (!isProbability(risk.reasonMinContribution))
      problems.push('risk.reasonMinContribution must be in [0, 1]');
    const factors = risk.factors;
    if (!isRecord(factors)) problems.push('risk.factors is required');
    else {
      for (const [name, ramps] of Object.entries(FACTOR_RAMPS)) {
        const factor = factors[name];
        if (!isRecord(factor)) {
          problems.push(`risk.factors.${name} is required`);
          continue;
        }
        if (!isProbability(factor.weight)) problems.push(`risk.factors.${name}.weight must be in [0, 1]`);
        for (const rampName of ramps) {
          const ramp = factor[rampName];
          if (
            !isRecord(ramp) ||
            typeof ramp.from !== 'number' ||
            typeof ramp.to !== 'number' ||
            !Number.isFinite(ramp.from) ||
            !Number.isFinite(ramp.to) ||
            ramp.from === ramp.to
          )
            problems.push(`risk.factors.${name}.${rampName} must be { from, to } with two different numbers`);
        }
      }
      for (const name of Object.keys(factors))
        if (!(name in FACTOR_RAMPS)) problems.push(`risk.factors.${name} is not a known factor`);
    }
  }

  const statement = doc.statement;
  if (!isRecord(statement)) problems.push('statement is required');
  else {
    if (
      typeof statement.incompatibleContentGround !== 'string' ||
      statement.incompatibleContentGround.length === 0
    )
      problems.push('statement.incompatibleContentGround must be a non-empty string');
    if (statement.termsUrl !== null && typeof statement.termsUrl !== 'string')
      problems.push('statement.termsUrl must be a string or null');
    if (
      !Array.isArray(statement.territorialScope) ||
      !statement.territorialScope.every((c) => typeof c === 'string' && /^[A-Z]{2}$/.test(c))
    )
      problems.push('statement.territorialScope must be a list of ISO country codes');
    if (typeof statement.appealWindowDays !== 'number' || statement.appealWindowDays < 183)
      problems.push('statement.appealWindowDays must be at least 183 (six months)');
  }
  return problems;
}

export interface LoadPolicyOptions {
  /** Path of a policy JSON file (default: packages/policy/policies/default.json). */
  file?: string;
  /** The content model card's thresholds; used unless the policy sets its own. */
  modelThresholds?: Thresholds;
  /** The account model card's thresholds; without them the risk formula decides. */
  accountModelThresholds?: { flag: number; suspend: number };
}

/** Builds a Policy from an already parsed document (what loadPolicy does after reading the file). */
export function policyFromDocument(
  doc: unknown,
  modelThresholds?: Thresholds,
  accountModelThresholds?: { flag: number; suspend: number },
): Policy {
  const problems = validatePolicyDocument(doc);
  if (
    accountModelThresholds !== undefined &&
    !(
      isProbability(accountModelThresholds.flag) &&
      isProbability(accountModelThresholds.suspend) &&
      accountModelThresholds.flag <= accountModelThresholds.suspend
    )
  )
    problems.push('accountModelThresholds must be { flag, suspend } with 0 <= flag <= suspend <= 1');
  if (modelThresholds !== undefined && !validThresholds(modelThresholds))
    problems.push('modelThresholds must be { review, block } with 0 < review < block <= 1');
  if (problems.length > 0) throw new PolicyValidationError(problems);
  const d = doc as Omit<Policy, 'thresholds' | 'thresholdsSource'> & { thresholds: Thresholds | null };
  const [thresholds, thresholdsSource]: [Thresholds, Policy['thresholdsSource']] = d.thresholds
    ? [d.thresholds, 'policy']
    : modelThresholds
      ? [modelThresholds, 'model']
      : [FALLBACK_THRESHOLDS, 'fallback'];
  return deepFreeze({
    version: d.version,
    thresholds: { review: thresholds.review, block: thresholds.block },
    thresholdsSource,
    contentUnavailableAction: d.contentUnavailableAction,
    ladder: { ...d.ladder },
    accountModel: accountModelThresholds
      ? {
          flagRisk: accountModelThresholds.flag,
          suspendRisk: accountModelThresholds.suspend,
          suspendMinMessages24h:
            (doc as { accountModel?: { suspendMinMessages24h?: number } }).accountModel
              ?.suspendMinMessages24h ?? 10,
        }
      : null,
    risk: structuredClone(d.risk),
    statement: structuredClone(d.statement),
  });
}

/** Reads and validates the policy at boot; throws PolicyValidationError on any problem. */
export function loadPolicy(opts: LoadPolicyOptions = {}): Policy {
  const file = opts.file ?? DEFAULT_POLICY_FILE;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PolicyValidationError([`cannot read policy file ${file}: ${(error as Error).message}`]);
  }
  return policyFromDocument(doc, opts.modelThresholds, opts.accountModelThresholds);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
