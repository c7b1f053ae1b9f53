// Juror agreement: per participant the spread of the jurors' presentation scores, and the jurors
// further than the period's threshold from the panel mean.
import type { Executor } from '../../../db/client.ts';
import { decodeCursor, page } from '../../../http/pagination.ts';
import { Problem } from '../../../http/problems.ts';
import { D, toScoreNumber, type Dec } from '../../../scoring/index.ts';
import type { Period } from '../../periods/index.ts';
import { jurorAssignmentsOf, periodParticipants, presentationScoresOf } from './live.repo.ts';
import { mean } from '../summary.ts';
import { t } from '../../../i18n/message.ts';

export async function jurorAgreement(db: Executor, period: Period) {
  const threshold = new D(period.jurorDeviationThreshold);
  const scores = await presentationScoresOf(db, period.id);
  const assigned = await jurorAssignmentsOf(db, period.id);
  const people = new Map((await periodParticipants(db, period.id)).map((p) => [p.participantId, p]));

  const assignedTo = new Map<string, typeof assigned>();
  for (const a of assigned) {
    const list = assignedTo.get(a.participantId);
    if (list) list.push(a);
    else assignedTo.set(a.participantId, [a]);
  }
  const byParticipant = new Map<string, typeof scores>();
  for (const s of scores) {
    const list = byParticipant.get(s.participantId);
    if (list) list.push(s);
    else byParticipant.set(s.participantId, [s]);
  }
  const jurorTotals = new Map<string, { jurorId: string; jurorName: string; scored: number; deviation: Dec; flaggedCount: number }>();
  const items = [];
  for (const [participantId, list] of byParticipant) {
    const p = people.get(participantId);
    if (!p) continue;
    const values = list.map((s) => new D(s.score));
    const panelMean = mean(values) as Dec;
    const min = values.reduce((a, b) => (b.lt(a) ? b : a));
    const max = values.reduce((a, b) => (b.gt(a) ? b : a));
    const variance = mean(values.map((v) => v.minus(panelMean).pow(2))) as Dec;
    const jurors = list
      .map((s) => {
        const deviation = new D(s.score).minus(panelMean);
        const flagged = deviation.abs().gt(threshold);
        let total = jurorTotals.get(s.jurorId);
        if (!total) jurorTotals.set(s.jurorId, (total = { jurorId: s.jurorId, jurorName: s.jurorName, scored: 0, deviation: new D(0), flaggedCount: 0 }));
        total.scored++;
        total.deviation = total.deviation.plus(deviation);
        if (flagged) total.flaggedCount++;
        return { jurorId: s.jurorId, jurorName: s.jurorName, score: toScoreNumber(new D(s.score)) as number, deviation: toSigned(deviation), flagged };
      })
      .sort((a, b) => a.jurorName.localeCompare(b.jurorName, 'id') || a.jurorId.localeCompare(b.jurorId));
    const scoredIds = new Set(list.map((s) => s.jurorId));
    items.push({
      participantId,
      bodyId: p.bodyId,
      bodyName: p.bodyName,
      categoryId: p.categoryId,
      jurors,
      pendingJurors: (assignedTo.get(participantId) ?? []).filter((a) => !scoredIds.has(a.jurorId))
        .map((a) => ({ jurorId: a.jurorId, jurorName: a.jurorName })),
      mean: toScoreNumber(panelMean) as number,
      min: toScoreNumber(min) as number,
      max: toScoreNumber(max) as number,
      spread: toSigned(max.minus(min)),
      standardDeviation: toSigned(variance.sqrt()),
      flagged: jurors.some((j) => j.flagged),
      spreadExact: max.minus(min),
    });
  }
  // flagged participants first, then by spread (widest first), then by name
  items.sort((a, b) => Number(b.flagged) - Number(a.flagged) || b.spreadExact.cmp(a.spreadExact)
    || a.bodyName.localeCompare(b.bodyName, 'id') || a.participantId.localeCompare(b.participantId));
  const jurors = [...jurorTotals.values()]
    .map((j) => ({ jurorId: j.jurorId, jurorName: j.jurorName, scored: j.scored, meanDeviation: toSigned(j.deviation.div(j.scored)), flaggedCount: j.flaggedCount }))
    .sort((a, b) => a.jurorName.localeCompare(b.jurorName, 'id') || a.jurorId.localeCompare(b.jurorId));
  return { threshold: Number(threshold.toString()), jurors, items: items.map(({ spreadExact: _s, ...item }) => item) };
}

/** A signed difference rounded half up (away from zero) to 2 decimals, as a JSON number. */
function toSigned(value: Dec): number {
  return Number(value.toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2));
}

export type AgreementBody = Awaited<ReturnType<typeof jurorAgreement>>;

/** Agreement rows after a cursor (the participant id of the previous page's last row). */
export function pageAgreement(items: AgreementBody['items'], limit: number, cursor: string | undefined) {
  const after = decodeCursor(cursor, 1);
  let start = 0;
  if (after !== null) {
    start = items.findIndex((i) => i.participantId === after[0]) + 1;
    if (start === 0) throw new Problem('validation_failed', t`The cursor is not valid any more; start again without it`, { errors: [{ path: 'querystring.cursor', message: t`is not valid` }] });
  }
  return page(items.slice(start, start + limit + 1), limit, (i) => [i.participantId]);
}
