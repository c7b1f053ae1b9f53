// Participants of a period: enrolment, listing (scoped to what the caller may see), assignments.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ctx } from '../../http/context.ts';
import { ListOf, NoContent, responses } from '../../http/schemas.ts';
import { etag } from '../../http/versioning.ts';
import {
  Assignments, AssignmentsResult, Enrol, EnrolResult, Extension, ExtensionPut, Participant, ParticipantListQuery, ParticipantParams, PeriodParams,
} from './participants.schemas.ts';
import { deleteExtension, enrol, getParticipant, listParticipants, putExtension, setAssignments, withdraw } from './participants.service.ts';

export default function participantsRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps.database;

  app.get('/periods/:periodId/participants', {
    config: { permission: 'participants:read' },
    schema: {
      operationId: 'listParticipants', tags: ['participants'], summary: 'Participants of a period, by body name',
      description: 'Admins and viewers see every participant; assessors and jurors the ones assigned to them; a respondent its own body.',
      params: PeriodParams, querystring: ParticipantListQuery, response: responses({ 200: ListOf(Participant) }),
    },
  }, async (request) => listParticipants(db, ctx(request), request.params.periodId, request.query));

  app.post('/periods/:periodId/participants', {
    config: { permission: 'participants:write' },
    schema: {
      operationId: 'enrolParticipants', tags: ['participants'], summary: 'Enrol bodies: a list, or every active body of a category (draft, or late during saq)',
      params: PeriodParams, body: Enrol, response: responses({ 201: EnrolResult }),
    },
  }, async (request, reply) => {
    const result = await enrol(request.work, request.params.periodId, request.body);
    reply.code(201);
    return result;
  });

  app.get('/periods/:periodId/participants/:bodyId', {
    config: { permission: 'participants:read' },
    schema: { operationId: 'getParticipant', tags: ['participants'], summary: 'One participant, by its body', params: ParticipantParams, response: responses({ 200: Participant }) },
  }, async (request, reply) => {
    const p = await getParticipant(db, ctx(request), request.params.periodId, request.params.bodyId);
    return reply.header('etag', etag(p.version)).send(p);
  });

  app.delete('/periods/:periodId/participants/:bodyId', {
    config: { permission: 'participants:write' },
    schema: { operationId: 'withdrawParticipant', tags: ['participants'], summary: 'Withdraw a participant (draft only)', params: ParticipantParams, response: responses({ 204: NoContent }) },
  }, async (request, reply) => {
    await withdraw(request.work, request.params);
    reply.code(204);
    return null;
  });

  app.put('/periods/:periodId/participants/:bodyId/assignments', {
    config: { permission: 'participants:write' },
    schema: {
      operationId: 'putAssignments', tags: ['participants'], summary: 'Set the assessors and jurors of a participant (replaces them)',
      description: 'Users must be active users of my commission with the matching role (422 otherwise).',
      params: ParticipantParams, body: Assignments, response: responses({ 200: AssignmentsResult }),
    },
  }, async (request) => setAssignments(request.work, request.params, request.body));

  app.put('/periods/:periodId/participants/:bodyId/extension', {
    config: { permission: 'participants:write' },
    schema: {
      operationId: 'putExtension', tags: ['participants'], summary: 'Extend the SAQ and appeal deadlines for this body (a plenary decision); replaces any extension',
      description: 'Until `until` the body\'s respondent may answer, upload evidence, submit and appeal after the period\'s `deadlines.saq` and `deadlines.appeal` '
        + '(the stages still apply). `until` in the past is a 422 naming `body.until`; `reason` (the decision) is required. Audited; honours If-Match (the participant\'s version).',
      params: ParticipantParams, body: ExtensionPut, response: responses({ 200: Extension }),
      // OpenAPI: the ETag header of the 200 (http/openapi-responses.ts)
      'x-etag': 'the participant\'s new version: send it in If-Match of the next write to this participant',
    },
  }, async (request, reply) => {
    const { extension, version } = await putExtension(request.work, request.params, request.body);
    reply.header('etag', etag(version));
    return extension;
  });

  app.delete('/periods/:periodId/participants/:bodyId/extension', {
    config: { permission: 'participants:write' },
    schema: {
      operationId: 'deleteExtension', tags: ['participants'], summary: 'Remove the body\'s deadline extension (404 when it has none); audited',
      params: ParticipantParams, response: responses({ 204: NoContent }),
    },
  }, async (request, reply) => {
    await deleteExtension(request.work, request.params);
    reply.code(204);
    return null;
  });
}
