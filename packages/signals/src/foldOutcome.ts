import type { AccountSignals } from './types';
import { DEFAULT_SCORE_HALF_LIFE_MS, decayFactor } from './windows';

/**
 * The signals a later message of the same batch would have seen had the earlier message's outcome
 * been recorded before it was observed (as when the pipeline sends them one by one): its score folded
 * into the decayed stats, its suspicious/abusive verdicts into the counters. A batch observes every
 * message in one round trip before any is scored, so the server applies the earlier outcomes here,
 * in order, with the same arithmetic as both stores (`updateScoreStats` in memory.ts, the Lua twin).
 *
 * `elapsedMs`: the later message's time minus the earlier one's (>= 0 in practice; a negative value
 * is clamped, as the stores date a late outcome at the window's end).
 */
export function foldOutcome(
  signals: AccountSignals,
  outcome: { score: number | null; suspicious: boolean; abusive: boolean },
  elapsedMs: number,
  halfLifeMs = DEFAULT_SCORE_HALF_LIFE_MS,
): AccountSignals {
  const next = { ...signals };
  if (outcome.score !== null && Number.isFinite(outcome.score)) {
    const score = Math.min(1, Math.max(0, outcome.score));
    const w = decayFactor(Math.max(0, elapsedMs), halfLifeMs);
    const sum = signals.recentScoreMean * signals.recentScoreWeight + score * w;
    next.recentScoreMax = Math.max(signals.recentScoreMax, score * w);
    next.recentScoreWeight = signals.recentScoreWeight + w;
    next.recentScoreMean = next.recentScoreWeight > 0 ? sum / next.recentScoreWeight : 0;
  }
  if (outcome.suspicious) next.suspiciousCount1h += 1;
  if (outcome.abusive) next.abusiveCount24h += 1;
  return next;
}
