// SAQ answering (docs/scoring.md §3): batch upserts of a body's answers while the period is in `saq`,
// submission (checks required evidence, then locks the answers) and the admin's reopening.
import type { Db, Executor } from '../../db/client.ts';
import { requireReason, type RequestContext } from '../../http/context.ts';
import type { Work } from '../../http/unit-of-work.ts';
import { invalid, Problem, type FieldError } from '../../http/problems.ts';
import { validateAnswer, type AnswerValue, type Question } from '../../scoring/index.ts';
import { loadParticipant, type Participant } from '../participants/access.ts';
import { assertBeforeDeadline, assertStage, type Period } from '../periods/index.ts';
import {
  answerCount, answerEvidence, answerRows, deleteAcceptances, deleteAnswers, setSubmission, uploadedFileIds, upsertAnswers, type AnswerRow, type AnswerUpsert,
} from './assessments.repo.ts';
import type { AnswersPut } from './assessments.schemas.ts';
import { assertRole, isHttpUrl, iso, participantWrite, questionnaireOf, type ParticipantIds } from './common.ts';
import { t, type Message } from '../../i18n/message.ts';

function hasEvidence(evidence: unknown): boolean {
  return Array.isArray(evidence) && evidence.length > 0;
}

/** Answered questions whose evidence is required and missing: they block submission. */
function missingEvidence(questions: Map<string, Question>, rows: { questionCode: string; evidence: unknown }[]): string[] {
  return rows.filter((r) => questions.get(r.questionCode)?.evidence === 'required' && !hasEvidence(r.evidence))
    .map((r) => r.questionCode).sort();
}

export async function answersResource(db: Executor, participant: Participant, version: number) {
  const { questions } = await questionnaireOf(db, participant);
  const rows = await answerRows(db, participant.id, { ordered: true });
  const known = rows.filter((r) => questions.has(r.questionCode));
  return {
    participantId: participant.id,
    bodyId: participant.bodyId,
    status: participant.status,
    submittedAt: iso(participant.submittedAt),
    version,
    answered: known.length,
    total: questions.size,
    missingEvidence: missingEvidence(questions, known),
    items: rows.map((r) => ({ question: r.questionCode, value: r.value, evidence: r.evidence, updatedAt: r.updatedAt.toISOString() })),
  };
}

export async function getAnswers(db: Db, c: RequestContext, periodId: string, bodyId: string) {
  const { participant } = await loadParticipant(db, c, periodId, bodyId);
  return answersResource(db, participant, participant.version);
}

/** Answering is open in `saq` until the body submits, and until the SAQ deadline (or the body's extension). */
export function assertAnswering(period: Pick<Period, 'stage' | 'deadlines'>, participant: Participant, action: Message): void {
  assertStage(period, ['saq'], action);
  if (participant.status === 'submitted') {
    throw new Problem('conflict', t`The SAQ has been submitted and is locked; an admin can reopen it`, { extra: { participantStatus: participant.status } });
  }
  assertBeforeDeadline(period, participant, 'saq', action);
}

/** A batch of answers as `PUT …/answers` takes it (imports build the same from their rows). */
export type AnswerItem = AnswersPut['answers'][number];

/** One problem of a batch: the item's index and where in it (`question`, `value`, `evidence[0].url`). */
export interface ItemError { index: number; at: string; message: Message }

/**
 * What is wrong with a batch of answers to the participant's questionnaire: unknown or repeated
 * questions, values that are no answer to their question (docs/scoring.md §3), evidence links that
 * are not http(s) and files not uploaded for this participant. Every answer write runs these checks.
 */
