// The SQL of adjustments (docs/scoring.md §5): a participant's list, one adjustment, insert and delete.
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { adjustments, participants } from '../../db/schema.ts';
import { rankingsShownChanged } from '../periods/index.ts';

export type AdjustmentRow = typeof adjustments.$inferSelect;

/** A participant's adjustments, oldest first (the order the scoring inputs list them in). */
export async function adjustmentRows(db: Executor, participantId: string): Promise<AdjustmentRow[]> {
  return db.select().from(adjustments).where(eq(adjustments.participantId, participantId)).orderBy(asc(adjustments.createdAt), asc(adjustments.id));
}

export async function findAdjustment(db: Executor, participantId: string, id: string): Promise<AdjustmentRow | null> {
  const [row] = await db.select().from(adjustments).where(and(eq(adjustments.id, id), eq(adjustments.participantId, participantId)));
  return row ?? null;
}

export async function insertAdjustment(db: Executor, values: { participantId: string; points: string; reason: string; createdBy: string | null }): Promise<AdjustmentRow> {
  const [row] = await db.insert(adjustments).values(values).returning();
  if (!row) throw new Error('insert into adjustments returned no row');
  return row;
}

export async function deleteAdjustment(db: Executor, id: string): Promise<void> {
  await db.delete(adjustments).where(eq(adjustments.id, id));
}

/** The recap shows a participant's adjustment sum, so its period's rankings tag moves with them. */
export async function adjustmentsShownChanged(db: Executor, participantId: string): Promise<void> {
  await rankingsShownChanged(db, eq(participants.id, participantId));
}
