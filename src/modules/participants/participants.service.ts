// Enrolment of bodies in a period, and the assessors and jurors assigned to each participant.
import type { Db, Executor } from '../../db/client.ts';
import type { RequestContext } from '../../http/context.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { invalid, Problem, wrongStage } from '../../http/problems.ts';
import type { Work } from '../../http/unit-of-work.ts';
import { toScoreNumber, toDec } from '../../scoring/index.ts';
import { assertStage, loadPeriod, type Period } from '../periods/index.ts';
import { rescorePeriod } from '../scores/materialize.ts';
import { loadParticipant, participantScope, type Participant } from './access.ts';
import {
  activeBodiesOfCategory, assignmentsOf, bodyName, categoriesWithQuestionnaire, categoryCodes, commissionBodies, commissionUsers,
  deleteParticipant, enrolledBodyIds, hasAnswers, insertParticipants, isCommissionCategory, listParticipantRows, participantsOfPeriod,
  replaceAssignments, setExtension, type Assigned, type EnrolCandidate,
} from './participants.repo.ts';
import type { Assignments, Enrol, ExtensionPut, ParticipantListQuery } from './participants.schemas.ts';
import { t } from '../../i18n/message.ts';

// kept for the bodies module, whose delete asks the same question

/** The two path parameters that name a participant. */
export interface ParticipantIds { periodId: string; bodyId: string }

function toDto(p: Participant, bodyName: string, assigned: Assigned | undefined) {
  return {
    id: p.id, periodId: p.periodId, bodyId: p.bodyId, bodyName, categoryId: p.categoryId, status: p.status,
    submittedAt: p.submittedAt?.toISOString() ?? null,
    advanced: p.advanced,
    finalScore: p.finalScoreRounded === null ? null : toScoreNumber(toDec(p.finalScoreRounded)),
    bandCode: p.bandCode,
    complete: p.complete,
    extension: extensionOf(p),
    assessorIds: assigned?.assessorIds ?? [],
    jurorIds: assigned?.jurorIds ?? [],
    createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(), version: p.version,
  };
}

function extensionOf(p: Participant): { until: string; reason: string } | null {
  return p.extensionUntil === null ? null : { until: p.extensionUntil.toISOString(), reason: p.extensionReason ?? '' };
}

/**
 * A plenary extension for one body (DKI 2025: the SAQ extended to 3 and 10 October for bodies that
 * had registered or had system problems): its respondent may write after the period's SAQ and
 * appeal deadlines until `until`. Set or replaced by an admin, in any stage but closed; audited.
 */
export async function putExtension(work: Work, ids: ParticipantIds, input: ExtensionPut) {
  const { tx, ctx: c } = work;
  const { period, participant } = await loadParticipant(tx, c, ids.periodId, ids.bodyId, { forUpdate: true });
  if (period.stage === 'closed') throw wrongStage(period.stage, t`A closed period is read-only`);
  work.ifMatch(participant.version);
  const until = new Date(input.until);
  const reason = input.reason.trim();
  const errors = [
    ...(until.getTime() <= Date.now() ? [{ path: 'body.until', message: t`is in the past: an extension gives time from now on` }] : []),
    ...(reason === '' ? [{ path: 'body.reason', message: t`is required: the plenary decision the extension rests on` }] : []),
  ];
  if (errors.length > 0) throw invalid(t`The extension is not valid`, errors);
  const updated = await setExtension(tx, participant, { until, reason });
  const extension = { until: until.toISOString(), reason };
  await work.audit({
    action: 'participant.extension_set', entityType: 'participant', entityId: participant.id, reason,
    before: { extension: extensionOf(participant) }, after: { extension },
  });
  return { extension, version: updated.version };
}

