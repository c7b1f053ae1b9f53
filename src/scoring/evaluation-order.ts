// The order a period runs its evaluation stages in, and the names it shows its stages by
// (docs/scoring.md §5 "Evaluation order"). KI Pusat holds *uji publik* (the presentation) before the
// visitation; most provinces visit first. Display and sequence only: neither the order nor a label
// changes a weight or a number, so the scoring engine never reads them.
import { isObj } from './issues.ts';
import type { EvaluationStage, PeriodScoring, StageName } from './types.ts';

/** The evaluation stages in their default order: the visitation (visitasi), then the presentation. */
export const EVALUATION_STAGES = ['visitation', 'presentation'] as const satisfies readonly EvaluationStage[];

/** The stages a label may name: the ones that carry a score. */
export const LABELLED_STAGES = ['saq', ...EVALUATION_STAGES] as const satisfies readonly StageName[];

/** The names stages are shown by unless the period's stageLabels says otherwise. */
export const DEFAULT_STAGE_LABELS: Readonly<Record<StageName, string>> = {
  saq: 'Penilaian Mandiri (SAQ)',
  visitation: 'Visitasi',
  presentation: 'Presentasi',
};

/** The longest label accepted: it becomes a column header of the exports. */
export const STAGE_LABEL_MAX_LENGTH = 60;

export function isEvaluationStage(value: unknown): value is EvaluationStage {
  return (EVALUATION_STAGES as readonly unknown[]).includes(value);
}

export function isLabelledStage(value: unknown): value is StageName {
  return (LABELLED_STAGES as readonly unknown[]).includes(value);
}

type OrderSettings = Pick<PeriodScoring, 'stages' | 'evaluationOrder'>;
type LabelSettings = OrderSettings & Pick<PeriodScoring, 'stageLabels'>;

/**
 * The evaluation stages the period has, in the order it runs them: the ones its evaluationOrder
 * names (a validated order names exactly these), then any it left out in the default order. So a
 * period stored before the setting existed, or with none given, runs the default order.
 */
export function evaluationOrderOf(period: OrderSettings): EvaluationStage[] {
  const has = (s: EvaluationStage) => period.stages[s] !== undefined;
  const named: EvaluationStage[] = [];
  for (const s of period.evaluationOrder ?? []) if (isEvaluationStage(s) && has(s) && !named.includes(s)) named.push(s);
  return [...named, ...EVALUATION_STAGES.filter((s) => has(s) && !named.includes(s))];
}

/** The stages that carry a score, in the order the period runs them: saq, then its evaluation order. */
export function scoredStagesInOrder(period: OrderSettings): StageName[] {
  return ['saq', ...evaluationOrderOf(period)];
}

/** The name the period shows `stage` by. */
export function stageLabelOf(period: Pick<PeriodScoring, 'stageLabels'>, stage: StageName): string {
  return period.stageLabels?.[stage] ?? DEFAULT_STAGE_LABELS[stage];
}

/** Every stage of the period that carries a score, in running order, with the name it is shown by. */
export function stageLabelsOf(period: LabelSettings): Partial<Record<StageName, string>> {
  return Object.fromEntries(scoredStagesInOrder(period).map((s) => [s, stageLabelOf(period, s)]));
}

/**
 * The order and labels a period keeps when its `stages` change and the change does not restate
 * them: the stored order without the stages dropped, the stages added after it in the default
 * order; the labels of the stages it still has. (Given explicitly, both are validated strictly.)
 */
export function carriedStageSettings(stored: Pick<PeriodScoring, 'evaluationOrder' | 'stageLabels'>, stages: unknown): Pick<PeriodScoring, 'evaluationOrder' | 'stageLabels'> {
  if (!isObj(stages)) return { evaluationOrder: stored.evaluationOrder ?? [], stageLabels: stored.stageLabels ?? {} };
  const evaluationOrder = evaluationOrderOf({ stages: stages as PeriodScoring['stages'], evaluationOrder: stored.evaluationOrder });
  const stageLabels = Object.fromEntries(Object.entries(stored.stageLabels ?? {}).filter(([s]) => s === 'saq' || stages[s] !== undefined));
  return { evaluationOrder, stageLabels };
}
