// Periods and their stage transitions (docs/api.md "Period stages").
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ctx } from '../../http/context.ts';
import { ListOf, responses } from '../../http/schemas.ts';
import { etag } from '../../http/versioning.ts';
import { Period, PeriodCreate, PeriodListQuery, PeriodParams, PeriodUpdate, Transition, TransitionResult } from './periods.schemas.ts';
import { createPeriod, getPeriod, listPeriods, transitionPeriod, updatePeriod } from './periods.service.ts';

export default function periodsRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps.database;

  app.get('/periods', {
    config: { permission: 'periods:read' },
    schema: { operationId: 'listPeriods', tags: ['periods'], summary: 'List the periods of my commission, newest year first', querystring: PeriodListQuery, response: responses({ 200: ListOf(Period) }) },
  }, async (request) => listPeriods(db, ctx(request), request.query));

  app.post('/periods', {
    config: { permission: 'periods:write' },
    schema: {
      operationId: 'createPeriod', tags: ['periods'], summary: 'Create a period in stage draft',
      description: 'Scoring settings (stages, presentationAspects, advancement, bands, nonSubmitters) follow docs/scoring.md §5–§6 and are validated: a violation answers 422 naming the path. `appeal: true` adds the appeal stage (masa sanggah).',
      body: PeriodCreate, response: responses({ 201: Period }),
    },
  }, async (request, reply) => {
    const period = await createPeriod(request.work, request.body);
    reply.code(201).header('etag', etag(period.version)).header('location', `/api/v1/periods/${period.id}`);
    return period;
  });

  app.get('/periods/:periodId', {
    config: { permission: 'periods:read' },
    schema: { operationId: 'getPeriod', tags: ['periods'], summary: 'A period with its settings and stage path', params: PeriodParams, response: responses({ 200: Period }) },
  }, async (request, reply) => {
    const period = await getPeriod(db, ctx(request), request.params.periodId);
    return reply.header('etag', etag(period.version)).send(period);
  });

  app.patch('/periods/:periodId', {
    config: { permission: 'periods:write' },
    schema: {
      operationId: 'updatePeriod', tags: ['periods'], summary: 'Change a period (scoring settings only in draft); honours If-Match',
      params: PeriodParams, body: PeriodUpdate, response: responses({ 200: Period }),
    },
  }, async (request, reply) => {
    const period = await updatePeriod(request.work, request.params, request.body);
    reply.header('etag', etag(period.version));
    return period;
  });

  app.post('/periods/:periodId/transitions', {
    config: { permission: 'periods:write' },
    schema: {
      operationId: 'transitionPeriod', tags: ['periods'], summary: 'Move the period to its next stage, or back one stage with a reason',
      description: 'Forward: only the next stage of `stagePath`. draft → saq needs at least one participant and a questionnaire for every participant\'s category (409 listing the missing ones). Leaving saq marks participants that did not submit `not_submitted`. Back: only the previous stage, with `reason` (or X-Audit-Reason), audited; back into saq sets not_submitted participants to enrolled again. Every transition rescores the period. Honours If-Match (the period\'s ETag).',
      params: PeriodParams, body: Transition, response: responses({ 200: TransitionResult }),
      // OpenAPI: the ETag header of the 200 (http/openapi-responses.ts)
      'x-etag': 'the period\'s new version: send it in If-Match of the next transition or change',
    },
  }, async (request, reply) => {
    const result = await transitionPeriod(request.work, request.params, request.body);
    reply.header('etag', etag(result.period.version));
    return result;
  });
}
