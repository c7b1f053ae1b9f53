// Adjustments of a participant (docs/scoring.md §5): plenary bonus or penalty points, recorded by the
// commission's admin in deliberation; listed for the participant's readers.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ctx } from '../../http/context.ts';
import { NoContent, responses } from '../../http/schemas.ts';
import { Adjustment, AdjustmentCreate, AdjustmentList, AdjustmentParams, ParticipantParams } from './adjustments.schemas.ts';
import { createAdjustment, listAdjustments, removeAdjustment } from './adjustments.service.ts';

const P = '/periods/:periodId/participants/:bodyId/adjustments';
const tags = ['adjustments'];
const AuditReason = Type.Object({ 'x-audit-reason': Type.Optional(Type.String({ description: 'why the adjustment is withdrawn: required (422 reason_required without it)' })) });

export default function adjustmentsRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps.database;

  app.get(P, {
    config: { permission: 'scores:read' },
    schema: { operationId: 'listAdjustments', tags, summary: 'A participant\'s adjustments (nilai plus), oldest first', params: ParticipantParams, response: responses({ 200: AdjustmentList }) },
  }, async (request) => listAdjustments(db, ctx(request), request.params));

  app.post(P, {
    config: { permission: 'adjustments:write' },
    schema: {
      operationId: 'createAdjustment', tags, summary: 'Record an adjustment: plenary bonus or penalty points (admin, stage deliberation)',
      description: 'Points are a non-zero decimal; Σ|points| of the participant may not exceed the period\'s `maxAdjustment` '
        + '(0 allows none): 422 naming `body.points`. The final score of a complete participant becomes '
        + 'min(100, max(0, base + Σ points)) (docs/scoring.md §5); the participant is rescored at once.',
      params: ParticipantParams, body: AdjustmentCreate, response: responses({ 201: Adjustment }),
    },
  }, async (request, reply) => {
    const adjustment = await createAdjustment(request.work, request.params, request.body);
    reply.code(201).header('location', `/api/v1/periods/${request.params.periodId}/participants/${request.params.bodyId}/adjustments/${adjustment.id}`);
    return adjustment;
  });

  app.delete(`${P}/:adjustmentId`, {
    config: { permission: 'adjustments:write' },
    schema: {
      operationId: 'withdrawAdjustment', tags, summary: 'Withdraw an adjustment (admin, stage deliberation, X-Audit-Reason required)',
      params: AdjustmentParams, headers: AuditReason, response: responses({ 204: NoContent }),
    },
  }, async (request, reply) => {
    await removeAdjustment(request.work, request.params);
    reply.code(204);
    return null;
  });
}
