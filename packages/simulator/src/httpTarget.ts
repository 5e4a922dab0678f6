import { createGavelClient, isProblem } from '@gavel/client';
import type { SimulationTarget, TargetAnswer } from './run';

/** A running Gavel over HTTP: `/v1/score/batch` and `/v1/events`, exactly as the pipeline calls them. */
export function httpTarget(opts: { url: string; apiKey: string; timeoutMs?: number }): SimulationTarget {
  const client = createGavelClient({
    baseUrl: opts.url,
    apiKey: opts.apiKey,
    // Batches of 100 on a busy laptop: give them longer than the pipeline's default.
    timeoutMs: opts.timeoutMs ?? 30_000,
    retries: 3,
  });
  return {
    async scoreBatch(messages) {
      const results = await client.scoreBatch(messages);
      return results.map(
        (r): TargetAnswer =>
          isProblem(r)
            ? { error: r.code }
            : {
                action: r.action,
                accountStatus: r.account.status,
                accountRisk: r.account.risk,
                ...(r.account.suspensionId ? { suspensionId: r.account.suspensionId } : {}),
              },
      );
    },
    async sendEvents(events) {
      if (events.length > 0) await client.sendEvents(events);
    },
  };
}
