// Verification (docs/scoring.md §4: accept → the body's answer, adjust → the assessor's value with a
// mandatory note) and appeals (masa sanggah): the respondent appeals a decision (by default only one
// the assessor adjusted) with a reason and its documents, before the appeal deadline; the assigned
// assessor upholds it or revises the verified value. Every step is audited and rescored.
import type { Db, Executor } from '../../db/client.ts';
import type { RequestContext } from '../../http/context.ts';
import type { Work } from '../../http/unit-of-work.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { invalid, notFound, Problem, type FieldError } from '../../http/problems.ts';
import { validateAnswer, type AnswerValue } from '../../scoring/index.ts';
import { loadParticipant, type Participant } from '../participants/access.ts';
import { assertBeforeDeadline, assertStage, type Period } from '../periods/index.ts';
import {
  answeredCodes, appealPage, findVerification, insertAppeal, lockAppeal, openAppealId, reviseVerification, updateAppeal, upsertVerifications,
  verificationsOf, verificationsWithAnswers, verifiedCodes, type AppealRow,
} from './assessments.repo.ts';
import type { AppealCreate, AppealResolve, VerificationsPut } from './assessments.schemas.ts';
import { assertRole, evidenceErrors, iso, participantWrite, questionnaireOf, type ParticipantIds } from './common.ts';
import { t, type Message } from '../../i18n/message.ts';

// ─── Verifications ──────────────────────────────────────────────────────────────────────────────

async function verificationsResource(db: Executor, participant: Participant, version: number) {
  const { questions } = await questionnaireOf(db, participant);
  const rows = await verificationsWithAnswers(db, participant.id);
  return {
    participantId: participant.id,
    version,
    progress: { decided: rows.filter((r) => questions.has(r.v.questionCode)).length, total: questions.size },
    items: rows.map(({ v, answer }) => ({
      question: v.questionCode, decision: v.decision, answer: answer ?? null,
      value: (v.decision === 'adjust' ? v.value : answer) ?? null,
      note: v.note, assessorId: v.assessorId, updatedAt: v.updatedAt.toISOString(),
    })),
  };
}

export async function getVerifications(db: Db, c: RequestContext, periodId: string, bodyId: string) {
  const { participant } = await loadParticipant(db, c, periodId, bodyId);
  return verificationsResource(db, participant, participant.version);
}

