// The webhooks area as the rest of the application sees it: the unit of work queues the deliveries
// of the events it writes, in their transaction (a delivery exists iff its event does); app.ts runs
// the dispatcher.
export { insertDeliveries as queueDeliveries } from './webhooks.repo.ts';
export { WebhookDispatcher, type Clock, type DispatcherOptions } from './dispatcher.ts';
export type { Answer, Outgoing, Sender } from './sender.ts';
