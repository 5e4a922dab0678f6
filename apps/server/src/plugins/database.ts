import { join } from 'node:path';
import { type DatabaseHandle, type Db, openDatabase } from '@gavel/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    database: DatabaseHandle;
  }
}

/** Postgres when DATABASE_URL is set, else PGlite in DATA_DIR/pg (one process only). Runs migrations. */
async function databasePlugin(app: FastifyInstance) {
  const { config } = app;
  const handle = await openDatabase(
    config.databaseUrl
      ? { url: config.databaseUrl, queryTimeoutMs: config.databaseTimeoutMs }
      : { dataDir: join(config.dataDir, 'pg') },
  );
  app.log.info({ kind: handle.kind }, 'database ready');
  app.decorate('db', handle.db);
  app.decorate('database', handle);
  // Registered first among the resources, so Fastify closes it last: writers drain into it before.
  app.addHook('onClose', async () => handle.close());
}

export default fp(databasePlugin, { name: 'db', dependencies: ['config'] });
