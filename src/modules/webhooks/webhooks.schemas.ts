// TypeBox shapes of webhook subscriptions and their delivery log.
import { Type, type Static } from 'typebox';
import { ListQuery, Nullable, Timestamp, Uuid } from '../../http/schemas.ts';
import { EVENT_TYPES } from '../events/index.ts';

const EventTypeName = Type.Enum([...EVENT_TYPES], { examples: ['result_set.published'] });
const Url = Type.String({ minLength: 1, maxLength: 2000, description: 'https; plain http and private addresses only with WEBHOOK_ALLOW_PRIVATE=true', examples: ['https://sipkip.bantenprov.go.id/hooks/monev'] });
const Events = Type.Array(EventTypeName, { minItems: 1, uniqueItems: true, description: `the event types to send: ${EVENT_TYPES.join(', ')}`, examples: [['result_set.published', 'period.stage_changed']] });
const Description = Type.String({ maxLength: 500, examples: ['Portal PPID Provinsi Banten: pengumuman hasil monev'] });
const Secret = Type.String({
  pattern: '^whsec_', description: 'the signing secret (Standard Webhooks): shown only in this response',
  examples: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw7xgN3cS2Rnw='],
});

export const WebhookCreate = Type.Object({
  url: Url,
  events: Events,
  description: Type.Optional(Description),
}, {
  $id: 'WebhookCreate', additionalProperties: false,
  examples: [{ url: 'https://sipkip.bantenprov.go.id/hooks/monev', events: ['result_set.published'], description: 'Portal PPID Provinsi Banten: pengumuman hasil monev' }],
});
export type WebhookCreate = Static<typeof WebhookCreate>;

export const WebhookUpdate = Type.Object({
  url: Type.Optional(Url),
  events: Type.Optional(Events),
  description: Type.Optional(Nullable(Description)),
  enabled: Type.Optional(Type.Boolean({ description: 'false pauses deliveries (they wait); true resumes them and clears a disabled state' })),
  rotateSecret: Type.Optional(Type.Boolean({ description: 'true: a new secret, returned once; for 24 hours deliveries carry signatures with both' })),
}, {
  $id: 'WebhookUpdate', additionalProperties: false, minProperties: 1,
  examples: [{ rotateSecret: true }, { events: ['result_set.published', 'result_set.created'], enabled: true }],
});
export type WebhookUpdate = Static<typeof WebhookUpdate>;

export const Webhook = Type.Object({
  id: Uuid,
  url: Type.String(),
  events: Type.Array(EventTypeName),
  description: Nullable(Type.String()),
  enabled: Type.Boolean(),
  disabledAt: Nullable(Timestamp),
  disabledReason: Nullable(Type.String({ examples: ['every delivery failed for 3 days'] })),
  failingSince: Nullable(Timestamp),
  previousSecretExpiresAt: Nullable(Timestamp),
  createdBy: Nullable(Uuid),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Type.Integer(),
}, { $id: 'Webhook' });

export const WebhookCreated = Type.Object({ ...Webhook.properties, secret: Secret }, { $id: 'WebhookCreated' });
export const WebhookChanged = Type.Object({ ...Webhook.properties, secret: Type.Optional(Secret) }, { $id: 'WebhookChanged' });

export const WebhookParams = Type.Object({ webhookId: Uuid });
export const DeliveryParams = Type.Object({ webhookId: Uuid, deliveryId: Uuid });

export const WebhookListQuery = Type.Object({ ...ListQuery }, { additionalProperties: false });
export type WebhookListQuery = Static<typeof WebhookListQuery>;

export const DeliveryStatus = Type.Enum(['pending', 'sending', 'succeeded', 'failed'], {
  description: 'pending: waiting for its (next) attempt; sending: an attempt is under way; succeeded: a 2xx answer; failed: given up after 24 hours of retries',
});

export const DeliveryListQuery = Type.Object({ ...ListQuery, status: Type.Optional(DeliveryStatus) }, { additionalProperties: false });
export type DeliveryListQuery = Static<typeof DeliveryListQuery>;

export const WebhookDelivery = Type.Object({
  id: Uuid,
  eventId: Type.String({ description: 'the event\'s id, sent as `webhook-id`', examples: ['evt_1042'] }),
  type: EventTypeName,
  status: DeliveryStatus,
  attempts: Type.Integer({ description: 'attempts made so far' }),
  nextAttemptAt: Nullable(Timestamp),
  createdAt: Timestamp,
  lastAttempt: Nullable(Type.Object({
    at: Timestamp,
    statusCode: Nullable(Type.Integer({ description: 'the receiver\'s HTTP status; null when no answer came' })),
    durationMs: Nullable(Type.Integer()),
    response: Nullable(Type.String({ description: 'the first 1 KiB of the receiver\'s answer' })),
    error: Nullable(Type.String({ description: 'why no answer came', examples: ['no answer within 10 s'] })),
  })),
}, { $id: 'WebhookDelivery' });