export async function putVerifications(work: Work, ids: ParticipantIds, body: VerificationsPut) {
  const c = work.ctx;
  const { result, version } = await participantWrite(work, ids, async ({ tx, period, participant }) => {
    assertRole(c, 'assessor', t`Verification`);
    assertStage(period, ['verification'], t`Verifying answers`);
    if (participant.status !== 'submitted') throw new Problem('conflict', t`The body did not submit its SAQ: there is nothing to verify`, { extra: { participantStatus: participant.status } });
    const { questions } = await questionnaireOf(tx, participant);
    const answered = await answeredCodes(tx, participant.id);

    const errors: FieldError[] = [];
    const seen = new Set<string>();
    body.decisions.forEach((d, i) => {
      const at = `body.decisions[${i}]`;
      const question = questions.get(d.question);
      if (!question) {
        errors.push({ path: `${at}.question`, message: t`unknown question "${d.question}"` });
        return;
      }
      if (seen.has(d.question)) errors.push({ path: `${at}.question`, message: t`question "${d.question}" appears twice in the batch` });
      seen.add(d.question);
      if (d.decision === 'accept') {
        if (d.value !== undefined) errors.push({ path: `${at}.value`, message: t`question "${d.question}": accept takes the body's answer; send a value only with adjust` });
        if (!answered.has(d.question)) errors.push({ path: `${at}.decision`, message: t`question "${d.question}": the body gave no answer to accept; adjust it to the verified value instead` });
      } else {
        if (d.value === undefined || d.value === null) errors.push({ path: `${at}.value`, message: t`question "${d.question}": adjust needs the verified value` });
        else {
          const problem = validateAnswer(question, d.value);
          if (problem) errors.push({ path: `${at}.value`, message: t`question "${d.question}": ${problem}` });
        }
        if (!d.note || d.note.trim() === '') errors.push({ path: `${at}.note`, message: t`question "${d.question}": adjust needs a note explaining the correction` });
      }
    });
    if (errors.length > 0) throw invalid(t`Some decisions are not valid`, errors);

    const codes = body.decisions.map((d) => d.question);
    const before = await verificationsOf(tx, participant.id, codes);
    const decided = await verifiedCodes(tx, participant.id);
    const complete = (set: Set<string>) => [...questions.keys()].every((code) => set.has(code));
    const wasComplete = complete(decided);
    await upsertVerifications(tx, body.decisions.map((d) => ({
      participantId: participant.id, questionCode: d.question, decision: d.decision,
      value: d.decision === 'adjust' ? (d.value as AnswerValue) : null,
      note: d.note?.trim() || null, assessorId: c.principal.id,
    })));
    const beforeBy = new Map(before.map((v) => [v.questionCode, { decision: v.decision, value: v.value, note: v.note }]));
    await work.audit({
      action: 'verifications.put', entityType: 'participant', entityId: participant.id,
      before: Object.fromEntries(codes.map((code) => [code, beforeBy.get(code) ?? null])),
      after: Object.fromEntries(body.decisions.map((d) => [d.question, { decision: d.decision, value: d.decision === 'adjust' ? d.value : null, note: d.note?.trim() || null }])),
    });
    for (const code of codes) decided.add(code);
    // once per participant, when the last undecided question gets its decision
    if (!wasComplete && complete(decided)) {
      work.emit('verification.completed', {
        periodId: participant.periodId, bodyId: participant.bodyId, participantId: participant.id,
        decided: questions.size, total: questions.size,
      });
    }
    return participant;
  });
  return verificationsResource(work.tx, result, version);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ─── Appeals ────────────────────────────────────────────────────────────────────────────────────

function appealDto(a: AppealRow) {
  return {
    id: a.id, participantId: a.participantId, question: a.questionCode, reason: a.reason, evidence: a.evidence, status: a.status,
    resolutionNote: a.resolutionNote, revisedValue: a.revisedValue ?? null, filedBy: a.filedBy, resolvedBy: a.resolvedBy,
    resolvedAt: iso(a.resolvedAt), createdAt: a.createdAt.toISOString(), version: a.version,
  };
}

export async function listAppeals(db: Db, c: RequestContext, periodId: string, bodyId: string, query: { limit?: number; cursor?: string; status?: 'open' | 'upheld' | 'revised' }) {
  const { participant } = await loadParticipant(db, c, periodId, bodyId);
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, 1) as [string] | null;
  if (after && (typeof after[0] !== 'string' || !UUID.test(after[0]))) {
    throw new Problem('validation_failed', t`The cursor is not valid`, { errors: [{ path: 'querystring.cursor', message: t`is not valid` }] });
  }
  const rows = await appealPage(db, participant.id, { status: query.status, afterId: after ? after[0] : undefined, limit: limit + 1 });
  const { items, nextCursor } = page(rows, limit, (r) => [r.id]);
  return { items: items.map(appealDto), nextCursor };
}

function assertAppealStage(period: Pick<Period, 'stage' | 'hasAppeal'>, action: Message): void {
  if (!period.hasAppeal) throw new Problem('conflict', t`This period has no appeal stage (masa sanggah)`);
  assertStage(period, ['appeal'], action);
}

