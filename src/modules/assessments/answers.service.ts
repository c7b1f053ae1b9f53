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
  answerCount, answerEvidence, answerRows, deleteAcceptances, deleteAnswers, setSubmission, uploadedFileIds, upsertAnswers, type AnswerUpsert,
} from './assessments.repo.ts';
import type { AnswersPut } from './assessments.schemas.ts';
import { assertRole, isHttpUrl, iso, participantWrite, questionnaireOf, type ParticipantIds } from './common.ts';

function hasEvidence(evidence: unknown): boolean {
  return Array.isArray(evidence) && evidence.length > 0;
}

/** Answered questions whose evidence is required and missing: they block submission. */
function missingEvidence(questions: Map<string, Question>, rows: { questionCode: string; evidence: unknown }[]): string[] {
  return rows.filter((r) => questions.get(r.questionCode)?.evidence === 'required' && !hasEvidence(r.evidence))
    .map((r) => r.questionCode).sort();
}

async function answersResource(db: Executor, participant: Participant, version: number) {
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
function assertAnswering(period: Pick<Period, 'stage' | 'deadlines'>, participant: Participant, action: string): void {
  assertStage(period, ['saq'], action);
  if (participant.status === 'submitted') {
    throw new Problem('conflict', 'The SAQ has been submitted and is locked; an admin can reopen it', { extra: { participantStatus: participant.status } });
  }
  assertBeforeDeadline(period, participant, 'saq', action);
}

export async function putAnswers(work: Work, ids: ParticipantIds, body: AnswersPut) {
  const c = work.ctx;
  const { version, result } = await participantWrite(work, ids, async ({ tx, period, participant }) => {
    assertRole(c, 'respondent', 'Answering the SAQ');
    assertAnswering(period, participant, 'Answering the SAQ');
    const { questions } = await questionnaireOf(tx, participant);

    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const fileIds = new Set<string>();
    body.answers.forEach((item, i) => {
      const at = `body.answers[${i}]`;
      const question = questions.get(item.question);
      if (!question) {
        errors.push({ path: `${at}.question`, message: `unknown question "${item.question}"` });
        return;
      }
      if (seen.has(item.question)) errors.push({ path: `${at}.question`, message: `question "${item.question}" appears twice in the batch` });
      seen.add(item.question);
      if (item.value === undefined) errors.push({ path: `${at}.value`, message: `question "${item.question}": a value is required (null removes the answer)` });
      else if (item.value !== null) {
        const problem = validateAnswer(question, item.value);
        if (problem) errors.push({ path: `${at}.value`, message: `question "${item.question}": ${problem}` });
      }
      (item.evidence ?? []).forEach((e, j) => {
        if ('url' in e && !isHttpUrl(e.url)) errors.push({ path: `${at}.evidence[${j}].url`, message: `question "${item.question}": evidence links must be http or https URLs` });
        if ('fileId' in e) fileIds.add(e.fileId);
      });
    });
    if (fileIds.size > 0) {
      const ok = await uploadedFileIds(tx, participant.id, [...fileIds]);
      body.answers.forEach((item, i) => (item.evidence ?? []).forEach((e, j) => {
        if ('fileId' in e && !ok.has(e.fileId)) {
          errors.push({ path: `body.answers[${i}].evidence[${j}].fileId`, message: `question "${item.question}": no evidence file ${e.fileId} was uploaded for this participant` });
        }
      }));
    }
    if (errors.length > 0) throw invalid('Some answers are not valid', errors);

    const existing = await answerRows(tx, participant.id);
    const before = new Map(existing.map((r) => [r.questionCode, r]));
    const removed = body.answers.filter((a) => a.value === null).map((a) => a.question);
    const upserts: AnswerUpsert[] = body.answers.filter((a) => a.value !== null).map((a) => ({
      participantId: participant.id,
      questionCode: a.question,
      value: a.value as AnswerValue,
      evidence: a.evidence ?? before.get(a.question)?.evidence ?? [],
      updatedBy: c.principal.id,
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
    await work.audit({
      action: 'answers.put', entityType: 'participant', entityId: participant.id,
      before: Object.fromEntries(body.answers.map((a) => [a.question, pick(a.question)])),
      after: Object.fromEntries(body.answers.map((a) => {
        const up = upserts.find((u) => u.questionCode === a.question);
        return [a.question, up ? { value: up.value, evidence: up.evidence } : null];
      })),
    });
    return participant;
  });
  return answersResource(work.tx, result, version);
}

export async function submit(work: Work, ids: ParticipantIds) {
  const { version, result } = await participantWrite(work, ids, async ({ tx, period, participant }) => {
    assertRole(work.ctx, 'respondent', 'Submitting the SAQ');
    assertAnswering(period, participant, 'Submitting the SAQ');
    const { questions } = await questionnaireOf(tx, participant);
    const rows = await answerEvidence(tx, participant.id);
    const known = rows.filter((r) => questions.has(r.questionCode));
    const missing = missingEvidence(questions, known);
    if (missing.length > 0) {
      throw new Problem('unprocessable', `Evidence is required before submitting: ${missing.join(', ')}`, {
        errors: missing.map((code) => ({ path: code, message: 'this answer needs evidence (a link or an uploaded file)' })),
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
  const reason = requireReason(work, 'Reopening a submission');
  const { version, result } = await participantWrite(work, ids, async ({ tx, period, participant }) => {
    assertStage(period, ['saq'], 'Reopening a submission');
    if (participant.status !== 'submitted') throw new Problem('conflict', 'The SAQ has not been submitted', { extra: { participantStatus: participant.status } });
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