export async function answerErrors(db: Executor, participantId: string, questions: Map<string, Question>, answers: AnswerItem[]): Promise<ItemError[]> {
  const errors: ItemError[] = [];
  const seen = new Set<string>();
  const fileIds = new Set<string>();
  answers.forEach((item, index) => {
    const question = questions.get(item.question);
    if (!question) {
      errors.push({ index, at: 'question', message: t`unknown question "${item.question}"` });
      return;
    }
    if (seen.has(item.question)) errors.push({ index, at: 'question', message: t`question "${item.question}" appears twice in the batch` });
    seen.add(item.question);
    if (item.value === undefined) errors.push({ index, at: 'value', message: t`question "${item.question}": a value is required (null removes the answer)` });
    else if (item.value !== null) {
      const problem = validateAnswer(question, item.value);
      if (problem) errors.push({ index, at: 'value', message: t`question "${item.question}": ${problem}` });
    }
    (item.evidence ?? []).forEach((e, j) => {
      if ('url' in e && !isHttpUrl(e.url)) errors.push({ index, at: `evidence[${j}].url`, message: t`question "${item.question}": evidence links must be http or https URLs` });
      if ('fileId' in e) fileIds.add(e.fileId);
    });
  });
  if (fileIds.size > 0) {
    const ok = await uploadedFileIds(db, participantId, [...fileIds]);
    answers.forEach((item, index) => (item.evidence ?? []).forEach((e, j) => {
      if ('fileId' in e && !ok.has(e.fileId)) {
        errors.push({ index, at: `evidence[${j}].fileId`, message: t`question "${item.question}": no evidence file ${e.fileId} was uploaded for this participant` });
      }
    }));
  }
  return errors;
}

/**
 * Writes a checked batch over the participant's answers `before` (read under its lock): upserts the
 * values (omitted evidence keeps the answer's), removes the `null` ones with the acceptances that
 * verified them, and audits before and after.
 */
export async function writeAnswers(work: Work, participant: Participant, before: Map<string, AnswerRow>, answers: AnswerItem[], action: string) {
  const { tx, ctx: c } = work;
  const removed = answers.filter((a) => a.value === null).map((a) => a.question);
  const upserts: AnswerUpsert[] = answers.filter((a) => a.value !== null).map((a) => ({
    participantId: participant.id,
    questionCode: a.question,
    value: a.value as AnswerValue,
    evidence: a.evidence ?? before.get(a.question)?.evidence ?? [],
    // answers name the user who wrote them; an API key (a bulk import) is named by the audit row only
    updatedBy: c.principal.kind === 'user' ? c.principal.id : null,
  }));
  if (removed.length > 0) {
    await deleteAnswers(tx, participant.id, removed);
    // an accept verified the removed answer itself: it goes with it (the materialiser relies on it)
    await deleteAcceptances(tx, participant.id, removed);
  }
  if (upserts.length > 0) await upsertAnswers(tx, upserts);
  const pick = (code: string) => {
    const row = before.get(code);
    return row ? { value: row.value, evidence: row.evidence } : null;
  };
  const after = new Map(upserts.map((u) => [u.questionCode, { value: u.value, evidence: u.evidence }]));
  await work.audit({
    action, entityType: 'participant', entityId: participant.id,
    before: Object.fromEntries(answers.map((a) => [a.question, pick(a.question)])),
    after: Object.fromEntries(answers.map((a) => [a.question, after.get(a.question) ?? null])),
  });
}

/** A batch as a respondent writes it, by `PUT …/answers` or an import: where its problems are reported is the caller's. */
export interface AnswerBatch {
  answers: AnswerItem[];
  /** the problem of item `index` as the client should see it (a JSON path, or a row and column) */
  errorAt(error: ItemError): FieldError;
  /** problems found before the batch could be checked (cells that are no value): reported with the checks' */
  errors?: FieldError[];
  /** the audit action: `answers.put`, `answers.import` */
  action: string;
}

/**
 * The respondent's answer write, shared by `PUT …/answers` and the answers import: the role, stage
 * and deadline rules, the answer checks (422 with every problem), the write and its audit, inside
 * the participant's lock with rescoring (`participantWrite`). `build` gets the questionnaire and the
 * current answers (an import needs both to read its rows).
 */
