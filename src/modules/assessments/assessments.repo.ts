// The SQL of one participant's assessment: the questionnaire it answers and its version (the ETag of
// its answers and verifications), the SAQ answers and submission, evidence files, verification
// decisions, appeals and the later stages' scores. Writes run under the participant's row lock
// (common.participantWrite), so a row an UPDATE … RETURNING names is there.
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  answers, appeals, bodies, categories, commissions, evidenceFiles, participants, presentationScores, questionnaireCategories, questionnaires, verifications,
} from '../../db/schema.ts';
import type { AnswerValue, Questionnaire } from '../../scoring/index.ts';
import type { Participant } from '../participants/access.ts';

export type AnswerRow = typeof answers.$inferSelect;
export type EvidenceRow = typeof evidenceFiles.$inferSelect;
export type VerificationRow = typeof verifications.$inferSelect;
export type AppealRow = typeof appeals.$inferSelect;
export type PresentationRow = typeof presentationScores.$inferSelect;

/** The row of an INSERT or UPDATE … RETURNING: a missing one is a bug (a lost lock), not a 404. */
function returned<T>(rows: T[], what: string): T {
  const [row] = rows;
  if (!row) throw new Error(`${what} returned no row`);
  return row;
}

// ─── The participant ────────────────────────────────────────────────────────────────────────────

/** Who a letter to the participant is addressed from and to: commission, body and category names. */
export async function participantNames(db: Executor, participantId: string) {
  const [row] = await db.select({ commission: commissions.name, body: bodies.name, category: categories.name })
    .from(participants)
    .innerJoin(commissions, eq(commissions.id, participants.commissionId))
    .innerJoin(bodies, eq(bodies.id, participants.bodyId))
    .innerJoin(categories, eq(categories.id, participants.categoryId))
    .where(eq(participants.id, participantId));
  return returned(row ? [row] : [], `the names of participant ${participantId}`);
}

/** The questionnaire the category uses in the period, or undefined. */
export async function categoryQuestionnaire(db: Executor, periodId: string, categoryId: string): Promise<Questionnaire | undefined> {
  const [row] = await db.select({ definition: questionnaires.definition }).from(questionnaireCategories)
    .innerJoin(questionnaires, eq(questionnaires.id, questionnaireCategories.questionnaireId))
    .where(and(eq(questionnaireCategories.periodId, periodId), eq(questionnaireCategories.categoryId, categoryId)));
  return row?.definition;
}

/** Increments the participant's version; returns the new one. */
export async function bumpParticipantVersion(tx: Executor, participantId: string): Promise<number> {
  const row = returned(await tx.update(participants).set({ version: sql`${participants.version} + 1`, updatedAt: new Date() })
    .where(eq(participants.id, participantId)).returning({ version: participants.version }), 'UPDATE participants');
  return row.version;
}

/** Sets the participant's submission state; returns the updated row. */
export async function setSubmission(tx: Executor, participantId: string, state: Pick<Participant, 'status' | 'submittedAt'>): Promise<Participant> {
  return returned(await tx.update(participants).set(state).where(eq(participants.id, participantId)).returning(), 'UPDATE participants');
}

/** Sets the participant's visitation score; returns the updated row. */
export async function setVisitation(tx: Executor, participantId: string, visitation: Pick<Participant, 'visitationScore' | 'visitationNotes' | 'visitationBy'>): Promise<Participant> {
  return returned(await tx.update(participants).set(visitation).where(eq(participants.id, participantId)).returning(), 'UPDATE participants');
}

// ─── Answers ────────────────────────────────────────────────────────────────────────────────────

/** The participant's answers; `ordered` by question code. */
export async function answerRows(db: Executor, participantId: string, options: { ordered?: boolean } = {}): Promise<AnswerRow[]> {
  const mine = eq(answers.participantId, participantId);
  return options.ordered ? db.select().from(answers).where(mine).orderBy(asc(answers.questionCode)) : db.select().from(answers).where(mine);
}

/** The evidence of each of the participant's answers. */
export async function answerEvidence(db: Executor, participantId: string): Promise<Pick<AnswerRow, 'questionCode' | 'evidence'>[]> {
  return db.select({ questionCode: answers.questionCode, evidence: answers.evidence }).from(answers).where(eq(answers.participantId, participantId));
}

/** The codes of the questions the participant answered. */
export async function answeredCodes(db: Executor, participantId: string): Promise<Set<string>> {
  const rows = await db.select({ code: answers.questionCode }).from(answers).where(eq(answers.participantId, participantId));
  return new Set(rows.map((r) => r.code));
}

