// The webhooks area as the rest of the application sees it: the unit of work queues the deliveries
// of the events it writes, in their transaction (a delivery exists iff its event does). app.ts runs
// the dispatcher (dispatcher.ts, delivery.plugin.ts); it is not exported here, so that the unit of
// work, which the dispatcher uses for its audit entries, imports nothing that imports it back.
export { insertDeliveries as queueDeliveries } from './webhooks.repo.ts';
export type { Clock, DispatcherOptions } from './dispatcher.ts';
export type { Answer, Outgoing, Sender } from './sender.ts';
