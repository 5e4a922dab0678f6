/** Progress lines on stderr (stdout stays clean for machine-readable output). */
export interface Progress {
  stage(name: string): void;
  step(message: string): void;
  /** Throttled counter for long loops. */
  tick(label: string, done: number, total: number): void;
  elapsedSeconds(): number;
}

export function createProgress(stream: NodeJS.WritableStream = process.stderr, quiet = false): Progress {
  const started = process.hrtime.bigint();
  let lastTick = 0;
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  const write = (line: string) => {
    if (!quiet) stream.write(`[${elapsed().toFixed(1).padStart(6)}s] ${line}\n`);
  };
  return {
    stage: (name) => write(`== ${name}`),
    step: (message) => write(`   ${message}`),
    tick: (label, done, total) => {
      const now = elapsed();
      if (done === total || now - lastTick >= 2) {
        lastTick = now;
        write(`   ${label} ${done}/${total}`);
      }
    },
    elapsedSeconds: elapsed,
  };
}
