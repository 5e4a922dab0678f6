export {
  type Corpus,
  type DataFileInfo,
  LABEL_MAP,
  loadPhishingUrls,
  loadShortenerDomains,
  loadSmsSources,
  loadSpamAssassin,
} from './corpora';
export { deduplicate, stratifiedFolds, stratifiedSplit } from './dedupSplit';
export { emailToText } from './emailText';
export { type EvaluateFileResult, evaluateLabelledFile } from './evaluateFile';
export { type EvaluationSummary, evaluateScores, formatSummaryTable } from './evaluation';
export { EVASION_NAMES, EVASIONS, type EvasionName } from './evasion';
export {
  type LabelledMessage,
  parseCsv,
  parseLabel,
  parseLabelledText,
  readLabelledFile,
} from './labelledFile';
export {
  type LinearWeights,
  rawLogits,
  type TrainConfig,
  trainLogisticRegression,
} from './logisticRegression';
export { exportLinearOnnx } from './onnxExport';
export { fitPlatt } from './plattScaling';
export { findRepoRoot, modelsDir, sharedDataDir } from './repoRoot';
export { DEFAULT_CANDIDATES, trainContentModel } from './trainContentModel';
