export {
  type AccountScoreLike,
  type ContentScoreLike,
  contentAction,
  type Decision,
  type DecisionInput,
  decide,
  type MessageAction,
  messageOutcome,
} from './decide';
export {
  DEFAULT_POLICY_FILE,
  type LoadPolicyOptions,
  loadPolicy,
  type Policy,
  PolicyValidationError,
  policyFromDocument,
  type Ramp,
  type RiskFactorName,
  type RiskFactors,
  type Thresholds,
  validatePolicyDocument,
} from './policy';
export {
  ACCOUNT_REASONS,
  type AccountReasonCode,
  allReasonCodes,
  type Reason,
  type ReasonCode,
  reasonMessage,
} from './reasons';
export { type AccountRisk, accountRisk, type FactorContribution, type RiskInputs, ramp } from './risk';
export { type StatementOfReasons, type StatementOfReasonsInput, statementOfReasons } from './statement';
