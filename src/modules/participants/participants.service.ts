// Enrolment of bodies in a period, and the assessors and jurors assigned to each participant.
import { and, asc, eq, gt, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { answers, assignments, bodies, categories, participants, questionnaireCategories, users } from '../../db/schema.ts';
import type { RequestContext } from '../../http/context.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { invalid, Problem, wrongStage } from '../../http/problems.ts';
import type { Work } from '../../http/unit-of-work.ts';
import { toScoreNumber, toDec } from '../../scoring/index.ts';
import { containsPattern } from '../bodies/search-name.ts';
import { assertStage, loadPeriod, type Period } from '../periods/index.ts';
import { rescorePeriod } from '../scores/materialize.ts';
import { loadParticipant, type Participant } from './access.ts';
import type { Assignments, Enrol, ParticipantListQuery } from './participants.schemas.ts';

const CHUNK = 1000;

/** The two path parameters that name a participant. */
export interface ParticipantIds { periodId: string; bodyId: string }

async function assignmentsOf(db: Executor, participantIds: string[]) {
  const map = new Map<string, { assessorIds: string[]; jurorIds: string[] }>(participantIds.map((id) => [id, { assessorIds: [], jurorIds: [] }]));
  for (let i = 0; i < participantIds.length; i += CHUNK) {
    const rows = await db.select().from(assignments).where(inArray(assignments.participantId, participantIds.slice(i, i + CHUNK)))
      .orderBy(assignments.userId);
    for (const r of rows) map.get(r.participantId)?.[r.role === 'assessor' ? 'assessorIds' : 'jurorIds'].push(r.userId);
  }
  return map;
}

function toDto(p: Participant, bodyName: string, assigned: { assessorIds: string[]; jurorIds: string[] } | undefined) {
  return {
    id: p.id, periodId: p.periodId, bodyId: p.bodyId, bodyName, categoryId: p.categoryId, status: p.status,
    submittedAt: p.submittedAt?.toISOString() ?? null,
    advanced: p.advanced,
    finalScore: p.finalScoreRounded === null ? null : toScoreNumber(toDec(p.finalScoreRounded)),
    bandCode: p.bandCode,
    complete: p.complete,
    assessorIds: assigned?.assessorIds ?? [],
    jurorIds: assigned?.jurorIds ?? [],
    createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(), version: p.version,
  };
}

/** Which participants the caller may list: all for admins, viewers and keys; assigned ones; own body. */
function visibility(db: Executor, c: RequestContext) {
  const { role, kind, id, bodyId } = c.principal;
  if (kind === 'api_key' || role === 'admin' || role === 'viewer') return undefined;
  if (role === 'respondent') return bodyId ? eq(participants.bodyId, bodyId) : sql`false`;
  if (role === 'assessor' || role === 'juror') {
    return inArray(participants.id, db.select({ id: assignments.participantId }).from(assignments)
      .where(and(eq(assignments.userId, id), eq(assignments.role, role))));
  }
  return sql`false`;
}

export async function listParticipants(db: Db, c: RequestContext, periodId: string, query: ParticipantListQuery) {
  const period = await loadPeriod(db, c, periodId);
  const limit = query.limit ?? 50;
  const cursor = decodeCursor(query.cursor, 2) as [string, string] | null;
  const rows = await db.select({ p: participants, bodyName: bodies.name }).from(participants)
    .innerJoin(bodies, eq(bodies.id, participants.bodyId))
    .where(and(
      eq(participants.periodId, period.id),
      visibility(db, c),
      query.categoryId ? eq(participants.categoryId, query.categoryId) : undefined,
      query.status ? eq(participants.status, query.status) : undefined,
      query.q ? ilike(bodies.searchName, containsPattern(query.q)) : undefined,
      query.assignedTo ? inArray(participants.id, db.select({ id: assignments.participantId }).from(assignments).where(eq(assignments.userId, query.assignedTo))) : undefined,
      cursor ? or(gt(bodies.name, cursor[0]), and(eq(bodies.name, cursor[0]), gt(participants.id, cursor[1]))) : undefined,
    ))
    .orderBy(asc(bodies.name), asc(participants.id))
    .limit(limit + 1);
  const p = page(rows, limit, (r) => [r.bodyName, r.p.id]);
  const assigned = await assignmentsOf(db, p.items.map((r) => r.p.id));
  return { items: p.items.map((r) => toDto(r.p, r.bodyName, assigned.get(r.p.id))), nextCursor: p.nextCursor };
}

export async function getParticipant(db: Db, c: RequestContext, periodId: string, bodyId: string) {
  const { participant } = await loadParticipant(db, c, periodId, bodyId);
  const [body] = await db.select({ name: bodies.name }).from(bodies).where(eq(bodies.id, participant.bodyId));
  return toDto(participant, body.name, (await assignmentsOf(db, [participant.id])).get(participant.id));
}

/** Enrolment is possible while the period is in draft, and late during the SAQ stage. */
export async function enrol(work: Work, periodId: string, input: Enrol) {
  const { tx, ctx: c } = work;
  if ((input.bodyIds === undefined) === (input.categoryId === undefined)) {
    throw invalid('Send either "bodyIds" or "categoryId"', [{ path: 'body', message: 'needs exactly one of bodyIds, categoryId' }]);
  }
  const period = await loadPeriod(tx, c, periodId, { forUpdate: true });
  assertStage(period, ['draft', 'saq'], 'Enrolling bodies');
  let candidates: { id: string; name: string; categoryId: string }[];
  if (input.categoryId !== undefined) {
    const [category] = await tx.select({ id: categories.id }).from(categories)
      .where(and(eq(categories.id, input.categoryId), eq(categories.commissionId, c.commissionId)));
    if (!category) throw invalid('The category does not exist', [{ path: 'body.categoryId', message: 'category not found' }]);
    candidates = await tx.select({ id: bodies.id, name: bodies.name, categoryId: bodies.categoryId }).from(bodies)
      .where(and(eq(bodies.commissionId, c.commissionId), eq(bodies.categoryId, category.id), eq(bodies.active, true)));
  } else {
    const ids = input.bodyIds ?? [];
    const rows: { id: string; name: string; categoryId: string; active: boolean }[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      rows.push(...await tx.select({ id: bodies.id, name: bodies.name, categoryId: bodies.categoryId, active: bodies.active }).from(bodies)
        .where(and(eq(bodies.commissionId, c.commissionId), inArray(bodies.id, ids.slice(i, i + CHUNK)))));
    }
    const byId = new Map(rows.map((r) => [r.id, r]));
    const errors = ids.flatMap((id, i) => {
      const body = byId.get(id);
      if (!body) return [{ path: `body.bodyIds[${i}]`, message: `body ${id} not found` }];
      if (!body.active) return [{ path: `body.bodyIds[${i}]`, message: `body "${body.name}" is inactive` }];
      return [];
    });
    candidates = rows;
    if (errors.length > 0) throw invalid('Some bodies cannot be enrolled', errors);
  }
  const existing = new Set<string>();
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const rows = await tx.select({ bodyId: participants.bodyId }).from(participants)
      .where(and(eq(participants.periodId, period.id), inArray(participants.bodyId, candidates.slice(i, i + CHUNK).map((b) => b.id))));
    for (const r of rows) existing.add(r.bodyId);
  }
  const fresh = candidates.filter((b) => !existing.has(b.id));
  if (period.stage === 'saq') await assertQuestionnaires(tx, period, [...new Set(fresh.map((b) => b.categoryId))]);
  const created: Participant[] = [];
  for (let i = 0; i < fresh.length; i += CHUNK) {
    created.push(...await tx.insert(participants).values(fresh.slice(i, i + CHUNK).map((b) => ({
      commissionId: c.commissionId, periodId: period.id, bodyId: b.id, categoryId: b.categoryId,
    }))).returning());
  }
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
    ? (await tx.select().from(participants).where(eq(participants.periodId, period.id))).filter((p) => createdIds.has(p.id))
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
  const covered = await tx.select({ categoryId: questionnaireCategories.categoryId }).from(questionnaireCategories)
    .where(and(eq(questionnaireCategories.periodId, period.id), inArray(questionnaireCategories.categoryId, categoryIds)));
  const have = new Set(covered.map((r) => r.categoryId));
  const missing = categoryIds.filter((id) => !have.has(id));
  if (missing.length > 0) {
    const rows = await tx.select({ code: categories.code }).from(categories).where(inArray(categories.id, missing));
    throw wrongStage(period.stage, `The SAQ is open and categories ${rows.map((r) => r.code).join(', ')} have no questionnaire; late enrolment needs one`);
  }
}

