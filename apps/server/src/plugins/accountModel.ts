import { AccountModel, readManifest } from '@gavel/model';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** null when MODEL_DIR/manifest.json names no account model: the policy's risk formula decides. */
    accountModel: AccountModel | null;
  }
}

/** The account model named by the manifest's `account` entry, beside the content model. */
async function accountModelPlugin(app: FastifyInstance) {
  const { modelDir } = app.config;
  let model: AccountModel | null = null;
  if (typeof readManifest(modelDir).account === 'string') {
    model = await AccountModel.load({ modelDir });
    app.log.info({ version: model.version }, 'account model loaded');
  }
  app.decorate('accountModel', model);
}

export default fp(accountModelPlugin, { name: 'account-model', dependencies: ['config'] });
