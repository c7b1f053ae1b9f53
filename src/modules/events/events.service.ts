// The event feed: a commission's events, oldest first, for integrations that poll instead of
// receiving webhooks. Ids of one commission become visible in order (events.repo.insertEvents), so
// a cursor on the id never skips an event that commits late.
import type { Db } from '../../db/client.ts';
import type { RequestContext } from '../../http/context.ts';
import { decodeCursor, encodeCursor } from '../../http/pagination.ts';
import { invalid, Problem } from '../../http/problems.ts';
import { eventsPage, type EventRow } from './events.repo.ts';
import type { EventFeedQuery } from './events.schemas.ts';
import { EVENT_TYPES, publicEventId, type EventType } from './types.ts';
import { t } from '../../i18n/message.ts';

export function toEventDto(e: EventRow) {
  return { id: publicEventId(e.id), type: e.type as EventType, timestamp: e.createdAt.toISOString(), data: e.data };
}

function typesOf(list: string | undefined): EventType[] | null {
  if (list === undefined || list.trim() === '') return null;
  const names = [...new Set(list.split(',').map((t) => t.trim()).filter((t) => t !== ''))];
  const unknown = names.filter((t) => !(EVENT_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0) {
    throw invalid(t`Unknown event types: ${unknown.join(', ')}`, [{ path: 'querystring.types', message: t`must be a comma-separated list of: ${EVENT_TYPES.join(', ')}` }]);
  }
  return names as EventType[];
}

export async function eventFeed(db: Db, c: RequestContext, query: EventFeedQuery) {
  const limit = query.limit ?? 100;
  const cursor = decodeCursor(query.after, 1);
  const afterId = cursor ? cursor[0] : null;
  if (afterId !== null && !(Number.isSafeInteger(afterId) && (afterId as number) >= 0)) {
    throw new Problem('validation_failed', t`The cursor is not valid; use the nextCursor of a previous page`, { errors: [{ path: 'querystring.after', message: t`is not valid` }] });
  }
  const rows = await eventsPage(db, c.commissionId, { afterId: afterId as number | null, types: typesOf(query.types), limit: limit + 1 });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(toEventDto),
    nextCursor: last ? encodeCursor([last.id]) : (query.after ?? null),
    hasMore: rows.length > limit,
  };
}
