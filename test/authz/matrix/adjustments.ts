// Rows for a participant's adjustments (docs/scoring.md §5): the commission's admins and keys record and
// withdraw them in deliberation; every reader of the participant lists them.
import { randomUUID } from 'node:crypto';
import { adjustments } from '../../../src/db/schema.ts';
import type { World } from '../world.ts';
import type { Actor, MatrixRow } from './types.ts';

/** scores:read: every role of the commission sees the world's participant */
const READERS = { admin: 200, viewer: 200, apiKey: 200, assessor: 200, juror: 200, respondent: 200, otherAdmin: 404 } as const;
const WRITERS: Actor[] = ['admin', 'apiKey'];

const base = (periodId: string, bodyId: string) => `/api/v1/periods/${periodId}/participants/${bodyId}`;

/** A fresh period in deliberation allowing adjustments for a writer; the world's participant for the others. */
async function target(w: World, actor: Actor) {
  if (!WRITERS.includes(actor)) return { participantId: w.a.participantId, url: base(w.a.periodId, w.a.bodyId) };
  const p = await w.period(w.a, { stage: 'deliberation', submitted: true, scoring: { maxAdjustment: 5 } });
  return { participantId: p.participantId, url: base(p.periodId, w.a.bodyId) };
}

export const rows: MatrixRow[] = [
  {
    route: 'GET /api/v1/periods/:periodId/participants/:bodyId/adjustments',
    request: (w) => ({ url: `${base(w.a.periodId, w.a.bodyId)}/adjustments` }),
    allow: READERS,
  },
  {
    route: 'POST /api/v1/periods/:periodId/participants/:bodyId/adjustments',
    request: async (w, actor) => ({
      url: `${(await target(w, actor)).url}/adjustments`,
      payload: { points: 2, reason: 'Kepala badan publik hadir langsung pada presentasi' },
    }),
    allow: { admin: 201, apiKey: 201, otherAdmin: 404 },
  },
  {
    route: 'DELETE /api/v1/periods/:periodId/participants/:bodyId/adjustments/:adjustmentId',
    request: async (w, actor) => {
      const t = await target(w, actor);
      let id: string = randomUUID();
      if (WRITERS.includes(actor)) {
        const [row] = await w.db.insert(adjustments).values({ participantId: t.participantId, points: '2', reason: 'nilai plus' }).returning();
        id = row!.id;
      }
      return { url: `${t.url}/adjustments/${id}`, headers: { 'x-audit-reason': 'Dicatat pada peserta yang salah' } };
    },
    allow: { admin: 204, apiKey: 204, otherAdmin: 404 },
  },
];
