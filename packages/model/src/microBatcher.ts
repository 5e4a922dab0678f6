export interface MicroBatcherOptions<I, O> {
  /** How long the first caller of a batch waits for company; 0 = flush on setImmediate. */
  windowMs: number;
  /** A full batch flushes at once, without waiting for the window. */
  maxBatch: number;
  /** Runs one batch; must return one output per input, in order. */
  run: (inputs: readonly I[]) => Promise<O[]>;
}

interface Pending<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Collects concurrent submissions into batches. One batch runs at a time (the runner reuses its
 * buffers between batches); whatever arrives meanwhile forms the next batch, so under load the batch
 * size grows by itself and the window only matters when traffic is light.
 */
export class MicroBatcher<I, O> {
  private queue: Pending<I, O>[] = [];
  private timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  private running = false;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  /** Number of batches run so far (for tests and metrics). */
  batchesRun = 0;

  constructor(private readonly options: MicroBatcherOptions<I, O>) {}

  submit(input: I): Promise<O> {
    if (this.closed) return Promise.reject(new Error('MicroBatcher is closed'));
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.schedule();
    });
  }

  /** Stops accepting work and resolves once every queued submission has been answered. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.queue.length === 0 && !this.running) return;
    await new Promise<void>((resolve) => {
      this.idleWaiters.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running) return; // the running batch drains the queue when it finishes
    if (this.queue.length >= this.options.maxBatch || (this.closed && this.queue.length > 0)) {
      this.clearTimer();
      void this.flush();
      return;
    }
    if (this.timer !== null || this.queue.length === 0) return;
    const fire = () => {
      this.timer = null;
      void this.flush();
    };
    this.timer = this.options.windowMs > 0 ? setTimeout(fire, this.options.windowMs) : setImmediate(fire);
  }

  private clearTimer(): void {
    if (this.timer === null) return;
    clearTimeout(this.timer as NodeJS.Timeout);
    clearImmediate(this.timer as NodeJS.Immediate);
    this.timer = null;
  }

  private async flush(): Promise<void> {
    if (this.running || this.queue.length === 0) return;
    this.running = true;
    const batch = this.queue.splice(0, this.options.maxBatch);
    try {
      const outputs = await this.options.run(batch.map((p) => p.input));
      this.batchesRun++;
      for (let i = 0; i < batch.length; i++) batch[i].resolve(outputs[i]);
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      this.running = false;
    }
    if (this.queue.length > 0) {
      // Callers that arrived while the batch ran have already waited at least one run; go now.
      void this.flush();
    } else {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }
}