/** Un-enrol: only in draft (nothing has been answered yet). */
export async function withdraw(work: Work, ids: ParticipantIds) {
  const { tx, ctx: c } = work;
  const period = await loadPeriod(tx, c, ids.periodId, { forUpdate: true });
  const { participant } = await loadParticipant(tx, c, period.id, ids.bodyId, { forUpdate: true });
  assertStage(period, ['draft'], 'Withdrawing a participant');
  const [answered] = await tx.select({ id: answers.id }).from(answers).where(eq(answers.participantId, participant.id)).limit(1);
  if (answered) throw new Problem('conflict', 'The participant has answers and cannot be withdrawn');
  await tx.delete(participants).where(eq(participants.id, participant.id));
  await work.audit({ action: 'participant.withdraw', entityType: 'participant', entityId: participant.id, before: { periodId: period.id, bodyId: ids.bodyId } });
}

export async function setAssignments(work: Work, ids: ParticipantIds, input: Assignments) {
  const { tx, ctx: c } = work;
  const { period, participant } = await loadParticipant(tx, c, ids.periodId, ids.bodyId, { forUpdate: true });
  if (period.stage === 'closed') throw wrongStage(period.stage, 'A closed period is read-only');
  const wanted = [
    ...input.assessorIds.map((id, i) => ({ id, role: 'assessor' as const, path: `body.assessorIds[${i}]` })),
    ...input.jurorIds.map((id, i) => ({ id, role: 'juror' as const, path: `body.jurorIds[${i}]` })),
  ];
  const userIds = [...new Set(wanted.map((w) => w.id))];
  const found = userIds.length === 0 ? [] : await tx.select({ id: users.id, role: users.role, active: users.active }).from(users)
    .where(and(eq(users.commissionId, c.commissionId), inArray(users.id, userIds)));
  const byId = new Map(found.map((u) => [u.id, u]));
  const errors = wanted.flatMap((w) => {
    const u = byId.get(w.id);
    if (!u) return [{ path: w.path, message: `user ${w.id} not found` }];
    if (!u.active) return [{ path: w.path, message: 'the user is disabled' }];
    if (u.role !== w.role) return [{ path: w.path, message: `the user's role is ${u.role}, not ${w.role}` }];
    return [];
  });
  if (errors.length > 0) throw invalid('Some users cannot be assigned', errors);
  const before = (await assignmentsOf(tx, [participant.id])).get(participant.id);
  await tx.delete(assignments).where(eq(assignments.participantId, participant.id));
  if (wanted.length > 0) await tx.insert(assignments).values(wanted.map((w) => ({ participantId: participant.id, userId: w.id, role: w.role })));
  const after = (await assignmentsOf(tx, [participant.id])).get(participant.id) ?? { assessorIds: [], jurorIds: [] };
  await work.audit({
    action: 'participant.assign', entityType: 'participant', entityId: participant.id,
    before: { ...before }, after: { ...after },
  });
  return { participantId: participant.id, bodyId: participant.bodyId, ...after };
}

/** Bodies that ever took part in a period cannot be deleted; used by the bodies service. */
export async function hasParticipated(db: Executor, bodyId: string): Promise<boolean> {
  const [row] = await db.select({ id: participants.id }).from(participants).where(eq(participants.bodyId, bodyId)).limit(1);
  return Boolean(row);
}
