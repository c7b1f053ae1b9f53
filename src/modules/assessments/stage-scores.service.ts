// Later stages (docs/scoring.md §5): the visitation score an assigned assessor enters, and each assigned
// juror's presentation aspect scores. Only participants that advanced get them.
import type { Db } from '../../db/client.ts';
import type { RequestContext } from '../../http/context.ts';
import type { Work } from '../../http/unit-of-work.ts';
import { invalid, Problem } from '../../http/problems.ts';
import { presentationScore, toDec, toScoreNumber, validateStageScores } from '../../scoring/index.ts';
import { loadParticipant, type Participant } from '../participants/access.ts';
import { assertStage, scoringOf } from '../periods/index.ts';
import { findPresentation, presentationRows, setVisitation, upsertPresentation, type PresentationRow } from './assessments.repo.ts';
import type { PresentationPut, VisitationPut } from './assessments.schemas.ts';
import { assertRole, participantWrite, type ParticipantIds } from './common.ts';
import { t } from '../../i18n/message.ts';

function assertAdvanced(participant: Participant): void {
  if (participant.advanced !== true) {
    throw new Problem('conflict', t`The participant did not advance to the later stages (docs/scoring.md §5)`, { extra: { advanced: participant.advanced } });
  }
}

function visitationDto(p: Participant, version: number) {
  return {
    participantId: p.id,
    score: toScoreNumber(toDec(p.visitationScore ?? '0'))!,
    notes: p.visitationNotes,
    assessorId: p.visitationBy,
    version,
  };
}

export async function putVisitation(work: Work, ids: ParticipantIds, body: VisitationPut) {
  const c = work.ctx;
  const { result, version } = await participantWrite(work, ids, async ({ tx, period, participant }) => {
    assertRole(c, 'assessor', t`The visitation score`);
    assertStage(period, ['visitation'], t`Entering a visitation score`);
    assertAdvanced(participant);
    const issues = validateStageScores(scoringOf(period), { visitation: body.score });
    if (issues.length > 0) throw invalid(t`The visitation score is not valid`, issues.map((i) => ({ path: `body.score${i.path.replace(/^visitation/, '')}`, message: i.message })));
    const updated = await setVisitation(tx, participant.id, {
      visitationScore: toDec(body.score).toString(), visitationNotes: body.notes ?? null, visitationBy: c.principal.id,
    });
    await work.audit({
      action: 'visitation.put', entityType: 'participant', entityId: participant.id,
      before: { visitationScore: participant.visitationScore, visitationNotes: participant.visitationNotes, visitationBy: participant.visitationBy },
      after: { visitationScore: updated.visitationScore, visitationNotes: updated.visitationNotes, visitationBy: updated.visitationBy },
    });
    return updated;
  });
  return visitationDto(result, version);
}

function presentationDto(r: PresentationRow) {
  return {
    participantId: r.participantId, jurorId: r.jurorId, aspects: r.aspects,
    score: toScoreNumber(toDec(r.score))!, updatedAt: r.updatedAt.toISOString(),
  };
}

export async function putPresentation(work: Work, ids: ParticipantIds, body: PresentationPut) {
  const c = work.ctx;
  const { result } = await participantWrite(work, ids, async ({ tx, period, participant }) => {
    assertRole(c, 'juror', t`Presentation scores`);
    assertStage(period, ['presentation'], t`Entering presentation scores`);
    assertAdvanced(participant);
    const scoring = scoringOf(period);
    const issues = validateStageScores(scoring, { presentation: [body.aspects] });
    if (issues.length > 0) {
      throw invalid(t`The presentation scores are not valid`, issues.map((i) => ({ path: i.path.replace(/^presentation\[0\]/, 'body.aspects'), message: i.message })));
    }
    const score = presentationScore(scoring.presentationAspects, [body.aspects])!;
    const before = await findPresentation(tx, participant.id, c.principal.id);
    const row = await upsertPresentation(tx, {
      participantId: participant.id, jurorId: c.principal.id, aspects: body.aspects, score: score.toFixed(30),
    });
    await work.audit({
      action: 'presentation.put', entityType: 'participant', entityId: participant.id,
      before: before ? { jurorId: before.jurorId, aspects: before.aspects } : null,
      after: { jurorId: row.jurorId, aspects: row.aspects },
    });
    return row;
  }, { bump: false, checkIfMatch: false });
  return presentationDto(result);
}

/** The presentation stage score and every juror's scores; a juror sees only its own entry (the panel scores independently). */
export async function getPresentation(db: Db, c: RequestContext, periodId: string, bodyId: string) {
  const { participant } = await loadParticipant(db, c, periodId, bodyId);
  const isJuror = c.principal.kind === 'user' && c.principal.role === 'juror';
  const rows = await presentationRows(db, participant.id, isJuror ? c.principal.id : undefined);
  return {
    participantId: participant.id,
    score: participant.presentationStageScore === null ? null : toScoreNumber(toDec(participant.presentationStageScore)),
    items: rows.map(presentationDto),
  };
}