export async function fileAppeal(work: Work, ids: ParticipantIds, body: AppealCreate) {
  const c = work.ctx;
  const { result } = await participantWrite(work, ids, async ({ tx, period, participant }) => {
    assertRole(c, 'respondent', t`Filing an appeal`);
    assertAppealStage(period, t`Filing an appeal`);
    assertBeforeDeadline(period, participant, 'appeal', t`Filing an appeal`);
    const decision = await findVerification(tx, participant.id, body.question);
    if (!decision) throw invalid(t`Question "${body.question}" has no verification decision to appeal`, [{ path: 'body.question', message: t`has no verification decision` }]);
    if (period.appealOn === 'adjusted' && decision.decision !== 'adjust') {
      throw invalid(t`Question "${body.question}": the assessor accepted the body's answer; in this period only answers the assessor adjusted can be appealed`, [
        { path: 'body.question', message: t`the answer was accepted, not adjusted (the period's appealOn is "adjusted")` },
      ]);
    }
    const evidence = body.evidence ?? [];
    const errors = await evidenceErrors(tx, participant.id, evidence, 'body.evidence');
    if (errors.length > 0) throw invalid(t`Some evidence is not valid`, errors);
    const openId = await openAppealId(tx, participant.id, body.question);
    if (openId) throw new Problem('conflict', t`An appeal on question "${body.question}" is already open`, { extra: { appealId: openId } });
    const appeal = await insertAppeal(tx, {
      participantId: participant.id, questionCode: body.question, reason: body.reason.trim(), evidence, filedBy: c.principal.kind === 'user' ? c.principal.id : null,
    });
    await work.audit({
      action: 'appeal.file', entityType: 'appeal', entityId: appeal.id,
      after: { participantId: participant.id, question: appeal.questionCode, reason: appeal.reason, evidence: appeal.evidence },
    });
    work.emit('appeal.filed', {
      periodId: participant.periodId, bodyId: participant.bodyId, participantId: participant.id, appealId: appeal.id, question: appeal.questionCode, status: appeal.status,
    });
    return appeal;
  }, { bump: false, checkIfMatch: false });
  return appealDto(result);
}

export async function resolveAppeal(work: Work, ids: ParticipantIds & { appealId: string }, body: AppealResolve) {
  const c = work.ctx;
  const { result } = await participantWrite(work, ids, async ({ tx, period, participant }) => {
    assertRole(c, 'assessor', t`Resolving an appeal`);
    const appeal = await lockAppeal(tx, participant.id, ids.appealId);
    if (!appeal) throw notFound(t`Appeal`);
    assertAppealStage(period, t`Resolving an appeal`);
    work.ifMatch(appeal.version);
    if (appeal.status !== 'open') throw new Problem('conflict', t`The appeal has already been resolved (${appeal.status})`, { extra: { appealStatus: appeal.status } });
    if (body.status === 'upheld' && body.value !== undefined) {
      throw invalid(t`An upheld appeal keeps the decision; send a value only with "revised"`, [{ path: 'body.value', message: t`is only allowed with status "revised"` }]);
    }
    if (body.status === 'revised') {
      const { questions } = await questionnaireOf(tx, participant);
      const question = questions.get(appeal.questionCode);
      if (body.value === undefined || body.value === null) throw invalid(t`A revision needs the new verified value`, [{ path: 'body.value', message: t`is required with status "revised"` }]);
      const problem = question ? validateAnswer(question, body.value) : t`unknown question "${appeal.questionCode}"`;
      if (problem) throw invalid(t`question "${appeal.questionCode}": ${problem}`, [{ path: 'body.value', message: t`question "${appeal.questionCode}": ${problem}` }]);
      const before = await findVerification(tx, participant.id, appeal.questionCode);
      // filed against this decision; only taking the period back to the SAQ could have removed it
      if (!before) throw new Error(`appeal ${appeal.id} has no verification decision`);
      const after = await reviseVerification(tx, before.id, { value: body.value, note: body.note.trim(), assessorId: c.principal.id });
      await work.audit({
        action: 'verification.revise', entityType: 'participant', entityId: participant.id,
        before: { [appeal.questionCode]: { decision: before.decision, value: before.value, note: before.note } },
        after: { [appeal.questionCode]: { decision: after.decision, value: after.value, note: after.note } },
      });
    }
    const resolved = await updateAppeal(tx, appeal.id, {
      status: body.status, resolutionNote: body.note.trim(), revisedValue: body.status === 'revised' ? body.value : null,
      resolvedBy: c.principal.id, resolvedAt: new Date(), updatedAt: new Date(), version: appeal.version + 1,
    });
    await work.audit({
      action: 'appeal.resolve', entityType: 'appeal', entityId: appeal.id,
      before: { status: appeal.status }, after: { status: resolved.status, resolutionNote: resolved.resolutionNote, revisedValue: resolved.revisedValue },
    });
    work.emit('appeal.resolved', {
      periodId: participant.periodId, bodyId: participant.bodyId, participantId: participant.id, appealId: appeal.id, question: appeal.questionCode,
      status: resolved.status, revisedValue: resolved.revisedValue ?? null,
    });
    return resolved;
  }, { bump: body.status === 'revised', checkIfMatch: false });
  return appealDto(result);
}
