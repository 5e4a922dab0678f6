/** The committed model was trained on a different feature layout than the running `@gavel/features`. */
export class ModelSchemaMismatchError extends Error {
  readonly status = 500;
  readonly code = 'MODEL_SCHEMA_MISMATCH';
  constructor(
    readonly modelVersion: string,
    readonly cardHash: string,
    readonly runtimeHash: string,
  ) {
    super(
      `Model ${modelVersion} was trained with feature schema ${cardHash.slice(0, 12)}, but @gavel/features ` +
        `now has schema ${runtimeHash.slice(0, 12)}; scores would be meaningless. Run \`pnpm train\` to retrain ` +
        'the model against the current features package (or load a model trained on this schema).',
    );
    this.name = 'ModelSchemaMismatchError';
  }
}

/** The model files are missing, malformed, or the ONNX bytes do not match the card's sha256. */
export class ModelLoadError extends Error {
  readonly status = 500;
  readonly code = 'MODEL_LOAD_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelLoadError';
  }
}
