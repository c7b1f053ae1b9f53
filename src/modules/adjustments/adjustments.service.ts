// Adjustments (docs/scoring.md §5): plenary bonus or penalty points of a participant (nilai plus), recorded
// and withdrawn by the commission's admin in stage deliberation, each audited, the participant
// rescored in the same unit of work. Readers of the participant list them.
import type { Db, Executor } from '../../db/client.ts';
import { requireReason, type RequestContext } from '../../http/context.ts';
import { invalid, notFound } from '../../http/problems.ts';
import type { Work } from '../../http/unit-of-work.ts';
import { toDec, validateAdjustments } from '../../scoring/index.ts';
import { iso, participantWrite, type ParticipantIds } from '../assessments/common.ts';
import { loadParticipant } from '../participants/access.ts';
import { assertStage, scoringOf } from '../periods/index.ts';
import { plainText } from '../scores/stored-scores.ts';
import {
  adjustmentRows, adjustmentsShownChanged, deleteAdjustment, findAdjustment, insertAdjustment, type AdjustmentRow,
} from './adjustments.repo.ts';
import type { AdjustmentCreate } from './adjustments.schemas.ts';
import { t } from '../../i18n/message.ts';

export interface AdjustmentDto { id: string; points: number; reason: string; createdAt: string; createdBy: string | null }

export function toAdjustmentDto(row: AdjustmentRow): AdjustmentDto {
  return { id: row.id, points: Number(plainText(row.points)), reason: row.reason, createdAt: iso(row.createdAt) ?? '', createdBy: row.createdBy };
}

/** A participant's adjustments as the API shows them, oldest first. */
export async function adjustmentDtos(db: Executor, participantId: string): Promise<AdjustmentDto[]> {
  return (await adjustmentRows(db, participantId)).map(toAdjustmentDto);
}

export async function listAdjustments(db: Db, c: RequestContext, ids: ParticipantIds) {
  const { participant } = await loadParticipant(db, c, ids.periodId, ids.bodyId);
  return { items: await adjustmentDtos(db, participant.id), nextCursor: null };
}

/**
 * Records an adjustment: stage deliberation only (409), points a non-zero decimal and Σ|points| of
 * the participant within the period's maxAdjustment (422 naming body.points), a reason (422 naming
 * body.reason).
 */
export async function createAdjustment(work: Work, ids: ParticipantIds, body: AdjustmentCreate): Promise<AdjustmentDto> {
  const { result } = await participantWrite(work, ids, async ({ tx, period, participant }) => {
    assertStage(period, ['deliberation'], t`Recording an adjustment`);
    const existing = await adjustmentRows(tx, participant.id);
    const list = [...existing.map((r) => ({ points: plainText(r.points) ?? '0', reason: r.reason })), { points: body.points, reason: body.reason }];
    const issues = validateAdjustments(scoringOf(period), list);
    if (issues.length > 0) {
      throw invalid(t`The adjustment is not valid`, issues.map((i) => ({ path: i.path.endsWith('.reason') ? 'body.reason' : 'body.points', message: i.message })));
    }
    const row = await insertAdjustment(tx, {
      participantId: participant.id, points: toDec(body.points).toFixed(), reason: body.reason.trim(),
      createdBy: work.ctx.principal.kind === 'user' ? work.ctx.principal.id : null,
    });
    const dto = toAdjustmentDto(row);
    await work.audit({ action: 'adjustment.create', entityType: 'adjustment', entityId: row.id, after: { participantId: participant.id, points: row.points, reason: row.reason } });
    await adjustmentsShownChanged(tx, participant.id);
    return dto;
  }, { bump: false, checkIfMatch: false });
  return result;
}

/** Withdraws an adjustment: stage deliberation only, with X-Audit-Reason (422 reason_required). */
export async function removeAdjustment(work: Work, ids: ParticipantIds & { adjustmentId: string }): Promise<void> {
  const reason = requireReason(work, t`Deleting an adjustment`);
  await participantWrite(work, ids, async ({ tx, period, participant }) => {
    const row = await findAdjustment(tx, participant.id, ids.adjustmentId);
    if (!row) throw notFound(t`Adjustment`);
    assertStage(period, ['deliberation'], t`Deleting an adjustment`);
    await deleteAdjustment(tx, row.id);
    await work.audit({
      reason, action: 'adjustment.delete', entityType: 'adjustment', entityId: row.id,
      before: { participantId: participant.id, points: row.points, reason: row.reason },
    });
    await adjustmentsShownChanged(tx, participant.id);
  }, { bump: false, checkIfMatch: false });
}
