// The domain events other systems may follow (docs/api.md, "Webhooks and events"): their names are
// part of the contract. Each is written in the transaction of the change it reports (outbox.ts).
export const EVENT_TYPES = [
  'period.stage_changed',
  'submission.submitted',
  'submission.reopened',
  'verification.completed',
  'appeal.filed',
  'appeal.resolved',
  'result_set.created',
  'result_set.published',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** The ids an event names (`commissionId` is added by the unit of work) and the new state. */
export type EventData = Record<string, unknown>;

/** An event a write has emitted, waiting for its transaction to write it. */
export interface PendingEvent {
  type: EventType;
  data: EventData;
}

/** The public id of an event: the feed's `id` and every delivery's `webhook-id`. */
export function publicEventId(id: number): string {
  return `evt_${id}`;
}
