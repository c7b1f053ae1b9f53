// Integration API keys of my commission (admin): list, create (secret shown once), revoke.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { refuseReplay } from '../../http/auth.ts';
import { ctx } from '../../http/context.ts';
import { ListOf, NoContent, responses } from '../../http/schemas.ts';
import { ApiKey, ApiKeyCreate, ApiKeyCreated, ApiKeyListQuery, ApiKeyParams } from './api-keys.schemas.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.ts';
import { t } from '../../i18n/message.ts';

export default function apiKeysRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps.database;

  app.get('/api-keys', {
    config: { permission: 'api-keys:manage' },
    schema: {
      operationId: 'listApiKeys', tags: ['api-keys'], summary: 'List my commission\'s API keys, newest first (never the secrets)',
      querystring: ApiKeyListQuery, response: responses({ 200: ListOf(ApiKey) }),
    },
  }, async (request) => listApiKeys(db, ctx(request), request.query));

  app.post('/api-keys', {
    config: { permission: 'api-keys:manage' },
    schema: {
      operationId: 'createApiKey', tags: ['api-keys'], summary: 'Create an API key for an integration; the secret is in this response only',
      description: 'Use it as `Authorization: Bearer kip_...`. It acts in my commission with exactly the given scopes, '
        + 'a subset of what an admin may delegate (identity management is never delegated). '
        + 'An `Idempotency-Key` is refused (400): a replay would need the secret stored.',
      body: ApiKeyCreate, response: responses({ 201: ApiKeyCreated }),
    },
  }, async (request, reply) => {
    refuseReplay(request, t`Creating an API key`);
    const created = await createApiKey(request.work, request.body);
    reply.code(201).header('location', `/api/v1/api-keys/${created.id}`).header('cache-control', 'no-store');
    return created;
  });

  app.delete('/api-keys/:keyId', {
    config: { permission: 'api-keys:manage' },
    schema: {
      operationId: 'revokeApiKey', tags: ['api-keys'], summary: 'Revoke an API key: it stops working at once (idempotent)',
      params: ApiKeyParams, response: responses({ 204: NoContent }),
    },
  }, async (request, reply) => {
    await revokeApiKey(request.work, request.params.keyId);
    reply.code(204);
    return null;
  });
}
