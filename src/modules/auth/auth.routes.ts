// Logging in (public) and who am I.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Nullable, responses, Uuid } from '../../http/schemas.ts';
import { checkCredentials, whoAmI } from './auth.service.ts';

const TokenRequest = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 200, examples: ['admin.banten'] }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
}, { additionalProperties: false, examples: [{ username: 'admin.banten', password: 'kuda-baterai-staples-benar' }] });

const TokenResponse = Type.Object({
  accessToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer({ description: 'seconds' }),
});

const Me = Type.Object({
  kind: Type.Union([Type.Literal('user'), Type.Literal('api_key')]),
  id: Uuid,
  username: Type.String(),
  role: Type.String({ description: 'the user\'s role, or "api_key" for an API key (its scopes say what it may do)', examples: ['admin'] }),
  commission: Nullable(Type.Object({ id: Uuid, name: Type.String(), level: Type.String() })),
  bodyId: Nullable(Uuid),
  scopes: Type.Array(Type.String()),
  assignments: Type.Array(Type.Object({ periodId: Uuid, bodyId: Uuid, role: Type.String() })),
});

export default function authRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post('/auth/token', {
    config: { permission: 'public' },
    schema: {
      operationId: 'createToken', tags: ['auth'], summary: 'Log in: exchange a username and password for a short-lived JWT', security: [],
      body: TokenRequest, response: responses({ 200: TokenResponse }),
    },
  }, async (request) => {
    const { username, password } = request.body;
    const { database, config } = app.deps;
    const user = await checkCredentials(database.db, config, { username, password, address: request.ip });
    const token = await app.tokens.issue(user);
    return { ...token, tokenType: 'Bearer' as const };
  });

  app.get('/me', {
    config: { permission: 'authenticated' },
    schema: { operationId: 'getMe', tags: ['auth'], summary: 'Who am I: my commission, role and assignments', response: responses({ 200: Me }) },
  }, (request) => whoAmI(app.deps.database.db, request.principal));
}

