// `periods.scores_changed_at` is the rankings' version: their ETag and the key of the shared
// standings (results/standings-cache.ts). Scores move it when they are materialised; a body or
// category renamed moves it too, for every period whose rankings show that name.
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { participants, periods } from '../../db/schema.ts';

export async function rankingsShownChanged(db: Executor, participantsMatching: SQL): Promise<void> {
  await db.update(periods).set({ scoresChangedAt: sql`clock_timestamp()` })
    .where(inArray(periods.id, db.selectDistinct({ id: participants.periodId }).from(participants).where(participantsMatching)));
}
