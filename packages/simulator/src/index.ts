export type { VariantSet } from './bodies';
export { httpTarget } from './httpTarget';
export { PUMPING_RANGES } from './numbers';
export {
  ABUSIVE_PROFILES,
  type AccountPlan,
  HONEST_PROFILES,
  isAbusive,
  type PlannedEvent,
  type PlannedMessage,
  type ProfileName,
} from './profiles';
export { SeededRandom } from './random';
export { loadRealHam, sharedDataDir } from './realHam';
export {
  type AccountOutcome,
  type RunOptions,
  type RunResult,
  runScenario,
  type SimulationTarget,
  type TargetAnswer,
} from './run';
export {
  buildScenario,
  DEFAULT_MIX,
  DEFAULT_SPAN_MS,
  profileCounts,
  type Scenario,
  type ScenarioOptions,
} from './scenario';
export { formatSummaryTable, type ProfileSummary, summarize } from './summary';
