import { loadPolicy, type Policy } from '@gavel/policy';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    policy: Policy;
  }
}

/** The versioned policy from the repository; message thresholds default to the model card's. */
async function policyPlugin(app: FastifyInstance) {
  const account = app.accountModel?.card.thresholds;
  const policy = loadPolicy({
    modelThresholds: app.model.card.thresholds,
    ...(account ? { accountModelThresholds: { flag: account.flag, suspend: account.suspend } } : {}),
  });
  app.log.info({ version: policy.version }, 'policy loaded');
  app.decorate('policy', policy);
}

export default fp(policyPlugin, { name: 'policy', dependencies: ['model', 'account-model'] });