export async function answerCount(db: Executor, participantId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(answers).where(eq(answers.participantId, participantId));
  return row?.n ?? 0;
}

export type AnswerUpsert = Pick<typeof answers.$inferInsert, 'participantId' | 'questionCode' | 'value' | 'evidence' | 'updatedBy'>;

/** Inserts the answers, or overwrites the participant's answers to the same questions. */
export async function upsertAnswers(tx: Executor, rows: AnswerUpsert[]): Promise<void> {
  await tx.insert(answers).values(rows).onConflictDoUpdate({
    target: [answers.participantId, answers.questionCode],
    set: { value: sql`excluded.value`, evidence: sql`excluded.evidence`, updatedBy: sql`excluded.updated_by`, updatedAt: sql`now()`, version: sql`${answers.version} + 1` },
  });
}

export async function deleteAnswers(tx: Executor, participantId: string, questionCodes: string[]): Promise<void> {
  await tx.delete(answers).where(and(eq(answers.participantId, participantId), inArray(answers.questionCode, questionCodes)));
}

// ─── Evidence files (the rows; the bytes are in the blob store under storage_key) ──────────────

export async function insertEvidenceFile(tx: Executor, values: typeof evidenceFiles.$inferInsert): Promise<EvidenceRow> {
  return returned(await tx.insert(evidenceFiles).values(values).returning(), 'INSERT INTO evidence_files');
}

/** The participant's files by id, after the cursor's id. */
export async function evidencePage(db: Executor, participantId: string, page: { afterId?: string; limit: number }): Promise<EvidenceRow[]> {
  return db.select().from(evidenceFiles)
    .where(and(eq(evidenceFiles.participantId, participantId), page.afterId !== undefined ? gt(evidenceFiles.id, page.afterId) : undefined))
    .orderBy(asc(evidenceFiles.id)).limit(page.limit);
}

/** The participant's file, or undefined. */
export async function findEvidenceFile(db: Executor, participantId: string, fileId: string): Promise<EvidenceRow | undefined> {
  const [row] = await db.select().from(evidenceFiles).where(and(eq(evidenceFiles.id, fileId), eq(evidenceFiles.participantId, participantId)));
  return row;
}

/** Which of these file ids were uploaded for the participant. */
export async function uploadedFileIds(db: Executor, participantId: string, fileIds: string[]): Promise<Set<string>> {
  const found = await db.select({ id: evidenceFiles.id }).from(evidenceFiles)
    .where(and(eq(evidenceFiles.participantId, participantId), inArray(evidenceFiles.id, fileIds)));
  return new Set(found.map((f) => f.id));
}

// ─── Verifications ──────────────────────────────────────────────────────────────────────────────

/** The participant's decisions by question code, each with the body's answer (null when none). */
export async function verificationsWithAnswers(db: Executor, participantId: string) {
  return db.select({ v: verifications, answer: answers.value }).from(verifications)
    .leftJoin(answers, and(eq(answers.participantId, verifications.participantId), eq(answers.questionCode, verifications.questionCode)))
    .where(eq(verifications.participantId, participantId)).orderBy(asc(verifications.questionCode));
}

/** The participant's decisions on these questions. */
/** The questions that have a verification decision. */
export async function verifiedCodes(db: Executor, participantId: string): Promise<Set<string>> {
  const rows = await db.select({ code: verifications.questionCode }).from(verifications).where(eq(verifications.participantId, participantId));
  return new Set(rows.map((r) => r.code));
}

export async function verificationsOf(db: Executor, participantId: string, questionCodes: string[]): Promise<VerificationRow[]> {
  return db.select().from(verifications).where(and(eq(verifications.participantId, participantId), inArray(verifications.questionCode, questionCodes)));
}

/** The participant's decision on the question, or undefined. */
export async function findVerification(db: Executor, participantId: string, questionCode: string): Promise<VerificationRow | undefined> {
  const [row] = await db.select().from(verifications)
    .where(and(eq(verifications.participantId, participantId), eq(verifications.questionCode, questionCode)));
  return row;
}

export type Decision = Pick<typeof verifications.$inferInsert, 'participantId' | 'questionCode' | 'decision' | 'value' | 'note' | 'assessorId'>;

/** Records the decisions, replacing the participant's earlier decisions on the same questions. */
export async function upsertVerifications(tx: Executor, decisions: Decision[]): Promise<void> {
  await tx.insert(verifications).values(decisions).onConflictDoUpdate({
    target: [verifications.participantId, verifications.questionCode],
    set: {
      decision: sql`excluded.decision`, value: sql`excluded.value`, note: sql`excluded.note`, assessorId: sql`excluded.assessor_id`,
      updatedAt: sql`now()`, version: sql`${verifications.version} + 1`,
    },
  });
}

