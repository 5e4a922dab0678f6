/** The part of @gavel/features' FeatureRow the trainer needs. */
export interface SparseRow {
  ids: ArrayLike<number>;
  values: ArrayLike<number>;
  count: number;
}

/** Featurized examples in compressed sparse row form: row i spans offsets[i]..offsets[i+1]. */
export interface SparseDataset {
  n: number;
  offsets: Int32Array;
  ids: Int32Array;
  values: Float32Array;
  labels: Uint8Array;
}

export class SparseDatasetBuilder {
  private offsets: number[] = [0];
  private ids: Int32Array;
  private values: Float32Array;
  private labels: number[] = [];
  private size = 0;

  constructor(initialCapacity = 1 << 16) {
    this.ids = new Int32Array(initialCapacity);
    this.values = new Float32Array(initialCapacity);
  }

  push(row: SparseRow, abusive: boolean): void {
    const needed = this.size + row.count;
    if (needed > this.ids.length) {
      let capacity = this.ids.length * 2;
      while (capacity < needed) capacity *= 2;
      const ids = new Int32Array(capacity);
      ids.set(this.ids.subarray(0, this.size));
      const values = new Float32Array(capacity);
      values.set(this.values.subarray(0, this.size));
      this.ids = ids;
      this.values = values;
    }
    for (let j = 0; j < row.count; j++) {
      this.ids[this.size + j] = row.ids[j];
      this.values[this.size + j] = row.values[j];
    }
    this.size = needed;
    this.offsets.push(this.size);
    this.labels.push(abusive ? 1 : 0);
  }

  build(): SparseDataset {
    return {
      n: this.labels.length,
      offsets: Int32Array.from(this.offsets),
      ids: this.ids.slice(0, this.size),
      values: this.values.slice(0, this.size),
      labels: Uint8Array.from(this.labels),
    };
  }
}