export async function saveAnswers(work: Work, ids: ParticipantIds, build: (questions: Map<string, Question>, current: Map<string, AnswerRow>) => AnswerBatch) {
  const { version, result } = await participantWrite(work, ids, async ({ tx, period, participant }) => {
    assertRole(work.ctx, 'respondent', t`Answering the SAQ`);
    assertAnswering(period, participant, t`Answering the SAQ`);
    const { questions } = await questionnaireOf(tx, participant);
    const current = new Map((await answerRows(tx, participant.id)).map((r) => [r.questionCode, r]));
    const batch = build(questions, current);
    const errors = [...(batch.errors ?? []), ...(await answerErrors(tx, participant.id, questions, batch.answers)).map((e) => batch.errorAt(e))];
    if (errors.length > 0) throw invalid(t`Some answers are not valid`, errors);
    await writeAnswers(work, participant, current, batch.answers, batch.action);
    return participant;
  });
  return answersResource(work.tx, result, version);
}

export function putAnswers(work: Work, ids: ParticipantIds, body: AnswersPut) {
  return saveAnswers(work, ids, () => ({
    answers: body.answers,
    errorAt: ({ index, at, message }) => ({ path: `body.answers[${index}].${at}`, message }),
    action: 'answers.put',
  }));
}

export async function submit(work: Work, ids: ParticipantIds) {
  const { version, result } = await participantWrite(work, ids, async ({ tx, period, participant }) => {
    assertRole(work.ctx, 'respondent', t`Submitting the SAQ`);
    assertAnswering(period, participant, t`Submitting the SAQ`);
    const { questions } = await questionnaireOf(tx, participant);
    const rows = await answerEvidence(tx, participant.id);
    const known = rows.filter((r) => questions.has(r.questionCode));
    const missing = missingEvidence(questions, known);
    if (missing.length > 0) {
      throw new Problem('unprocessable', t`Evidence is required before submitting: ${missing.join(', ')}`, {
        errors: missing.map((code) => ({ path: code, message: t`this answer needs evidence (a link or an uploaded file)` })),
        extra: { questions: missing },
      });
    }
    const updated = await setSubmission(tx, participant.id, { status: 'submitted', submittedAt: new Date() });
    await work.audit({
      action: 'submission.create', entityType: 'participant', entityId: participant.id,
      before: { status: participant.status, submittedAt: participant.submittedAt }, after: { status: updated.status, submittedAt: updated.submittedAt },
    });
    work.emit('submission.submitted', {
      periodId: participant.periodId, bodyId: participant.bodyId, participantId: participant.id, status: updated.status, submittedAt: iso(updated.submittedAt),
    });
    return { participant: updated, answered: known.length, total: questions.size };
  });
  return submissionDto(result.participant, version, result.answered, result.total);
}

function submissionDto(p: Participant, version: number, answered: number, total: number) {
  return { participantId: p.id, status: p.status, submittedAt: iso(p.submittedAt), version, answered, total };
}

/** An admin reopens a submitted SAQ (with a reason, audited) while the period is still in `saq`. */
export async function reopen(work: Work, ids: ParticipantIds) {
  const reason = requireReason(work, t`Reopening a submission`);
  const { version, result } = await participantWrite(work, ids, async ({ tx, period, participant }) => {
    assertStage(period, ['saq'], t`Reopening a submission`);
    if (participant.status !== 'submitted') throw new Problem('conflict', t`The SAQ has not been submitted`, { extra: { participantStatus: participant.status } });
    const updated = await setSubmission(tx, participant.id, { status: 'enrolled', submittedAt: null });
    await work.audit({
      reason,
      action: 'submission.reopen', entityType: 'participant', entityId: participant.id,
      before: { status: participant.status, submittedAt: participant.submittedAt }, after: { status: updated.status, submittedAt: null },
    });
    work.emit('submission.reopened', { periodId: participant.periodId, bodyId: participant.bodyId, participantId: participant.id, status: updated.status, reason });
    const { questions } = await questionnaireOf(tx, participant);
    return { participant: updated, answered: await answerCount(tx, participant.id), total: questions.size };
  }, { checkIfMatch: false });
  return submissionDto(result.participant, version, result.answered, result.total);
}
