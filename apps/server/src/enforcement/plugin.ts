import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AccountDirectory } from '../scoring/accountDirectory';
import { EnforcementService } from './enforcement.service';

declare module 'fastify' {
  interface FastifyInstance {
    /** Flags, suspends, reinstates and notifies: the one place an account's status changes. */
    enforcement: EnforcementService;
    /** Cached account standing on the scoring path; enforcement updates it on every change it makes. */
    accountDirectory: AccountDirectory;
  }
}

/**
 * The account ladder as a plugin, registered for every role: scoring flags and suspends through it,
 * the case actions reinstate and suspend through it, and the worker listens for the notices it enqueues.
 */
async function enforcementPlugin(app: FastifyInstance) {
  const directory = new AccountDirectory(app.db);
  const enforcement = new EnforcementService({
    db: app.db,
    signals: app.signals,
    directory,
    policy: app.policy,
    decisions: app.decisionWriter,
    config: app.config,
    metrics: app.metrics,
    log: app.log.child({ component: 'enforcement' }),
  });
  app.decorate('accountDirectory', directory);
  app.decorate('enforcement', enforcement);
  // Transitions still running finish before the writer and the pool close.
  app.addHook('preClose', async () => enforcement.drain());
}

export default fp(enforcementPlugin, {
  name: 'enforcement',
  dependencies: ['config', 'db', 'signals', 'policy', 'metrics', 'decision-writer'],
});
