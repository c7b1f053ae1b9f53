// Rows for the event feed and webhooks. The matrix app delivers nothing (WEBHOOK_DELIVERY=false in
// matrix.test.ts), so the webhooks here may point at a documentation address.
import { client, expectStatus } from '../../helpers/client.ts';
import type { World } from '../world.ts';
import type { MatrixRow } from './types.ts';

const URL_ = 'https://203.0.113.10/kip-webhook';

async function webhook(w: World, events = ['result_set.published']): Promise<string> {
  return expectStatus(await client(w.app, w.a.users.admin.token).post('/webhooks', { url: URL_, events }), 201).json().id;
}

const memo = new WeakMap<World, Promise<{ webhookId: string; deliveryId: string }>>();

/** One webhook of commission A per world with one delivery: it hears a stage change of a fresh period. */
function withDelivery(w: World) {
  let shared = memo.get(w);
  if (!shared) {
    shared = (async () => {
      const webhookId = await webhook(w, ['period.stage_changed']);
      await w.period(w.a, { stage: 'saq' });
      const [delivery] = expectStatus(await client(w.app, w.a.users.admin.token).get(`/webhooks/${webhookId}/deliveries`), 200).json().items;
      return { webhookId, deliveryId: delivery.id as string };
    })();
    memo.set(w, shared);
  }
  return shared;
}

const managers = { admin: 200, apiKey: 200, otherAdmin: 404 };

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/events',
    request: () => ({ url: '/api/v1/events' }),
    allow: { admin: 200, viewer: 200, apiKey: 200, otherAdmin: 200 },
    note: 'the other admin reads its own commission\'s events (test/integrations/events.test.ts)',
  },
  {
    route: 'GET /api/v1/webhooks',
    request: () => ({ url: '/api/v1/webhooks' }),
    allow: { admin: 200, apiKey: 200, otherAdmin: 200 },
  },
  {
    route: 'POST /api/v1/webhooks',
    request: () => ({ url: '/api/v1/webhooks', payload: { url: URL_, events: ['result_set.published'], description: 'Portal PPID' } }),
    allow: { admin: 201, apiKey: 201, otherAdmin: 201 },
    note: 'the other admin subscribes its own commission',
  },
  {
    route: 'GET /api/v1/webhooks/:webhookId',
    request: async (w) => ({ url: `/api/v1/webhooks/${(await withDelivery(w)).webhookId}` }),
    allow: managers,
  },
  {
    route: 'PATCH /api/v1/webhooks/:webhookId',
    request: async (w) => ({ url: `/api/v1/webhooks/${(await withDelivery(w)).webhookId}`, payload: { description: 'Portal PPID Provinsi' } }),
    allow: managers,
  },
  {
    route: 'DELETE /api/v1/webhooks/:webhookId',
    request: async (w) => ({ url: `/api/v1/webhooks/${await webhook(w)}` }),
    allow: { admin: 204, apiKey: 204, otherAdmin: 404 },
  },
  {
    route: 'GET /api/v1/webhooks/:webhookId/deliveries',
    request: async (w) => ({ url: `/api/v1/webhooks/${(await withDelivery(w)).webhookId}/deliveries` }),
    allow: managers,
  },
  {
    route: 'POST /api/v1/webhooks/:webhookId/deliveries/:deliveryId/retry',
    request: async (w) => {
      const { webhookId, deliveryId } = await withDelivery(w);
      return { url: `/api/v1/webhooks/${webhookId}/deliveries/${deliveryId}/retry` };
    },
    allow: { admin: 202, apiKey: 202, otherAdmin: 404 },
  },
];
