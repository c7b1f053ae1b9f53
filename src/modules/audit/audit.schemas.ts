// TypeBox shapes of the audit log.
import { Type, type Static } from 'typebox';
import { ListQuery, named, Nullable, Timestamp, Uuid } from '../../http/schemas.ts';

const Changes = Nullable(Type.Record(Type.String(), Type.Unknown(), { description: 'only the fields that changed' }));

export const AuditEvent = named('AuditEvent', Type.Object({
  id: Uuid,
  at: Timestamp,
  actor: Type.Object({
    type: Type.String({ description: 'user, api_key or system', examples: ['user'] }),
    id: Nullable(Uuid),
    name: Nullable(Type.String({ description: 'the username, or the API key\'s name', examples: ['admin.banten'] })),
  }),
  action: Type.String({ examples: ['period.transition'] }),
  entityType: Type.String({ examples: ['period'] }),
  entityId: Nullable(Type.String()),
  before: Changes,
  after: Changes,
  reason: Nullable(Type.String({ description: 'from the X-Audit-Reason header or the request body' })),
  requestId: Nullable(Type.String({ description: 'the X-Request-Id of the write, to find it in the logs' })),
}));

export const AuditListQuery = Type.Object({
  ...ListQuery,
  entity: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'entity type', examples: ['user'] })),
  entityId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  actor: Type.Optional(Type.String({ format: 'uuid', description: 'the id of the user or API key that acted' })),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'exact action, or a prefix ending in ".*"', examples: ['user.*'] })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'at or after this time' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'before this time' })),
}, { additionalProperties: false });
export type AuditListQuery = Static<typeof AuditListQuery>;
