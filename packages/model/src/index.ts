export {
  ACCOUNT_FEATURE_SCHEMA,
  ACCOUNT_FEATURES,
  type AccountFeatureName,
  type AccountReasonCodeFromModel,
  accountFeatures,
  type CurrentMessage,
  NUM_ACCOUNT_FEATURES,
} from './accountFeatures';
export {
  ACCOUNT_GRAPH,
  AccountModel,
  type AccountModelCard,
  type AccountModelParams,
  type AccountScore,
  accountReference,
  readAccountParams,
  runAccountOnnx,
} from './accountModel';
export {
  type ContentInput,
  ContentModel,
  type ContentModelLoadOptions,
  type ContentReason,
  type ContentScore,
  createContentSession,
} from './contentModel';
export { ModelLoadError, ModelSchemaMismatchError } from './errors';
export {
  CONTENT_GRAPH,
  type LinearModelParams,
  type LinearOutput,
  linearReference,
  rawLinearLogit,
  readLinearParams,
} from './linearModel';
export { MicroBatcher, type MicroBatcherOptions } from './microBatcher';
export {
  type ContentModelKind,
  type ModelCard,
  type ModelManifest,
  type PlattCalibration,
  readManifest,
  readModelCard,
  resolveModelVersion,
  type ThresholdPair,
} from './modelCard';
export {
  fillDenseInput,
  isStackedGraph,
  predictMargin,
  readStackedParams,
  STACK_DENSE_WIDTH,
  STACK_FEATURE_COUNT,
  STACK_FEATURES,
  STACKED_GRAPH,
  type StackedModelParams,
  stackedReference,
  type Tree,
  type TreeEnsemble,
} from './stackedTrees';
