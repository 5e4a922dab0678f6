import { ContentModel } from '@gavel/model';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    model: ContentModel;
  }
}

/** The ONNX content model named by MODEL_DIR/manifest.json, micro-batched across concurrent callers. */
async function modelPlugin(app: FastifyInstance) {
  const { config } = app;
  const model = await ContentModel.load({ modelDir: config.modelDir, batchWindowMs: config.batchWindowMs });
  app.log.info({ version: model.version }, 'content model loaded');
  app.decorate('model', model);
  app.addHook('onClose', async () => model.close());
}

export default fp(modelPlugin, { name: 'model', dependencies: ['config'] });
