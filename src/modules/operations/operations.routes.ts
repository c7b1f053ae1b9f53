// Liveness, readiness and Prometheus metrics for operators.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { Type } from 'typebox';
import { Problem } from '../../http/problems.ts';
import { named, responses } from '../../http/schemas.ts';
import { t } from '../../i18n/message.ts';

const Status = named('Health', Type.Object({ status: Type.String(), database: Type.Optional(Type.String()) }));

/** `Bearer <token>` compared in constant time (hashed first, so the lengths match). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '';
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(token));
}

export default function operations(app: FastifyInstance): void {
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
  app.addHook('onResponse', (request, reply, done) => {
    duration.observe({ method: request.method, route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });

  app.get('/health', {
    config: { permission: 'public' },
    schema: { operationId: 'getHealth', tags: ['operations'], summary: 'Liveness: the process is up', response: responses({ 200: Status }) },
  }, () => ({ status: 'ok' }));

  app.get('/ready', {
    config: { permission: 'public' },
    schema: { operationId: 'getReadiness', tags: ['operations'], summary: 'Readiness: the database answers', response: responses({ 200: Status }) },
  }, async () => {
    const { database } = app.deps;
    try {
      await database.ping();
    } catch {
      throw new Problem('database_unavailable', t`The database does not answer`, { headers: { 'retry-after': '5' } });
    }
    return { status: 'ready', database: database.kind };
  });

  app.get('/metrics', {
    config: { permission: 'public' },
    schema: {
      operationId: 'getMetrics', tags: ['operations'], summary: 'Prometheus metrics',
      description: 'Anonymous unless METRICS_TOKEN is set; then `Authorization: Bearer <METRICS_TOKEN>` is required (401 without it).',
      response: {
        ...responses({}),
        200: { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: Type.String() } } },
      },
    },
  }, async (request, reply) => {
    const expected = app.deps.config.metricsToken;
    if (expected !== null && !bearerMatches(request.headers.authorization, expected)) {
      throw new Problem('unauthenticated', t`GET /metrics requires the bearer token METRICS_TOKEN`, { headers: { 'www-authenticate': 'Bearer' } });
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
