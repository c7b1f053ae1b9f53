// Commissions (tenants): the platform superadmin lists, creates (with the first admin), reads, changes.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { refuseReplay } from '../../http/auth.ts';
import { ListOf, responses } from '../../http/schemas.ts';
import { etag } from '../../http/versioning.ts';
import { Commission, CommissionCreate, CommissionCreated, CommissionListQuery, CommissionParams, CommissionUpdate } from './commissions.schemas.ts';
import { createCommission, getCommission, listCommissions, updateCommission } from './commissions.service.ts';
import { t } from '../../i18n/message.ts';

export default function commissionsRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps.database;

  app.get('/commissions', {
    config: { permission: 'commissions:manage' },
    schema: { operationId: 'listCommissions', tags: ['commissions'], summary: 'List the commissions (tenants), by name', querystring: CommissionListQuery, response: responses({ 200: ListOf(Commission) }) },
  }, async (request) => listCommissions(db, request.query));

  app.post('/commissions', {
    config: { permission: 'commissions:manage' },
    schema: {
      operationId: 'createCommission', tags: ['commissions'], summary: 'Create a commission and its first admin, in one transaction',
      description: 'The admin\'s username must be unused across the platform (409 otherwise, and nothing is created). '
        + 'An `Idempotency-Key` is refused (400): the body carries a password.',
      body: CommissionCreate, response: responses({ 201: CommissionCreated }),
    },
  }, async (request, reply) => {
    refuseReplay(request, t`Creating a commission and its admin`);
    const created = await createCommission(request.work, request.body);
    reply.code(201).header('etag', etag(created.version)).header('location', `/api/v1/commissions/${created.id}`);
    return created;
  });

  app.get('/commissions/:commissionId', {
    config: { permission: 'commissions:manage' },
    schema: { operationId: 'getCommission', tags: ['commissions'], summary: 'A commission', params: CommissionParams, response: responses({ 200: Commission }) },
  }, async (request, reply) => {
    const commission = await getCommission(db, request.params.commissionId);
    return reply.header('etag', etag(commission.version)).send(commission);
  });

  app.patch('/commissions/:commissionId', {
    config: { permission: 'commissions:manage' },
    schema: {
      operationId: 'updateCommission', tags: ['commissions'], summary: 'Change a commission\'s name, level or region; honours If-Match',
      params: CommissionParams, body: CommissionUpdate, response: responses({ 200: Commission }),
    },
  }, async (request, reply) => {
    const commission = await updateCommission(request.work, request.params.commissionId, request.body);
    reply.header('etag', etag(commission.version));
    return commission;
  });
}
