// Runs the instance's webhook dispatcher with the app: started when the app is ready (unless
// WEBHOOK_DELIVERY=false), stopped — bounded — when it closes, before the database is.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { plugin } from '../../http/plugin.ts';
import type { WebhookDispatcher } from './dispatcher.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** this instance's webhook dispatcher (tests and the bench drive it with drain()) */
    webhooks: WebhookDispatcher;
  }
}

export default fp(plugin(function webhookDelivery(app: FastifyInstance, opts: { dispatcher: WebhookDispatcher; start: boolean }): void {
  app.decorate('webhooks', opts.dispatcher);
  if (opts.start) {
    app.addHook('onReady', (done) => {
      opts.dispatcher.start();
      done();
    });
  }
  app.addHook('onClose', async () => {
    await opts.dispatcher.stop();
  });
}));
