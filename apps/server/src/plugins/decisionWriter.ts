import { join } from 'node:path';
import { DecisionWriter } from '@gavel/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    decisionWriter: DecisionWriter;
  }
}

/**
 * The decision log writer: batched inserts off the response path; while Postgres is down it buffers,
 * then spills to DATA_DIR/spill, and replays on recovery. Closing drains it (bounded) before the
 * database pool closes.
 */
async function decisionWriterPlugin(app: FastifyInstance) {
  const writer = new DecisionWriter({
    db: app.db,
    spillDir: join(app.config.dataDir, 'spill'),
    // 20 ms: at a few thousand decisions/s that is ~50 rows an insert instead of ~5 (each insert with a
    // new row count is a new statement for Postgres to parse); still far inside any reader's patience.
    flushIntervalMs: 20,
    onError: (event) => {
      const level = event.kind === 'recovered' || event.kind === 'spill_recovered' ? 'info' : 'warn';
      app.log[level]({ writer: event }, 'decision writer');
    },
  });
  app.decorate('decisionWriter', writer);
  app.metrics.decisionBacklogSource = () => writer.backlog;
  app.addHook('onClose', async () => {
    const { remaining } = await writer.close({ timeoutMs: 10_000 });
    if (remaining > 0) app.log.error({ remaining }, 'decisions left undrained at shutdown');
  });
}

export default fp(decisionWriterPlugin, {
  name: 'decision-writer',
  dependencies: ['db', 'config', 'metrics'],
});
