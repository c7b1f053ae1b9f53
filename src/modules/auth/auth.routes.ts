// Logging in (public) and who am I.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { assignments, commissions, participants } from '../../db/schema.ts';
import { Problem } from '../../http/problems.ts';
import { Nullable, responses, Uuid } from '../../http/schemas.ts';
import { checkCredentials } from './auth.service.ts';

const TokenRequest = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 200, examples: ['admin.banten'] }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
}, { additionalProperties: false });

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

export default async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.post('/auth/token', {
    config: { permission: 'public' },
    schema: {
      tags: ['auth'], summary: 'Log in: exchange a username and password for a short-lived JWT', security: [],
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
    schema: { tags: ['auth'], summary: 'Who am I: my commission, role and assignments', response: responses({ 200: Me }) },
  }, async (request) => {
    const p = request.principal;
    if (!p) throw new Problem('unauthenticated', 'Authentication required');
    const { db } = app.deps.database;
    const [commission] = p.commissionId
      ? await db.select({ id: commissions.id, name: commissions.name, level: commissions.level }).from(commissions).where(eq(commissions.id, p.commissionId))
      : [];
    const mine = p.kind === 'user'
      ? await db.select({ periodId: participants.periodId, bodyId: participants.bodyId, role: assignments.role })
        .from(assignments).innerJoin(participants, eq(participants.id, assignments.participantId))
        .where(eq(assignments.userId, p.id))
      : [];
    return {
      kind: p.kind, id: p.id, username: p.username, role: p.kind === 'api_key' ? 'api_key' : p.role, commission: commission ?? null,
      bodyId: p.bodyId, scopes: [...p.scopes].sort(), assignments: mine,
    };
  });
}

