// GET .../score: why a participant has its score and what it would take to reach the next band
// (docs/scoring.md §8), recomputed from the same inputs the materialised scores come from, with the
// participant's adjustments (§5).
import { kept } from '../../db/changes.ts';
import type { Db } from '../../db/client.ts';
import type { RequestContext } from '../../http/context.ts';
import { Problem } from '../../http/problems.ts';
import { explainParticipant, round2, toScoreNumber, type Dec, type ParticipantInput } from '../../scoring/index.ts';
import { adjustmentDtos } from '../adjustments/index.ts';
import { loadParticipant, type Participant } from '../participants/access.ts';
import { loadParticipantInputs } from '../scores/inputs.repo.ts';
import { t } from '../../i18n/message.ts';

const score = (d: Dec): number => toScoreNumber(d)!;
const maybe = (d: Dec | null | undefined): number | null => (d === null || d === undefined ? null : toScoreNumber(d));
const fraction = (d: Dec): number => Number(d.toDecimalPlaces(4).toFixed(4));

async function inputsOf(db: Db, participant: Participant): Promise<ParticipantInput> {
  const input = (await loadParticipantInputs(db, participant.periodId, [participant.id])).get(participant.id);
  if (!input) throw new Problem('conflict', t`The participant's category has no questionnaire in this period: it cannot be scored`);
  return input;
}

/** The participant (visible to the caller), its period and scoring inputs. */
export async function scoringInputsOf(db: Db, c: RequestContext, periodId: string, bodyId: string) {
  const { period, participant } = await loadParticipant(db, c, periodId, bodyId);
  return { period, participant, input: await inputsOf(db, participant) };
}

/**
 * A 150-question explanation costs milliseconds of exact arithmetic and four queries, and a dashboard
 * asks for the same one over and over: it is built once per participant and state (the period's score
 * clock and settings, and no table changed since: db/changes.ts) and shared, kept as the bytes the
 * route sends (`serialize` is the route's response serializer: serialising 40 KB was most of a
 * repeated request's cost). The caller's access is checked on every request, before.
 */
export async function getScoreJson(db: Db, c: RequestContext, periodId: string, bodyId: string, serialize: (body: unknown) => string): Promise<Buffer> {
  const { period, participant } = await loadParticipant(db, c, periodId, bodyId);
  const explained = await kept(db, 'score-explanations', `${participant.id}:${period.scoresChangedAt.getTime()}:${period.version}`,
    async () => ({ bytes: Buffer.from(serialize(await scoreExplanation(db, participant, await inputsOf(db, participant)))) }), 500);
  return explained.bytes;
}

/** The JSON score explanation of a participant from its inputs. */
export async function scoreExplanation(db: Db, participant: Participant, input: ParticipantInput) {
  const e = explainParticipant(input);
  const s = e.score;
  const stages: { saq: number; visitation?: number | null; presentation?: number | null } = { saq: score(s.stages.saq) };
  if ('visitation' in s.stages) stages.visitation = maybe(s.stages.visitation);
  if ('presentation' in s.stages) stages.presentation = maybe(s.stages.presentation);
  return {
    participantId: participant.id,
    bodyId: participant.bodyId,
    status: s.status,
    selfAssessedSaq: score(s.selfAssessedSaq),
    verifiedSaq: score(s.verifiedSaq),
    stages,
    advanced: s.advanced,
    advancementDecided: participant.advanced !== null || s.status === 'not_submitted',
    finalScore: maybe(s.finalScore),
    finalScoreExact: s.finalScore === null ? null : s.finalScore.toString(),
    band: s.band,
    complete: s.complete,
    progress: s.progress,
    indicators: e.indicators.map((i) => ({
      code: i.code, name: i.name, weight: Number(i.weight), score: score(i.score), contribution: score(i.contribution), selfScore: score(i.selfScore),
      ...(i.subIndicators ? { subIndicators: i.subIndicators.map((sub) => ({ code: sub.code, name: sub.name, score: score(sub.score), selfScore: score(sub.selfScore) })) } : {}),
    })),
    stageDetails: e.stages.map((st) => ({
      stage: st.stage, label: st.label, weight: Number(st.weight), score: maybe(st.score),
      effectiveWeight: Number(st.effectiveWeight.toDecimalPlaces(4).toFixed(4)), contribution: maybe(st.contribution),
    })),
    questions: e.questions.map((q) => ({
      code: q.code, indicator: q.indicator, ...(q.subIndicator !== undefined ? { subIndicator: q.subIndicator } : {}),
      text: q.text, type: q.type, weight: Number(q.weight), evidence: q.evidence,
      selfValue: q.selfValue, verifiedValue: q.verifiedValue, selfScore: fraction(q.selfScore), verifiedScore: fraction(q.verifiedScore), decided: q.decided,
    })),
    adjustments: await adjustmentDtos(db, participant.id),
    adjustmentTotal: Number(round2(s.adjustmentTotal).toFixed(2)),
    adjustmentsApplied: s.adjustmentsApplied,
    baseScore: maybe(s.baseScore),
    gap: {
      nextBand: e.gap.nextBand,
      pointsNeeded: e.gap.pointsNeeded === null ? null : Number(e.gap.pointsNeeded.toFixed(2)),
      questions: e.gap.questions.map((g) => ({
        question: g.question, indicator: g.indicator, text: g.text, verifiedScore: fraction(g.verifiedScore), gain: score(g.gain), gainExact: g.gain.toString(),
      })),
    },
  };
}
