// Logging in (public) and who am I.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { responses } from '../../http/schemas.ts';
import { Me, TokenRequest, TokenResponse } from './auth.schemas.ts';
import { checkCredentials, whoAmI } from './auth.service.ts';

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

