// One log line and one duration sample for every answered request, except the operator's probes.
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * An operator's probe (/health, /ready, /metrics): answered successfully, it leaves no request
     * log line and no duration sample. A load balancer and Prometheus call them every few seconds;
     * lines and samples about them would drown the traffic the log and the metrics are there to show.
     * A probe that fails (a 503 from /ready, a 401 from /metrics) is logged and counted.
     */
    probe?: boolean;
  }
  interface FastifyInstance {
    /** this app's Prometheus registry, served by GET /metrics */
    metrics: Registry;
  }
}

/** Registered on the root instance, so that its hook sees the routes of every module. */
export function observeRequests(app: FastifyInstance): void {
  // one registry per app instance, so several apps in one process (tests) do not collide
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kip_' });
  const duration = new Histogram({
    name: 'kip_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.decorate('metrics', registry);
  // a plain callback, not an async function: it runs on every request, and each promise costs
  app.addHook('onResponse', (request, reply, done) => {
    if (request.routeOptions.config?.probe && reply.statusCode < 400) return done();
    request.log.info({ method: request.method, url: request.url, statusCode: reply.statusCode, responseTime: reply.elapsedTime }, 'request completed');
    duration.observe({ method: request.method, route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
}
