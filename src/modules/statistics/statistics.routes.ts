// Statistics across the periods of my commission: trends and band migration (dashboards).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ctx } from '../../http/context.ts';
import { ProblemRef, responses } from '../../http/schemas.ts';
import { Migration, MigrationQuery, Trends, TrendsQuery } from './statistics.schemas.ts';
import { migration, trends } from './statistics.service.ts';

const tags = ['statistics'];

export default function statisticsRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = () => app.deps.database.db;

  app.get('/statistics/trends', {
    config: { permission: 'statistics:read' },
    schema: {
      operationId: 'getTrends', tags,
      summary: 'Per period of my commission (oldest first): participants, band counts, mean and median final score',
      description: 'Each period is read from its latest published result set (`source: "published"`, the official numbers: final scores at their published 2 decimals), '
        + 'or, with nothing published, from its live scores (`source: "live"`; `?publishedOnly=true` leaves those periods out). '
        + 'Mean and median are over the scored participants, computed exactly and rounded half up to 2 decimals, as in `GET /periods/{periodId}/statistics`. '
        + '`from`/`to` are years (inclusive; 422 when `to` is before `from`); `categoryId` counts one category only (404 if it is not one of my commission\'s).',
      querystring: TrendsQuery,
      response: responses({ 200: Trends, 404: ProblemRef }),
    },
  }, async (request) => trends(db(), ctx(request), request.query));

  app.get('/statistics/migration', {
    config: { permission: 'statistics:read' },
    schema: {
      operationId: 'getBandMigration', tags,
      summary: 'How the bodies that took part in two periods moved between bands, from their published result sets',
      description: 'Both periods must be my commission\'s (404 otherwise, as for any period I cannot see) and have a published result set (422 naming `querystring.from` or `querystring.to`). '
        + 'A body counts in a band as in a result set\'s band counts: scored, or not submitted and given the lowest band; without a band its `from` or `to` is null and it is not in the matrix.',
      querystring: MigrationQuery,
      response: responses({ 200: Migration, 404: ProblemRef }),
    },
  }, async (request) => migration(db(), ctx(request), request.query));
}
