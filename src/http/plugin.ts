// Plugins whose setup awaits nothing (it declares routes, hooks and decorators) are written as plain
// functions and registered through `plugin()`. They still run as async plugins: avvio reports what an
// async plugin throws through `app.ready()`, while a throw from a synchronous plugin escapes it as an
// uncaught exception. An `async` function without `await` would do the same, but reads like a
// forgotten `await` (the lint rule require-await).
import type { FastifyInstance, FastifyPluginAsync, FastifyPluginOptions } from 'fastify';

export function plugin<O extends FastifyPluginOptions = Record<never, never>>(
  setup: (app: FastifyInstance, opts: O) => void | Promise<void>,
): FastifyPluginAsync<O> {
  const registered: FastifyPluginAsync<O> = async (app, opts) => {
    await setup(app, opts);
  };
  // the name avvio and fastify-plugin show in their messages
  return Object.defineProperty(registered, 'name', { value: setup.name });
}
