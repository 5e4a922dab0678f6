import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root: the nearest ancestor of this file holding pnpm-workspace.yaml. */
export function findRepoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
}

/** Training data lives beside the repository, never inside it (see ../shared/data/README.md). */
export function sharedDataDir(repoRoot: string = findRepoRoot()): string {
  return resolve(repoRoot, '..', 'shared', 'data');
}

export function modelsDir(repoRoot: string = findRepoRoot()): string {
  return join(repoRoot, 'models');
}

/**
 * The folder the user ran `pnpm train` / `pnpm eval` from: pnpm runs root scripts in the repository
 * root and keeps the caller's folder in INIT_CWD, so relative paths given on the command line are
 * resolved against it. The CLIs' one read of the environment.
 */
export function invokedFromDir(): string {
  return process.env.INIT_CWD ?? process.cwd();
}
