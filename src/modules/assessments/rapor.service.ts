// The rapor (GET …/score as application/pdf): the participant's score explanation as a letter. The
// numbers are those of the JSON explanation (scoreExplanation), read with the same access rules.
import type { Db } from '../../db/client.ts';
import type { RequestContext } from '../../http/context.ts';
import { Problem } from '../../http/problems.ts';
import { renderRapor } from '../../documents/rapor.ts';
import { scoringInputsHash } from '../../scoring/index.ts';
import { newestSetWithInputs } from '../results/index.ts';
import { participantNames } from './assessments.repo.ts';
import { scoreExplanation, scoringInputsOf } from './score.service.ts';
import { t, type Message } from '../../i18n/message.ts';

const NO_SCORE: Record<string, Message> = {
  not_submitted: t`The participant has not submitted its self-assessment questionnaire, so it has no final score yet: there is no rapor to print`,
};

export async function getRapor(db: Db, c: RequestContext, periodId: string, bodyId: string, fontDir: string): Promise<{ filename: string; pdf: Buffer }> {
  const { period, participant, input } = await scoringInputsOf(db, c, periodId, bodyId);
  const score = await scoreExplanation(db, participant, input);
  if (score.finalScore === null) {
    throw new Problem('conflict', NO_SCORE[score.status] ?? t`The participant has no final score yet: there is no rapor to print`, { extra: { participantStatus: score.status } });
  }
  const names = await participantNames(db, participant.id);
  // named only when a result set froze exactly these inputs: then its numbers are this letter's
  const resultSet = await newestSetWithInputs(db, period.id, participant.id, scoringInputsHash(input));
  const pdf = await renderRapor({
    commission: names.commission,
    period: { title: period.title, year: period.year },
    body: names.body,
    category: names.category,
    score,
    resultSet: resultSet ?? null,
    printedAt: new Date(),
  }, fontDir);
  return { filename: `rapor-${period.year}-${names.body}`, pdf };
}
