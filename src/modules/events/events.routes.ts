// The event feed of my commission (admin, viewer, API keys with events:read).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ctx } from '../../http/context.ts';
import { responses } from '../../http/schemas.ts';
import { EventFeedQuery, EventPage } from './events.schemas.ts';
import { eventFeed } from './events.service.ts';

export default function eventsRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps.database;

  app.get('/events', {
    config: { permission: 'events:read' },
    schema: {
      operationId: 'listEvents', tags: ['events'], summary: 'The events of my commission, oldest first (the ones webhooks send)',
      description: 'Poll with `after=<nextCursor>`: `nextCursor` is present even when there is nothing newer yet, and '
        + '`hasMore` says whether to ask again at once. Filter with `types=a,b`. Events are kept at least 90 days.',
      querystring: EventFeedQuery, response: responses({ 200: EventPage }),
    },
  }, async (request) => eventFeed(db, ctx(request), request.query));
}
