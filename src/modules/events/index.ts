// The events area as the rest of the application sees it.
export { EVENT_TYPES, publicEventId, type EventData, type EventType, type PendingEvent } from './types.ts';
export { deleteEventsBefore, insertEvents, type EventRow } from './events.repo.ts';
