// Webhook subscriptions of my commission and their delivery log (admin; API keys with webhooks:manage).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { refuseReplay } from '../../http/auth.ts';
import { ctx } from '../../http/context.ts';
import { ListOf, NoContent, responses } from '../../http/schemas.ts';
import { etag } from '../../http/versioning.ts';
import {
  DeliveryListQuery, DeliveryParams, Webhook, WebhookChanged, WebhookCreate, WebhookCreated, WebhookDelivery, WebhookListQuery, WebhookParams, WebhookUpdate,
} from './webhooks.schemas.ts';
import {
  assertWebhookUrl, createWebhook, deleteWebhook, getWebhook, listDeliveries, listWebhooks, retryDelivery, updateWebhook,
} from './webhooks.service.ts';
import { t } from '../../i18n/message.ts';

const SSRF_NOTE = 'The URL must be https and resolve to public addresses only: loopback, private (RFC 1918, fc00::/7), link-local, '
  + 'shared (100.64.0.0/10), unspecified and cloud metadata addresses are refused (422). `WEBHOOK_ALLOW_PRIVATE=true` '
  + 'allows plain http and private addresses (on-premises receivers), never the metadata and unspecified ones.';

export default function webhooksRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps.database;
  const { allowPrivate } = app.deps.config.webhooks;

  app.get('/webhooks', {
    config: { permission: 'webhooks:manage' },
    schema: {
      operationId: 'listWebhooks', tags: ['webhooks'], summary: 'List my commission\'s webhooks, newest first (never the secrets)',
      querystring: WebhookListQuery, response: responses({ 200: ListOf(Webhook) }),
    },
  }, async (request) => listWebhooks(db, ctx(request), request.query));

  app.post('/webhooks', {
    config: { permission: 'webhooks:manage' },
    schema: {
      operationId: 'createWebhook', tags: ['webhooks'], summary: 'Subscribe an endpoint to events; the signing secret is in this response only',
      description: `${SSRF_NOTE} Deliveries follow Standard Webhooks (docs/api.md, "Webhooks and events"). `
        + 'An `Idempotency-Key` is refused (400): a replay would need the secret stored with the response.',
      body: WebhookCreate, response: responses({ 201: WebhookCreated }),
    },
    // the URL's host is resolved before the transaction opens
    preHandler: async (request) => {
      refuseReplay(request, t`Creating a webhook`);
      await assertWebhookUrl(request.body.url, allowPrivate);
    },
  }, async (request, reply) => {
    const created = await createWebhook(request.work, request.body);
    reply.code(201).header('etag', etag(created.version)).header('location', `/api/v1/webhooks/${created.id}`).header('cache-control', 'no-store');
    return created;
  });

  app.get('/webhooks/:webhookId', {
    config: { permission: 'webhooks:manage' },
    schema: { operationId: 'getWebhook', tags: ['webhooks'], summary: 'A webhook of my commission', params: WebhookParams, response: responses({ 200: Webhook }) },
  }, async (request, reply) => {
    const webhook = await getWebhook(db, ctx(request), request.params.webhookId);
    return reply.header('etag', etag(webhook.version)).send(webhook);
  });

  app.patch('/webhooks/:webhookId', {
    config: { permission: 'webhooks:manage' },
    schema: {
      operationId: 'updateWebhook', tags: ['webhooks'], summary: 'Change a webhook: URL, events, description, paused or not, a new secret; honours If-Match',
      description: `\`rotateSecret: true\` returns the new secret (once); for 24 hours every delivery carries two signatures, `
        + `one with each secret. \`enabled: true\` resumes a webhook that was paused or disabled after failing. ${SSRF_NOTE}`,
      params: WebhookParams, body: WebhookUpdate, response: responses({ 200: WebhookChanged }),
    },
    preHandler: async (request) => {
      if (request.body.rotateSecret) refuseReplay(request, t`Rotating a webhook secret`);
      if (request.body.url !== undefined) await assertWebhookUrl(request.body.url, allowPrivate);
    },
  }, async (request, reply) => {
    const webhook = await updateWebhook(request.work, request.params.webhookId, request.body);
    reply.header('etag', etag(webhook.version));
    if (webhook.secret) reply.header('cache-control', 'no-store');
    return webhook;
  });

  app.delete('/webhooks/:webhookId', {
    config: { permission: 'webhooks:manage' },
    schema: {
      operationId: 'deleteWebhook', tags: ['webhooks'], summary: 'Delete a webhook and its delivery log; nothing more is sent to it',
      params: WebhookParams, response: responses({ 204: NoContent }),
    },
  }, async (request, reply) => {
    await deleteWebhook(request.work, request.params.webhookId);
    reply.code(204);
    return null;
  });

  app.get('/webhooks/:webhookId/deliveries', {
    config: { permission: 'webhooks:manage' },
    schema: {
      operationId: 'listWebhookDeliveries', tags: ['webhooks'], summary: 'The delivery log of a webhook, newest first',
      description: 'One entry per event sent to the endpoint: its state, attempts, the last attempt\'s answer (status, duration, '
        + 'the first 1 KiB) or error, and when the next attempt is due.',
      params: WebhookParams, querystring: DeliveryListQuery, response: responses({ 200: ListOf(WebhookDelivery) }),
    },
  }, async (request) => listDeliveries(db, ctx(request), request.params.webhookId, request.query));

  app.post('/webhooks/:webhookId/deliveries/:deliveryId/retry', {
    config: { permission: 'webhooks:manage' },
    schema: {
      operationId: 'retryWebhookDelivery', tags: ['webhooks'], summary: 'Send a delivery again now (also one that failed for good or succeeded)',
      description: 'Answers 202: the attempt follows in the background; watch the delivery log. 409 while an attempt is under way '
        + 'or while the webhook is disabled.',
      params: DeliveryParams, response: responses({ 202: WebhookDelivery }),
    },
    // after the commit, so that the dispatcher finds the delivery due
    onResponse: (_request, reply, done) => {
      if (reply.statusCode === 202) app.webhooks.wake();
      done();
    },
  }, async (request, reply) => {
    const delivery = await retryDelivery(request.work, request.params);
    reply.code(202);
    return delivery;
  });
}
