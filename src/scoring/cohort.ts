// Scoring a whole cohort (a period's participants) in one pass: each participant's answers are
// read once, advancement is applied on the exact verified SAQ, then final scores and bands follow.
// This is what materialising a result set needs; scoreParticipant stays the single-participant form.
import { advanceExact } from './advancement.ts';
import { finalise, measure, toParticipantScore } from './score.ts';
import type { ParticipantInput, ParticipantScore, PeriodScoring } from './types.ts';

export interface CohortMember extends Omit<ParticipantInput, 'period' | 'advanced'> {
  id: string;
  categoryId: string;
  /** Overrides the period's advancement rule for this participant (e.g. a commission decision). */
  advanced?: boolean;
}

/** Scores every member against the period, applying its advancement rule; results in input order. */
export function scoreCohort(period: PeriodScoring, members: CohortMember[]): ParticipantScore[] {
  const measured = members.map((member) => ({
    member,
    measurement: measure({
      questionnaire: member.questionnaire, period, selfAnswers: member.selfAnswers, verifiedAnswers: member.verifiedAnswers,
      visitation: member.visitation, presentation: member.presentation,
    }),
  }));
  const advanced = advanceExact(
    period.advancement,
    measured.map(({ member, measurement }) => ({ id: member.id, categoryId: member.categoryId, verifiedSaq: measurement.verifiedSaq, submitted: member.submitted })),
  );
  return measured.map(({ member, measurement }) => toParticipantScore(finalise(measurement, member.advanced ?? advanced.has(member.id), member.submitted, member.adjustments)));
}
