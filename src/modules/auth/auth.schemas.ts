// TypeBox schemas of logging in and who am I.
import { Type } from 'typebox';
import { named, Nullable, Uuid } from '../../http/schemas.ts';

export const TokenRequest = named('TokenRequest', Type.Object({
  username: Type.String({ minLength: 1, maxLength: 200, examples: ['admin.banten'] }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
}, { additionalProperties: false, examples: [{ username: 'admin.banten', password: 'kuda-baterai-staples-benar' }] }));

export const TokenResponse = named('Token', Type.Object({
  accessToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer({ description: 'seconds' }),
}));

export const Me = named('Me', Type.Object({
  kind: Type.Union([Type.Literal('user'), Type.Literal('api_key')]),
  id: Uuid,
  username: Type.String(),
  role: Type.String({ description: 'the user\'s role, or "api_key" for an API key (its scopes say what it may do)', examples: ['admin'] }),
  commission: Nullable(Type.Object({ id: Uuid, name: Type.String(), level: Type.String() })),
  bodyId: Nullable(Uuid),
  scopes: Type.Array(Type.String()),
  assignments: Type.Array(Type.Object({ periodId: Uuid, bodyId: Uuid, role: Type.String() })),
}));
