import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createMailSender } from './mailTransport';
import { OutboxWorker } from './outboxWorker';
import { RetentionJob } from './retentionJob';

declare module 'fastify' {
  interface FastifyInstance {
    outboxWorker: OutboxWorker;
    retentionJob: RetentionJob;
  }
}

/** The worker role: outbox delivery (email, signed webhooks) and the retention job. */
async function workerPlugin(app: FastifyInstance) {
  const { config } = app;
  const mail = createMailSender({ smtpUrl: config.smtpUrl, mailDir: join(config.dataDir, 'mail') });
  const worker = new OutboxWorker({
    db: app.db,
    mail,
    mailFrom: config.mailFrom,
    secret: config.secret,
    metrics: app.metrics,
    log: app.log.child({ component: 'outbox' }),
    maxAttempts: config.outboxMaxAttempts,
  });
  const retention = new RetentionJob({
    db: app.db,
    excerptDays: config.retentionExcerptDays,
    intervalMinutes: config.retentionIntervalMinutes,
    finishErasures: () => app.privacy.finishPendingErasures(),
    metrics: app.metrics,
    log: app.log.child({ component: 'retention' }),
  });
  app.decorate('outboxWorker', worker);
  app.decorate('retentionJob', retention);
  // Notices enqueued by this process are delivered at once instead of at the next poll.
  const unsubscribe = app.enforcement.onNoticesEnqueued(() => worker.wake());
  app.addHook('onReady', async () => {
    worker.start();
    retention.start();
  });
  app.addHook('preClose', async () => {
    unsubscribe();
    await Promise.all([worker.stop(), retention.stop()]);
    mail.close();
  });
}

export default fp(workerPlugin, {
  name: 'worker',
  dependencies: ['config', 'db', 'metrics', 'enforcement', 'privacy'],
});