/** Removes the body's extension (404 when it has none); audited. */
export async function deleteExtension(work: Work, ids: ParticipantIds): Promise<void> {
  const { tx, ctx: c } = work;
  const { period, participant } = await loadParticipant(tx, c, ids.periodId, ids.bodyId, { forUpdate: true });
  if (period.stage === 'closed') throw wrongStage(period.stage, t`A closed period is read-only`);
  work.ifMatch(participant.version);
  const before = extensionOf(participant);
  if (before === null) throw new Problem('not_found', t`The participant has no extension`);
  await setExtension(tx, participant, { until: null, reason: null });
  await work.audit({
    action: 'participant.extension_remove', entityType: 'participant', entityId: participant.id, before: { extension: before }, after: { extension: null },
  });
}

export async function listParticipants(db: Db, c: RequestContext, periodId: string, query: ParticipantListQuery) {
  const period = await loadPeriod(db, c, periodId);
  const limit = query.limit ?? 50;
  const cursor = decodeCursor(query.cursor, 2) as [string, string] | null;
  const rows = await listParticipantRows(db, period.id, participantScope(c), {
    categoryId: query.categoryId, status: query.status, q: query.q, assignedTo: query.assignedTo, after: cursor, limit: limit + 1,
  });
  const p = page(rows, limit, (r) => [r.bodyName, r.p.id]);
  const assigned = await assignmentsOf(db, p.items.map((r) => r.p.id));
  return { items: p.items.map((r) => toDto(r.p, r.bodyName, assigned.get(r.p.id))), nextCursor: p.nextCursor };
}

export async function getParticipant(db: Db, c: RequestContext, periodId: string, bodyId: string) {
  const { participant } = await loadParticipant(db, c, periodId, bodyId);
  const name = await bodyName(db, participant.bodyId);
  return toDto(participant, name, (await assignmentsOf(db, [participant.id])).get(participant.id));
}

