// The public results pages, outside /api/v1: /hasil (the published periods), /hasil/{periodId} (a
// period's latest published results) and /hasil/badan/{bodyId} (a body's history). No login, cached
// like the public API, with an ETag over the page itself; an unknown or unpublished period gets a
// 404 page in Indonesian.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { Problem } from '../../http/problems.ts';
import { responses } from '../../http/schemas.ts';
import { notModified } from '../../http/versioning.ts';
import { contentTag } from '../results/index.ts';
import { bodyPage, notFoundPage, periodPage, periodsPage } from './pages.ts';
import { allPublishedPeriods, bodyHistory, publicPeriod, publicRankings, publishedPeriod } from './public.service.ts';
import { t } from '../../i18n/message.ts';

const CACHE = 'public, max-age=60';
const HTML = 'text/html; charset=utf-8';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ETAG = 'a hash of the page: send it back in If-None-Match';

// errors other than the 404 page are problems, as everywhere
const htmlPage = (description: string) => ({
  ...responses({}),
  200: { description, content: { 'text/html': { schema: Type.String({ description: 'an HTML page in Indonesian' }) } } },
  304: Type.Null({ description: 'not modified: the If-None-Match ETag is current' }),
  404: { description: 'a page in Indonesian: not published or unknown', content: { 'text/html': { schema: Type.String() } } },
});

async function sendPage(request: FastifyRequest, reply: FastifyReply, render: () => Promise<string>) {
  let body: string;
  try {
    body = await render();
  } catch (error) {
    if (!(error instanceof Problem) || error.status !== 404) throw error;
    return reply.code(404).type(HTML).header('cache-control', CACHE).send(notFoundPage());
  }
  reply.header('cache-control', CACHE);
  if (notModified(request, reply, contentTag('hasil', body, 'html'))) return reply;
  return reply.type(HTML).send(body);
}

/** A path id that is not a UUID names nothing: the 404 page rather than a validation problem. */
function known(id: string): string {
  if (!UUID.test(id)) throw new Problem('not_found', t`Not found`);
  return id;
}

export default function pagesRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = () => app.deps.database.db;
  const tags = ['public'];

  app.get('/hasil', {
    config: { permission: 'public' },
    schema: {
      operationId: 'listResultsPages', tags,
      summary: 'The public results page: every published period, the latest publication first (HTML, Indonesian)',
      'x-etag': ETAG,
      response: { ...responses({}), 200: htmlPage('the list of published periods')[200], 304: htmlPage('')[304] },
    },
  }, (request, reply) => sendPage(request, reply, async () => periodsPage(await allPublishedPeriods(db()))));

  app.get('/hasil/:periodId', {
    config: { permission: 'public' },
    schema: {
      operationId: 'getResultsPage', tags,
      summary: 'The public results page of a period (HTML, Indonesian): per category the ranked table, or the bands of a publication by qualification, '
        + 'a band chart, the awards and the decree; the numbers of GET /public/periods/{periodId}/rankings',
      params: Type.Object({ periodId: Type.String({ description: 'the period id' }) }),
      'x-etag': ETAG,
      response: htmlPage('the results page'),
    },
  }, (request, reply) => sendPage(request, reply, async () => {
    const published = await publishedPeriod(db(), known(request.params.periodId));
    return periodPage(await publicPeriod(db(), published), await publicRankings(db(), published, {}, null));
  }));

  app.get('/hasil/badan/:bodyId', {
    config: { permission: 'public' },
    schema: {
      operationId: 'getBodyResultsPage', tags,
      summary: 'A public body\'s published results across years (HTML, Indonesian); the data of GET /public/bodies/{bodyId}/history',
      params: Type.Object({ bodyId: Type.String({ description: 'the body id' }) }),
      'x-etag': ETAG,
      response: htmlPage('the body\'s history page'),
    },
  }, (request, reply) => sendPage(request, reply, async () => bodyPage(await bodyHistory(db(), known(request.params.bodyId)))));
}
