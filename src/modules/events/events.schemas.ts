// TypeBox shapes of the event feed.
import { Type, type Static } from 'typebox';
import { MAX_LIMIT } from '../../http/pagination.ts';
import { Nullable, Timestamp } from '../../http/schemas.ts';
import { EVENT_TYPES } from './types.ts';

export const EventTypeName = Type.Enum([...EVENT_TYPES], { $id: 'EventType', description: 'what happened', examples: ['submission.submitted'] });

export const Event = Type.Object({
  id: Type.String({ pattern: '^evt_[0-9]+$', description: 'the event\'s id; deliveries send it as `webhook-id`', examples: ['evt_1042'] }),
  type: EventTypeName,
  timestamp: Timestamp,
  data: Type.Record(Type.String(), Type.Unknown(), {
    description: 'the ids the event concerns (`commissionId`, `periodId`, and `bodyId`, `version`… where they apply) and the new state',
    examples: [{ commissionId: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f', periodId: '0b9e8d7c-6a5b-4c3d-9e2f-1a0b9c8d7e6f', bodyId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f', status: 'submitted', submittedAt: '2025-06-30T09:15:00.000Z' }],
  }),
}, { $id: 'Event' });

export const EventPage = Type.Object({
  items: Type.Array(Event),
  nextCursor: Nullable(Type.String({ description: 'pass as `after` to continue; present even when you are caught up, so you can poll with it' })),
  hasMore: Type.Boolean({ description: 'false: no later event matched when this page was read' }),
}, { $id: 'EventPage' });

export const EventFeedQuery = Type.Object({
  after: Type.Optional(Type.String({ description: 'opaque; the nextCursor of the previous page (absent: from the oldest event kept)' })),
  types: Type.Optional(Type.String({ description: `comma-separated event types (any of: ${EVENT_TYPES.join(', ')})`, examples: ['result_set.published,period.stage_changed'] })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: 100 })),
}, { $id: 'EventFeedQuery', additionalProperties: false });
export type EventFeedQuery = Static<typeof EventFeedQuery>;
