/**
 * Instruction counts for the `*.instructions.ts` scripts (featurize, inference): runs a script under
 * `valgrind --tool=callgrind` and returns the run's total. Each script counts itself twice, with 0 and
 * with N messages after the same warm-up, and reports the difference ÷ N, so start-up, model load and
 * JIT warm-up cancel out. V8 runs --single-threaded (no concurrent compiler or GC threads), so the
 * count repeats closely.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function callgrindTotal(
  outFile: string,
  script: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; showErrors?: boolean } = {},
): number {
  execFileSync(
    'valgrind',
    [
      '--tool=callgrind',
      // V8 writes machine code into the heap: valgrind must notice self-modifying code there.
      '--smc-check=all-non-file',
      `--callgrind-out-file=${outFile}`,
      process.execPath,
      '--single-threaded',
      '--import',
      'tsx',
      script,
      ...args,
    ],
    {
      stdio: ['ignore', 'ignore', options.showErrors ? 'inherit' : 'ignore'],
      // Without `env`, the child inherits this process's environment (execFileSync's default).
      env: options.env,
    },
  );
  return Number(/^summary:\s+(\d+)/m.exec(readFileSync(outFile, 'utf8'))?.[1] ?? Number.NaN);
}