/** Turns a decision into an adjustment to this value (an appeal's revision); returns it. */
export async function reviseVerification(tx: Executor, verificationId: string, revision: { value: AnswerValue; note: string; assessorId: string }): Promise<VerificationRow> {
  return returned(await tx.update(verifications).set({
    decision: 'adjust', ...revision, updatedAt: new Date(), version: sql`${verifications.version} + 1`,
  }).where(eq(verifications.id, verificationId)).returning(), 'UPDATE verifications');
}

/** Deletes the participant's accepts of these questions. */
export async function deleteAcceptances(tx: Executor, participantId: string, questionCodes: string[]): Promise<void> {
  await tx.delete(verifications).where(and(eq(verifications.participantId, participantId), inArray(verifications.questionCode, questionCodes), eq(verifications.decision, 'accept')));
}

// ─── Appeals ────────────────────────────────────────────────────────────────────────────────────

/** The participant's appeals in filing order, after the appeal `afterId`. */
export async function appealPage(db: Executor, participantId: string, page: { status?: AppealRow['status']; afterId?: string; limit: number }): Promise<AppealRow[]> {
  return db.select().from(appeals).where(and(
    eq(appeals.participantId, participantId),
    page.status ? eq(appeals.status, page.status) : undefined,
    // compared in SQL: created_at has microseconds, a JS Date only milliseconds
    page.afterId !== undefined ? sql`(${appeals.createdAt}, ${appeals.id}) > (select a.created_at, a.id from appeals a where a.id = ${page.afterId})` : undefined,
  )).orderBy(asc(appeals.createdAt), asc(appeals.id)).limit(page.limit);
}

/** The id of the participant's open appeal on the question, or undefined. */
export async function openAppealId(db: Executor, participantId: string, questionCode: string): Promise<string | undefined> {
  const [open] = await db.select({ id: appeals.id }).from(appeals)
    .where(and(eq(appeals.participantId, participantId), eq(appeals.questionCode, questionCode), eq(appeals.status, 'open')));
  return open?.id;
}

export async function insertAppeal(tx: Executor, values: typeof appeals.$inferInsert): Promise<AppealRow> {
  return returned(await tx.insert(appeals).values(values).returning(), 'INSERT INTO appeals');
}

/** The participant's appeal, locked until commit, or undefined. */
export async function lockAppeal(tx: Executor, participantId: string, appealId: string): Promise<AppealRow | undefined> {
  const [appeal] = await tx.select().from(appeals).where(and(eq(appeals.id, appealId), eq(appeals.participantId, participantId))).for('update');
  return appeal;
}

export async function updateAppeal(tx: Executor, appealId: string, patch: Partial<typeof appeals.$inferInsert>): Promise<AppealRow> {
  return returned(await tx.update(appeals).set(patch).where(eq(appeals.id, appealId)).returning(), 'UPDATE appeals');
}

// ─── Presentation scores (one row per juror) ────────────────────────────────────────────────────

/** The juror's scores of the participant, or undefined. */
export async function findPresentation(db: Executor, participantId: string, jurorId: string): Promise<PresentationRow | undefined> {
  const [row] = await db.select().from(presentationScores)
    .where(and(eq(presentationScores.participantId, participantId), eq(presentationScores.jurorId, jurorId)));
  return row;
}

/** Records the juror's scores of the participant, replacing earlier ones; returns the row. */
export async function upsertPresentation(tx: Executor, entry: Pick<PresentationRow, 'participantId' | 'jurorId' | 'aspects' | 'score'>): Promise<PresentationRow> {
  return returned(await tx.insert(presentationScores).values(entry).onConflictDoUpdate({
    target: [presentationScores.participantId, presentationScores.jurorId],
    set: { aspects: sql`excluded.aspects`, score: sql`excluded.score`, updatedAt: sql`now()`, version: sql`${presentationScores.version} + 1` },
  }).returning(), 'INSERT INTO presentation_scores');
}

/** The participant's presentation scores in entry order; only the juror's own when `jurorId` is given. */
export async function presentationRows(db: Executor, participantId: string, jurorId?: string): Promise<PresentationRow[]> {
  return db.select().from(presentationScores)
    .where(and(eq(presentationScores.participantId, participantId), jurorId !== undefined ? eq(presentationScores.jurorId, jurorId) : undefined))
    .orderBy(asc(presentationScores.createdAt), asc(presentationScores.jurorId));
}
