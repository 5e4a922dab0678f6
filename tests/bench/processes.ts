// What the bench scripts share for the processes they start: a free port, and waiting for one to serve.
import type { ChildProcess } from 'node:child_process';

export { freePort } from '@gavel/signals/testing';

/** Resolves when `url` answers 2xx; fails when `child` exits first or after `timeoutMs`. */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the process behind ${url} exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}
