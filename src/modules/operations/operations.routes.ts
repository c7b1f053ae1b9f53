// Liveness, readiness and metrics for operators.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Problem } from '../../http/problems.ts';
import { responses } from '../../http/schemas.ts';

const Status = Type.Object({ status: Type.String(), database: Type.Optional(Type.String()) });

export default async function operations(app: FastifyInstance) {
  app.get('/health', {
    config: { permission: 'public' },
    schema: { tags: ['operations'], summary: 'Liveness: the process is up', response: responses({ 200: Status }) },
  }, async () => ({ status: 'ok' }));

  app.get('/ready', {
    config: { permission: 'public' },
    schema: { tags: ['operations'], summary: 'Readiness: the database answers', response: responses({ 200: Status }) },
  }, async () => {
    const { database } = app.deps;
    try {
      await database.ping();
    } catch {
      throw new Problem('database_unavailable', 'The database does not answer', { headers: { 'retry-after': '5' } });
    }
    return { status: 'ready', database: database.kind };
  });
}