/** Enrolment is possible while the period is in draft, and late during the SAQ stage. */
export async function enrol(work: Work, periodId: string, input: Enrol) {
  const { tx, ctx: c } = work;
  if ((input.bodyIds === undefined) === (input.categoryId === undefined)) {
    throw invalid(t`Send either "bodyIds" or "categoryId"`, [{ path: 'body', message: t`needs exactly one of bodyIds, categoryId` }]);
  }
  const period = await loadPeriod(tx, c, periodId, { forUpdate: true });
  assertStage(period, ['draft', 'saq'], t`Enrolling bodies`);
  let candidates: EnrolCandidate[];
  if (input.categoryId !== undefined) {
    if (!(await isCommissionCategory(tx, c.commissionId, input.categoryId))) {
      throw invalid(t`The category does not exist`, [{ path: 'body.categoryId', message: t`category not found` }]);
    }
    candidates = await activeBodiesOfCategory(tx, c.commissionId, input.categoryId);
  } else {
    const ids = input.bodyIds ?? [];
    const rows = await commissionBodies(tx, c.commissionId, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const errors = ids.flatMap((id, i) => {
      const body = byId.get(id);
      if (!body) return [{ path: `body.bodyIds[${i}]`, message: t`body ${id} not found` }];
      if (!body.active) return [{ path: `body.bodyIds[${i}]`, message: t`body "${body.name}" is inactive` }];
      return [];
    });
    candidates = rows;
    if (errors.length > 0) throw invalid(t`Some bodies cannot be enrolled`, errors);
  }
  const existing = await enrolledBodyIds(tx, period.id, candidates.map((b) => b.id));
  const fresh = candidates.filter((b) => !existing.has(b.id));
  if (period.stage === 'saq') await assertQuestionnaires(tx, period, [...new Set(fresh.map((b) => b.categoryId))]);
  const created = await insertParticipants(tx, fresh.map((b) => ({
    commissionId: c.commissionId, periodId: period.id, bodyId: b.id, categoryId: b.categoryId,
  })));
  if (created.length > 0) {
    await work.audit({
      action: 'participant.enrol', entityType: 'period', entityId: period.id,
      after: { bodyIds: created.map((p) => p.bodyId), ...(input.categoryId ? { categoryId: input.categoryId } : {}) },
    });
    await rescorePeriod(tx, period.id);
  }
  const names = new Map(candidates.map((b) => [b.id, b.name]));
  // re-read after rescoring, so the response shows the materialised columns
  const createdIds = new Set(created.map((p) => p.id));
  const rescored = created.length > 0
    ? (await participantsOfPeriod(tx, period.id)).filter((p) => createdIds.has(p.id))
    : [];
  const byId = new Map(rescored.map((p) => [p.id, p]));
  return {
    enrolled: created.length,
    alreadyEnrolled: existing.size,
    items: created.map((p) => toDto(byId.get(p.id) ?? p, names.get(p.bodyId) ?? '', undefined))
      .sort((a, b) => a.bodyName.localeCompare(b.bodyName)),
  };
}

async function assertQuestionnaires(tx: Executor, period: Period, categoryIds: string[]) {
  if (categoryIds.length === 0) return;
  const have = await categoriesWithQuestionnaire(tx, period.id, categoryIds);
  const missing = categoryIds.filter((id) => !have.has(id));
  if (missing.length > 0) {
    const codes = await categoryCodes(tx, missing);
    throw wrongStage(period.stage, t`The SAQ is open and categories ${codes.join(', ')} have no questionnaire; late enrolment needs one`);
  }
}

/** Un-enrol: only in draft (nothing has been answered yet). */
export async function withdraw(work: Work, ids: ParticipantIds) {
  const { tx, ctx: c } = work;
  const period = await loadPeriod(tx, c, ids.periodId, { forUpdate: true });
  const { participant } = await loadParticipant(tx, c, period.id, ids.bodyId, { forUpdate: true });
  assertStage(period, ['draft'], t`Withdrawing a participant`);
  if (await hasAnswers(tx, participant.id)) throw new Problem('conflict', t`The participant has answers and cannot be withdrawn`);
  await deleteParticipant(tx, participant.id);
  await work.audit({ action: 'participant.withdraw', entityType: 'participant', entityId: participant.id, before: { periodId: period.id, bodyId: ids.bodyId } });
}

export async function setAssignments(work: Work, ids: ParticipantIds, input: Assignments) {
  const { tx, ctx: c } = work;
  const { period, participant } = await loadParticipant(tx, c, ids.periodId, ids.bodyId, { forUpdate: true });
  if (period.stage === 'closed') throw wrongStage(period.stage, t`A closed period is read-only`);
  const wanted = [
    ...input.assessorIds.map((id, i) => ({ id, role: 'assessor' as const, path: `body.assessorIds[${i}]` })),
    ...input.jurorIds.map((id, i) => ({ id, role: 'juror' as const, path: `body.jurorIds[${i}]` })),
  ];
  const userIds = [...new Set(wanted.map((w) => w.id))];
  const found = await commissionUsers(tx, c.commissionId, userIds);
  const byId = new Map(found.map((u) => [u.id, u]));
  const errors = wanted.flatMap((w) => {
    const u = byId.get(w.id);
    if (!u) return [{ path: w.path, message: t`user ${w.id} not found` }];
    if (!u.active) return [{ path: w.path, message: t`the user is disabled` }];
    if (u.role !== w.role) return [{ path: w.path, message: t`the user's role is ${u.role}, not ${w.role}` }];
    return [];
  });
  if (errors.length > 0) throw invalid(t`Some users cannot be assigned`, errors);
  const before = (await assignmentsOf(tx, [participant.id])).get(participant.id);
  await replaceAssignments(tx, participant.id, wanted.map((w) => ({ userId: w.id, role: w.role })));
  const after = (await assignmentsOf(tx, [participant.id])).get(participant.id) ?? { assessorIds: [], jurorIds: [] };
  await work.audit({
    action: 'participant.assign', entityType: 'participant', entityId: participant.id,
    before: { ...before }, after: { ...after },
  });
  return { participantId: participant.id, bodyId: participant.bodyId, ...after };
}
