// The SQL of participants (a body enrolled in a period), their assessors and jurors, and what
// enrolment and assignment check against: the commission's bodies, categories and users.
import { and, asc, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { kept, rowCache } from '../../db/changes.ts';
import type { Executor } from '../../db/client.ts';
import { returnedRow } from '../../db/rows.ts';
import { answers, assignments, bodies, categories, participants, questionnaireCategories, users } from '../../db/schema.ts';
import { containsPattern } from '../bodies/search-name.ts';

export type Participant = typeof participants.$inferSelect;

/** Ids per `in (...)` list and rows per insert, well under PostgreSQL's parameter limit. */
const CHUNK = 1000;

/** Which participants a caller may see (access.participantScope decides it). */
export type ParticipantScope =
  | { kind: 'all' }
  | { kind: 'body'; bodyId: string }
  | { kind: 'assigned'; userId: string; role: 'assessor' | 'juror' }
  | { kind: 'none' };

function inScope(db: Executor, scope: ParticipantScope): SQL | undefined {
  switch (scope.kind) {
    case 'all': return undefined;
    case 'body': return eq(participants.bodyId, scope.bodyId);
    case 'assigned':
      return inArray(participants.id, db.select({ id: assignments.participantId }).from(assignments)
        .where(and(eq(assignments.userId, scope.userId), eq(assignments.role, scope.role))));
    case 'none': return sql`false`;
  }
}

/** The participant for `bodyId` in the period, or undefined; `forUpdate` locks its row until commit. */
export async function findParticipant(db: Executor, periodId: string, bodyId: string, options: { forUpdate?: boolean } = {}): Promise<Participant | undefined> {
  const q = db.select().from(participants).where(and(eq(participants.periodId, periodId), eq(participants.bodyId, bodyId)));
  if (options.forUpdate) return (await q.for('update'))[0];
  // outside a transaction: kept in memory until participants change (db/changes.ts)
  const load = async () => (await q)[0];
  const cached = rowCache<Participant>(db, 'participants');
  return await (cached ? cached.get(`${periodId}:${bodyId}`, load) : load());
}

/** Whether the user is assigned to the participant in this role. */
export async function isAssigned(db: Executor, participantId: string, userId: string, role: 'assessor' | 'juror'): Promise<boolean> {
  const { assigned } = await kept(db, 'assignments', `${participantId}:${userId}:${role}`, async () => {
    const [row] = await db.select({ userId: assignments.userId }).from(assignments)
      .where(and(eq(assignments.participantId, participantId), eq(assignments.userId, userId), eq(assignments.role, role))).limit(1);
    return { assigned: Boolean(row) };
  });
  return assigned;
}

export interface ParticipantFilter {
  categoryId?: string;
  status?: Participant['status'];
  /** part of the body's name */
  q?: string;
  /** a user assigned to the participant, in any role */
  assignedTo?: string;
  /** the (body name, id) of the last participant of the previous page */
  after?: [string, string] | null;
  limit: number;
}

/** The period's participants in the scope, by body name, each with its body's name. */
export async function listParticipantRows(db: Executor, periodId: string, scope: ParticipantScope, filter: ParticipantFilter) {
  const { after } = filter;
  return db.select({ p: participants, bodyName: bodies.name }).from(participants)
    .innerJoin(bodies, eq(bodies.id, participants.bodyId))
    .where(and(
      eq(participants.periodId, periodId),
      inScope(db, scope),
      filter.categoryId ? eq(participants.categoryId, filter.categoryId) : undefined,
      filter.status ? eq(participants.status, filter.status) : undefined,
      filter.q ? ilike(bodies.searchName, containsPattern(filter.q)) : undefined,
      filter.assignedTo ? inArray(participants.id, db.select({ id: assignments.participantId }).from(assignments).where(eq(assignments.userId, filter.assignedTo))) : undefined,
      after ? or(gt(bodies.name, after[0]), and(eq(bodies.name, after[0]), gt(participants.id, after[1]))) : undefined,
    ))
    .orderBy(asc(bodies.name), asc(participants.id))
    .limit(filter.limit);
}

/** Every participant of the period. */
export async function participantsOfPeriod(db: Executor, periodId: string): Promise<Participant[]> {
  return db.select().from(participants).where(eq(participants.periodId, periodId));
}

/** Every participant of the period with its body's name and search name (what an import's `body` column names). */
export async function participantsWithBodies(db: Executor, periodId: string) {
  return db.select({ participant: participants, bodyName: bodies.name, searchName: bodies.searchName }).from(participants)
    .innerJoin(bodies, eq(bodies.id, participants.bodyId))
    .where(eq(participants.periodId, periodId));
}

/** Which of these bodies are already enrolled in the period. */
export async function enrolledBodyIds(db: Executor, periodId: string, bodyIds: string[]): Promise<Set<string>> {
  const enrolled = new Set<string>();
  for (let i = 0; i < bodyIds.length; i += CHUNK) {
    const rows = await db.select({ bodyId: participants.bodyId }).from(participants)
      .where(and(eq(participants.periodId, periodId), inArray(participants.bodyId, bodyIds.slice(i, i + CHUNK))));
    for (const r of rows) enrolled.add(r.bodyId);
  }
  return enrolled;
}

export async function insertParticipants(tx: Executor, rows: (typeof participants.$inferInsert)[]): Promise<Participant[]> {
  const created: Participant[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) created.push(...await tx.insert(participants).values(rows.slice(i, i + CHUNK)).returning());
  return created;
}

/** Sets (or with nulls removes) the participant's deadline extension; bumps its version. */
export async function setExtension(tx: Executor, participant: Pick<Participant, 'id' | 'version'>, extension: { until: Date | null; reason: string | null }): Promise<Participant> {
  return returnedRow(await tx.update(participants).set({
    extensionUntil: extension.until, extensionReason: extension.reason, updatedAt: new Date(), version: participant.version + 1,
  }).where(eq(participants.id, participant.id)).returning(), 'UPDATE participants');
}

/** Deletes the participant; its assignments go with it (ON DELETE CASCADE). */
export async function deleteParticipant(tx: Executor, participantId: string): Promise<void> {
  await tx.delete(participants).where(eq(participants.id, participantId));
}

/** Whether the participant has answered anything. */
export async function hasAnswers(db: Executor, participantId: string): Promise<boolean> {
  const [answered] = await db.select({ id: answers.id }).from(answers).where(eq(answers.participantId, participantId)).limit(1);
  return Boolean(answered);
}

export interface Assigned { assessorIds: string[]; jurorIds: string[] }

/** The assessors and jurors of each participant, by user id; every id asked for has an entry. */
export async function assignmentsOf(db: Executor, participantIds: string[]): Promise<Map<string, Assigned>> {
  const map = new Map<string, Assigned>(participantIds.map((id) => [id, { assessorIds: [], jurorIds: [] }]));
  for (let i = 0; i < participantIds.length; i += CHUNK) {
    const rows = await db.select().from(assignments).where(inArray(assignments.participantId, participantIds.slice(i, i + CHUNK)))
      .orderBy(assignments.userId);
    for (const r of rows) map.get(r.participantId)?.[r.role === 'assessor' ? 'assessorIds' : 'jurorIds'].push(r.userId);
  }
  return map;
}

/** Replaces the participant's assessors and jurors. */
export async function replaceAssignments(tx: Executor, participantId: string, wanted: { userId: string; role: 'assessor' | 'juror' }[]): Promise<void> {
  await tx.delete(assignments).where(eq(assignments.participantId, participantId));
  if (wanted.length > 0) await tx.insert(assignments).values(wanted.map((w) => ({ participantId, userId: w.userId, role: w.role })));
}

/** The commission's users among these ids, with what assigning them depends on. */
export async function commissionUsers(db: Executor, commissionId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db.select({ id: users.id, role: users.role, active: users.active }).from(users)
    .where(and(eq(users.commissionId, commissionId), inArray(users.id, userIds)));
}

export async function bodyName(db: Executor, bodyId: string): Promise<string> {
  const [body] = await db.select({ name: bodies.name }).from(bodies).where(eq(bodies.id, bodyId));
  // participants.body_id references bodies, and bodies that took part are never deleted
  if (!body) throw new Error(`body ${bodyId} of a participant does not exist`);
  return body.name;
}

export interface EnrolCandidate { id: string; name: string; categoryId: string }

/** The commission's active bodies of the category. */
export async function activeBodiesOfCategory(db: Executor, commissionId: string, categoryId: string): Promise<EnrolCandidate[]> {
  return db.select({ id: bodies.id, name: bodies.name, categoryId: bodies.categoryId }).from(bodies)
    .where(and(eq(bodies.commissionId, commissionId), eq(bodies.categoryId, categoryId), eq(bodies.active, true)));
}

/** The commission's bodies among these ids, active or not. */
export async function commissionBodies(db: Executor, commissionId: string, bodyIds: string[]): Promise<(EnrolCandidate & { active: boolean })[]> {
  const rows: (EnrolCandidate & { active: boolean })[] = [];
  for (let i = 0; i < bodyIds.length; i += CHUNK) {
    rows.push(...await db.select({ id: bodies.id, name: bodies.name, categoryId: bodies.categoryId, active: bodies.active }).from(bodies)
      .where(and(eq(bodies.commissionId, commissionId), inArray(bodies.id, bodyIds.slice(i, i + CHUNK)))));
  }
  return rows;
}

/** Whether the category is the commission's. */
export async function isCommissionCategory(db: Executor, commissionId: string, categoryId: string): Promise<boolean> {
  const [category] = await db.select({ id: categories.id }).from(categories)
    .where(and(eq(categories.id, categoryId), eq(categories.commissionId, commissionId)));
  return Boolean(category);
}

/** Those of the categories that have a questionnaire in the period. */
export async function categoriesWithQuestionnaire(db: Executor, periodId: string, categoryIds: string[]): Promise<Set<string>> {
  const covered = await db.select({ categoryId: questionnaireCategories.categoryId }).from(questionnaireCategories)
    .where(and(eq(questionnaireCategories.periodId, periodId), inArray(questionnaireCategories.categoryId, categoryIds)));
  return new Set(covered.map((r) => r.categoryId));
}

export async function categoryCodes(db: Executor, categoryIds: string[]): Promise<string[]> {
  const rows = await db.select({ code: categories.code }).from(categories).where(inArray(categories.id, categoryIds));
  return rows.map((r) => r.code);
}
