// What every assessment write shares: the participant row lock, its questionnaire, the version that
// is the ETag of its answers and verifications, and rescoring in the same transaction.
import type { Executor, Tx } from '../../db/client.ts';
import type { AnswerEvidence } from '../../db/schema.ts';
import type { Work } from '../../http/unit-of-work.ts';
import type { RequestContext } from '../../http/context.ts';
import { Problem, type FieldError } from '../../http/problems.ts';
import type { Question, Questionnaire } from '../../scoring/index.ts';
import { loadParticipant, type Participant } from '../participants/access.ts';
import type { Period } from '../periods/index.ts';
import { rescoreParticipant } from '../scores/materialize.ts';
import { bumpParticipantVersion, categoryQuestionnaire, uploadedFileIds } from './assessments.repo.ts';
import { t, type Message } from '../../i18n/message.ts';

export interface ParticipantQuestionnaire {
  questionnaire: Questionnaire;
  questions: Map<string, Question>;
}

/** The questionnaire the participant's category uses in the period. */
export async function questionnaireOf(db: Executor, participant: Pick<Participant, 'periodId' | 'categoryId'>): Promise<ParticipantQuestionnaire> {
  const questionnaire = await categoryQuestionnaire(db, participant.periodId, participant.categoryId);
  if (!questionnaire) throw new Problem('conflict', t`The participant's category has no questionnaire in this period`);
  return { questionnaire, questions: questionsOf(questionnaire) };
}

/** A questionnaire's questions by code, `evidence` filled in (absent means none). */
export function questionsOf(questionnaire: Questionnaire): Map<string, Question> {
  const questions = new Map<string, Question>();
  for (const indicator of questionnaire.indicators) for (const q of indicator.questions) questions.set(q.code, { ...q, evidence: q.evidence ?? 'none' });
  return questions;
}

export interface WriteScope {
  tx: Tx;
  period: Period;
  participant: Participant;
}

/** The two path parameters that name a participant. */
export interface ParticipantIds {
  periodId: string;
  bodyId: string;
}

/**
 * One write to a participant's assessment, inside the request's unit of work. The locks come in the
 * order stage transitions take them — the period (key share, so the stage cannot move under the
 * write), then the participant row (for update, so concurrent writers to one participant serialise
 * and lose nothing) — then If-Match is checked against the locked version, the write runs, the
 * version is bumped and the participant rescored, all committed together by the unit of work.
 */
export async function participantWrite<T>(
  work: Work, ids: ParticipantIds,
  write: (scope: WriteScope) => Promise<T>,
  /**
   * `checkIfMatch: false` when If-Match names another resource (an appeal's own version);
   * `rescore: false` when the caller writes many participants and rescores them in one pass before
   * its transaction ends (`rescoreParticipants`: the bulk answers import)
   */
  options: { bump?: boolean; checkIfMatch?: boolean; rescore?: boolean } = {},
): Promise<{ result: T; version: number }> {
  const { tx } = work;
  const { period, participant } = await loadParticipant(tx, work.ctx, ids.periodId, ids.bodyId, { forUpdate: true });
  if (options.checkIfMatch !== false) work.ifMatch(participant.version);
  const result = await write({ tx, period, participant });
  const version = options.bump !== false ? await bumpParticipantVersion(tx, participant.id) : participant.version;
  if (options.rescore !== false) await rescoreParticipant(tx, participant.id);
  return { result, version };
}

/** 403 unless the caller is assigned to the participant in `role` (loadParticipant already hid others). */
export function assertRole(c: RequestContext, role: 'assessor' | 'juror' | 'respondent', what: Message): void {
  if (c.principal.kind !== 'user' || c.principal.role !== role) throw new Problem('forbidden', t`${what} is done by the participant's ${role}`);
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The errors of a list of evidence (an appeal's; answers check theirs the same way, per answer):
 * links must be http or https URLs, files must have been uploaded for this participant.
 */
export async function evidenceErrors(db: Executor, participantId: string, evidence: AnswerEvidence[], at: string): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const fileIds = evidence.flatMap((e) => ('fileId' in e ? [e.fileId] : []));
  const uploaded = fileIds.length > 0 ? await uploadedFileIds(db, participantId, fileIds) : new Set<string>();
  evidence.forEach((e, j) => {
    if ('url' in e && !isHttpUrl(e.url)) errors.push({ path: `${at}[${j}].url`, message: t`evidence links must be http or https URLs` });
    if ('fileId' in e && !uploaded.has(e.fileId)) errors.push({ path: `${at}[${j}].fileId`, message: t`no evidence file ${e.fileId} was uploaded for this participant` });
  });
  return errors;
}

export const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());
