import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ScoringService } from '../scoring/scoring.service';

declare module 'fastify' {
  interface FastifyInstance {
    scoring: ScoringService;
  }
}

async function scoringPlugin(app: FastifyInstance) {
  const scoring = new ScoringService({
    db: app.db,
    signals: app.signals,
    model: app.model,
    shadowModel: app.shadowModel,
    policy: app.policy,
    directory: app.accountDirectory,
    enforcement: app.enforcement,
    decisions: app.decisionWriter,
    metrics: app.metrics,
    log: app.log,
    secret: app.config.secret,
    budgetMs: app.config.scoreBudgetMs,
    budgetPerMessageMs: app.config.scoreBudgetPerMessageMs,
    hooks: {
      accountScore: (_message, signals, current) =>
        signals && app.accountModel ? app.accountModel.score(signals, current) : null,
    },
  });
  app.decorate('scoring', scoring);
  app.addHook('onClose', async () => scoring.close());
}

export default fp(scoringPlugin, {
  name: 'scoring',
  dependencies: [
    'config',
    'db',
    'signals',
    'model',
    'account-model',
    'policy',
    'decision-writer',
    'metrics',
    'enforcement',
  ],
});
