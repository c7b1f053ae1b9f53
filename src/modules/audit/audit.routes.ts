// The audit log of my commission (admin): who changed what, when, from what to what, and why.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ctx } from '../../http/context.ts';
import { ListOf, responses } from '../../http/schemas.ts';
import { AuditEvent, AuditListQuery } from './audit.schemas.ts';
import { listAuditEvents } from './audit.service.ts';

export default function auditRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps.database;

  app.get('/audit-events', {
    config: { permission: 'audit:read' },
    schema: {
      operationId: 'listAuditEvents', tags: ['audit'], summary: 'The audit log of my commission, newest first',
      description: 'Every write records its actor, the changed fields before and after, the request id and the reason '
        + '(X-Audit-Reason), in the transaction of the write. Audit events are append-only: the database refuses to change or delete them.',
      querystring: AuditListQuery, response: responses({ 200: ListOf(AuditEvent) }),
    },
  }, async (request) => listAuditEvents(db, ctx(request), request.query));
}
