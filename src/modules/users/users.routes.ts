// Users of my commission (admin): list, create, read, change, disable.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { refuseReplay } from '../../http/auth.ts';
import { ctx } from '../../http/context.ts';
import { ListOf, NoContent, responses } from '../../http/schemas.ts';
import { etag } from '../../http/versioning.ts';
import { User, UserCreate, UserListQuery, UserParams, UserUpdate } from './users.schemas.ts';
import { createUser, disableUser, getUser, listUsers, updateUser } from './users.service.ts';
import { t } from '../../i18n/message.ts';

export default function usersRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps.database;

  app.get('/users', {
    config: { permission: 'users:manage' },
    schema: {
      operationId: 'listUsers', tags: ['users'], summary: 'List the users of my commission, by username',
      querystring: UserListQuery, response: responses({ 200: ListOf(User) }),
    },
  }, async (request) => listUsers(db, ctx(request), request.query));

  app.post('/users', {
    config: { permission: 'users:manage' },
    schema: {
      operationId: 'createUser', tags: ['users'], summary: 'Create a user of my commission',
      description: 'A `respondent` needs the `bodyId` of a body of my commission; other roles have none (422). '
        + 'Usernames are unique across the platform (409). An `Idempotency-Key` is refused (400): the body carries a password.',
      body: UserCreate, response: responses({ 201: User }),
    },
  }, async (request, reply) => {
    refuseReplay(request, t`Creating a user`);
    const user = await createUser(request.work, request.body);
    reply.code(201).header('etag', etag(user.version)).header('location', `/api/v1/users/${user.id}`);
    return user;
  });

  app.get('/users/:userId', {
    config: { permission: 'users:manage' },
    schema: { operationId: 'getUser', tags: ['users'], summary: 'A user of my commission', params: UserParams, response: responses({ 200: User }) },
  }, async (request, reply) => {
    const user = await getUser(db, ctx(request), request.params.userId);
    return reply.header('etag', etag(user.version)).send(user);
  });

  app.patch('/users/:userId', {
    config: { permission: 'users:manage' },
    schema: {
      operationId: 'updateUser', tags: ['users'], summary: 'Change a user: role, body, display name, password, active; honours If-Match',
      description: '`active: false` disables the account and its tokens stop working; a new `password` ends the tokens issued before it. You cannot change your own role or disable yourself (409).',
      params: UserParams, body: UserUpdate, response: responses({ 200: User }),
    },
  }, async (request, reply) => {
    const user = await updateUser(request.work, request.params.userId, request.body);
    reply.header('etag', etag(user.version));
    return user;
  });

  app.delete('/users/:userId', {
    config: { permission: 'users:manage' },
    schema: {
      operationId: 'disableUser', tags: ['users'], summary: 'Disable a user (users are never erased: the audit log names them)',
      description: 'Idempotent. The account can no longer log in and its tokens stop working at once. Re-enable with PATCH `active: true`.',
      params: UserParams, response: responses({ 204: NoContent }),
    },
  }, async (request, reply) => {
    await disableUser(request.work, request.params.userId);
    reply.code(204);
    return null;
  });
}
