import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AccountDirectory } from '../scoring/accountDirectory';
import { AccountEnforcement } from '../scoring/accountEnforcement';
import { ScoringService } from '../scoring/scoring.service';

declare module 'fastify' {
  interface FastifyInstance {
    scoring: ScoringService;
    /** Cached account standing on the scoring path; `invalidate(accountId)` after changing an account. */
    accountDirectory: AccountDirectory;
    enforcement: AccountEnforcement;
  }
}

async function scoringPlugin(app: FastifyInstance) {
  const directory = new AccountDirectory(app.db);
  const enforcement = new AccountEnforcement({
    db: app.db,
    signals: app.signals,
    directory,
    policy: app.policy,
    config: app.config,
    metrics: app.metrics,
    log: app.log,
    // The worker role, when on in this process, delivers the notice at once instead of at its next poll.
    onOutboxEnqueued: () => {
      if (app.hasDecorator('wakeOutbox')) app.wakeOutbox();
    },
  });
  const scoring = new ScoringService({
    db: app.db,
    signals: app.signals,
    model: app.model,
    policy: app.policy,
    directory,
    enforcement,
    decisions: app.decisionWriter,
    metrics: app.metrics,
    log: app.log,
    secret: app.config.secret,
    budgetMs: app.config.scoreBudgetMs,
  });
  app.decorate('accountDirectory', directory);
  app.decorate('enforcement', enforcement);
  app.decorate('scoring', scoring);
  // Transitions still running finish before the writer and the pool close.
  app.addHook('preClose', async () => enforcement.drain());
  app.addHook('onClose', async () => scoring.close());
}

export default fp(scoringPlugin, {
  name: 'scoring',
  dependencies: ['config', 'db', 'signals', 'model', 'policy', 'decision-writer', 'metrics'],
});
