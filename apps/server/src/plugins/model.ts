import { ContentModel } from '@gavel/model';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    model: ContentModel;
    /** SHADOW_MODEL, when configured: scored on every message, recorded, never acted on. */
    shadowModel: ContentModel | null;
  }
}

/** The ONNX content model named by MODEL_DIR/manifest.json, micro-batched across concurrent callers. */
async function modelPlugin(app: FastifyInstance) {
  const { config } = app;
  const model = await ContentModel.load({ modelDir: config.modelDir, batchWindowMs: config.batchWindowMs });
  app.log.info({ version: model.version }, 'content model loaded');
  app.decorate('model', model);
  app.addHook('onClose', async () => model.close());
  // A model on an older feature schema loads too: that is how the previous version runs in shadow.
  const shadow = config.shadowModel
    ? await ContentModel.load({ modelDir: config.modelDir, version: config.shadowModel, batchWindowMs: 0 })
    : null;
  if (shadow) {
    app.log.info({ version: shadow.version }, 'shadow content model loaded');
    app.addHook('onClose', async () => shadow.close());
  }
  app.decorate('shadowModel', shadow);
}

export default fp(modelPlugin, { name: 'model', dependencies: ['config'] });
