// Questionnaires of a period, and the ready-made presets.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ctx } from '../../http/context.ts';
import { ListOf, NoContent, responses } from '../../http/schemas.ts';
import { etag } from '../../http/versioning.ts';
import {
  PeriodParams, Preset, QuestionnaireCreate, QuestionnaireFull, QuestionnaireListQuery, QuestionnaireParams,
  QuestionnaireReplace, QuestionnaireSummary,
} from './questionnaires.schemas.ts';
import {
  createQuestionnaire, deleteQuestionnaire, getQuestionnaire, listQuestionnaires, presets, replaceQuestionnaire,
} from './questionnaires.service.ts';

export default function questionnairesRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps.database;

  app.get('/questionnaire-presets', {
    config: { permission: 'questionnaires:read' },
    schema: {
      operationId: 'listQuestionnairePresets', tags: ['questionnaires'], summary: 'Ready-made questionnaires (PerKI 1/2022 indicator sets) to start a period from',
      response: responses({ 200: Type.Object({ items: Type.Array(Preset), nextCursor: Type.Null() }) }),
    },
  }, () => ({ items: presets(), nextCursor: null }));

  app.get('/periods/:periodId/questionnaires', {
    config: { permission: 'questionnaires:read' },
    schema: {
      operationId: 'listQuestionnaires', tags: ['questionnaires'], summary: 'The questionnaires of a period (without their questions) and their categories',
      params: PeriodParams, querystring: QuestionnaireListQuery, response: responses({ 200: ListOf(QuestionnaireSummary) }),
    },
  }, async (request) => listQuestionnaires(db, ctx(request), request.params.periodId, request.query));

  app.post('/periods/:periodId/questionnaires', {
    config: { permission: 'questionnaires:write' },
    schema: {
      operationId: 'createQuestionnaire', tags: ['questionnaires'], summary: 'Create a questionnaire: from scratch, from a preset, or by copying an earlier one (draft only)',
      description: 'An invalid questionnaire answers 422 with the offending paths (docs/scoring.md §2). A category already using another questionnaire of the period answers 409.',
      params: PeriodParams, body: QuestionnaireCreate, response: responses({ 201: QuestionnaireFull }),
    },
  }, async (request, reply) => {
    const q = await createQuestionnaire(request.work, request.params.periodId, request.body);
    reply.code(201).header('etag', etag(q.version)).header('location', `/api/v1/periods/${q.periodId}/questionnaires/${q.id}`);
    return q;
  });

  app.get('/periods/:periodId/questionnaires/:questionnaireId', {
    config: { permission: 'questionnaires:read' },
    schema: { operationId: 'getQuestionnaire', tags: ['questionnaires'], summary: 'A questionnaire with its indicators and questions', params: QuestionnaireParams, response: responses({ 200: QuestionnaireFull }) },
  }, async (request, reply) => {
    const q = await getQuestionnaire(db, ctx(request), request.params.periodId, request.params.questionnaireId);
    return reply.header('etag', etag(q.version)).send(q);
  });

  app.put('/periods/:periodId/questionnaires/:questionnaireId', {
    config: { permission: 'questionnaires:write' },
    schema: {
      operationId: 'replaceQuestionnaire', tags: ['questionnaires'], summary: 'Replace a questionnaire and its categories (draft only; honours If-Match)',
      params: QuestionnaireParams, body: QuestionnaireReplace, response: responses({ 200: QuestionnaireFull }),
    },
  }, async (request, reply) => {
    const q = await replaceQuestionnaire(request.work, request.params, request.body);
    reply.header('etag', etag(q.version));
    return q;
  });

  app.delete('/periods/:periodId/questionnaires/:questionnaireId', {
    config: { permission: 'questionnaires:write' },
    schema: { operationId: 'deleteQuestionnaire', tags: ['questionnaires'], summary: 'Delete a questionnaire (draft only; honours If-Match)', params: QuestionnaireParams, response: responses({ 204: NoContent }) },
  }, async (request, reply) => {
    await deleteQuestionnaire(request.work, request.params);
    reply.code(204);
    return null;
  });
}
