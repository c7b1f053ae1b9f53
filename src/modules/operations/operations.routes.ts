// Liveness, readiness and Prometheus metrics for operators (the metrics: http/observe-requests.ts).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
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
  app.get('/health', {
    config: { permission: 'public', probe: true },
    schema: { operationId: 'getHealth', tags: ['operations'], summary: 'Liveness: the process is up', response: responses({ 200: Status }) },
  }, () => ({ status: 'ok' }));

  app.get('/ready', {
    config: { permission: 'public', probe: true },
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
    config: { permission: 'public', probe: true },
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
    reply.type(app.metrics.contentType);
    return app.metrics.metrics();
  });
}
