// TypeBox shapes of integration API keys.
import { Type, type Static } from 'typebox';
import { API_KEY_SCOPES } from '../../http/permissions.ts';
import { ListQuery, named, Nullable, Timestamp, Uuid } from '../../http/schemas.ts';

const ApiKeyScope = Type.Enum([...API_KEY_SCOPES], { examples: ['rankings:read'] });

export const ApiKeyCreate = named('ApiKeyCreate', Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, examples: ['Dasbor Diskominfo'] }),
  scopes: Type.Array(ApiKeyScope, {
    minItems: 1, uniqueItems: true,
    description: `a subset of: ${API_KEY_SCOPES.join(', ')}`,
    examples: [['rankings:read', 'statistics:read']],
  }),
}, { additionalProperties: false, examples: [{ name: 'Dasbor Diskominfo', scopes: ['rankings:read', 'statistics:read'] }] }));
export type ApiKeyCreate = Static<typeof ApiKeyCreate>;

export const ApiKey = named('ApiKey', Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String({ description: 'the first characters of the key, to tell keys apart', examples: ['kip_Xy3v9QaB'] }),
  scopes: Type.Array(Type.String()),
  createdBy: Uuid,
  createdAt: Timestamp,
  lastUsedAt: Nullable(Timestamp),
  revokedAt: Nullable(Timestamp),
}));

export const ApiKeyCreated = named('ApiKeyCreated', Type.Object({
  ...ApiKey.properties,
  key: Type.String({
    description: 'the secret: send it as `Authorization: Bearer <key>`. Shown only in this response; only its SHA-256 is stored.',
    examples: ['kip_Xy3v9QaBn2k8s0dLr4mT7wZc1uE5hJ6pG9fV2bN0qRs'],
  }),
}));

export const ApiKeyParams = Type.Object({ keyId: Uuid });

export const ApiKeyListQuery = Type.Object({
  ...ListQuery,
  revoked: Type.Optional(Type.Boolean({ description: 'true: only revoked keys; false: only usable keys; absent: all' })),
}, { additionalProperties: false });
export type ApiKeyListQuery = Static<typeof ApiKeyListQuery>;
