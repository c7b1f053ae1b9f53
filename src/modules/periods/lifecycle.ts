// The life of a period (docs/api.md "Period stages"), as rules and no I/O: the stages it goes through,
// the steps allowed along them, what must hold before a step and what a step changes. The service
// reads the facts the guards name and carries out the plan in SQL, so the rules can be tested on
// their own. The evaluation stages run in the period's evaluationOrder (docs/scoring.md §5).
import type { participants } from '../../db/schema.ts';
import { Problem, wrongStage } from '../../http/problems.ts';
import { evaluationOrderOf, stageLabelOf, type PeriodScoring } from '../../scoring/index.ts';
import type { MissingCategory, OpenAppeal, Period } from './periods.repo.ts';
import { orList, t, type Message } from '../../i18n/message.ts';

/**
 * Every stage, in the default order; the optional ones are in a period's path only when it has
 * them, and its evaluation stages (visitation, presentation) in the order it runs them.
 */
export const STAGES = ['draft', 'saq', 'verification', 'appeal', 'visitation', 'presentation', 'deliberation', 'closed'] as const satisfies readonly Period['stage'][];
export type Stage = (typeof STAGES)[number];
// A stage the database may hold but the list lacked would be unreachable: this stops compiling.
const _everyStoredStageListed: [Exclude<Period['stage'], Stage>] extends [never] ? true : never = true;

/** What a period's stage path depends on (no evaluationOrder: the default order). */
export type PathSettings = Pick<Period, 'hasAppeal' | 'stages'> & Pick<PeriodScoring, 'evaluationOrder'>;

/**
 * The stages this period goes through, in order: draft, saq, verification, appeal when it has
 * one, its evaluation stages in its evaluationOrder, deliberation, closed.
 */
export function stagePath(period: PathSettings): Stage[] {
  return ['draft', 'saq', 'verification', ...(period.hasAppeal ? ['appeal' as const] : []), ...evaluationOrderOf(period), 'deliberation', 'closed'];
}

/** The stage after the period's current one, or null once closed. */
export function nextStage(period: PathSettings & Pick<Period, 'stage'>): Stage | null {
  const path = stagePath(period);
  return path[path.indexOf(period.stage) + 1] ?? null;
}

/**
 * 409 with the current stage unless the period is in one of `allowed`. Given the period's labels,
 * an evaluation stage is named with its label too ("presentation" (Uji Publik)).
 */
export function assertStage(period: { stage: Stage } & Pick<PeriodScoring, 'stageLabels'>, allowed: readonly Stage[], action: Message): void {
  if (!allowed.includes(period.stage)) {
    const named = (s: Stage) => ((s === 'visitation' || s === 'presentation') && period.stageLabels ? `"${s}" (${stageLabelOf(period, s)})` : `"${s}"`);
    throw wrongStage(period.stage, t`${action} is possible only in stage ${orList(allowed.map(named))}`);
  }
}

/** The stages before advancement is decided: until verification (the SAQs it compares) has closed. */
const UNDECIDED: readonly Stage[] = ['draft', 'saq', 'verification'];

/**
 * Whether advancement is final in this stage. Rules that rank participants against each other
 * (top_per_category) wait for the verified SAQs, so they decide once, when verification closes,
 * before the first evaluation stage whichever the period runs first (an appeal revised later
 * re-decides the category); per-participant rules (none, min_score) follow each score as it moves
 * and need no stage.
 */
export function isAdvancementDecided(stage: Stage): boolean {
  return !UNDECIDED.includes(stage);
}

/** Settings that decide how answers score or how the period runs, and so may change only before anyone answers. */
const DRAFT_ONLY = ['stages', 'presentationAspects', 'advancement', 'bands', 'nonSubmitters', 'evaluationOrder', 'stageLabels', 'maxAdjustment', 'year', 'appeal', 'appealOn'] as const;

/** 409 unless the period's settings named in `changing` may change in its stage. */
export function assertEditable(period: { stage: Stage }, changing: readonly string[]): void {
  const draftOnly = DRAFT_ONLY.filter((k) => changing.includes(k));
  if (draftOnly.length > 0) assertStage(period, ['draft'], t`Changing ${draftOnly.join(', ')}`);
  else if (period.stage === 'closed') throw wrongStage(period.stage, t`A closed period is read-only`);
}

// ─── Transitions ──────────────────────────────────────────────────────────────────────────────

export type Direction = 'forward' | 'back';

/** The facts a transition may depend on, read by the service before it moves. */
export interface GuardFacts {
  /** how many participants the period has */
  participants: number;
  /** categories of the period's participants without a questionnaire in the period */
  categoriesWithoutQuestionnaire: MissingCategory[];
  /** whether any participant has answered anything */
  answered: boolean;
  /** appeals not yet answered by an assessor */
  openAppeals: OpenAppeal[];
}
export type Guard = keyof GuardFacts;

type ParticipantStatus = (typeof participants.$inferSelect)['status'];

/** Every participant of the period in status `from` goes to `to`; how many is reported as `tally`. */
export interface StatusMove {
  from: ParticipantStatus;
  to: ParticipantStatus;
  tally: 'markedNotSubmitted' | 'reopened';
}

export interface TransitionPlan {
  from: Stage;
  to: Stage;
  direction: Direction;
  /** the reason audited; never null when moving back */
  reason: string | null;
  action: 'period.transition' | 'period.transition_back';
  /** checked in this order before anything changes; the first refusal wins */
  guards: Guard[];
  statusMoves: StatusMove[];
  /** scores depend on the stage (non-submitters, provisional advancement), so every step rescores */
  rescore: boolean;
}

interface Rule {
  direction: Direction;
  /** the stage left (forward rules) or entered (back rules) */
  at: Stage;
  guards?: Guard[];
  statusMoves?: StatusMove[];
}

const RULES: readonly Rule[] = [
  // The SAQ opens only for a period with participants that all have a questionnaire to answer.
  { direction: 'forward', at: 'draft', guards: ['participants', 'categoriesWithoutQuestionnaire'] },
  // Questionnaires change in draft, so going back there would change them under existing answers.
  { direction: 'back', at: 'draft', guards: ['answered'] },
  // Closing the SAQ makes who did not submit a non-submitter, scored per the period's nonSubmitters…
  { direction: 'forward', at: 'saq', statusMoves: [{ from: 'enrolled', to: 'not_submitted', tally: 'markedNotSubmitted' }] },
  // …and reopening it gives them their SAQ back.
  { direction: 'back', at: 'saq', statusMoves: [{ from: 'not_submitted', to: 'enrolled', tally: 'reopened' }] },
  // The masa sanggah closes only once every appeal has been answered.
  { direction: 'forward', at: 'appeal', guards: ['openAppeals'] },
];

/**
 * One step along the period's stage path, or a 409/422 saying why not. Forward goes only to the
 * next stage; back only to the previous one and only with a reason (`reason` is the body's, else
 * X-Audit-Reason), since undoing a stage reopens work people took as finished.
 */
export function planTransition(period: PathSettings & Pick<Period, 'stage'>, to: Stage, reason: string | null): TransitionPlan {
  const path = stagePath(period);
  const from = period.stage;
  const i = path.indexOf(from);
  const j = path.indexOf(to);
  const pathText = path.join(' → ');
  if (j < 0) throw wrongStage(from, t`This period has no stage "${to}" (its stages: ${pathText})`);
  if (j === i) throw wrongStage(from, t`The period is already in stage "${from}"`);
  if (j > i + 1) throw wrongStage(from, t`The next stage is "${path[i + 1]}"; stages cannot be skipped (${pathText})`);
  if (j < i - 1) throw wrongStage(from, t`Move back one stage at a time; the previous stage is "${path[i - 1]}"`);
  const direction: Direction = j > i ? 'forward' : 'back';
  if (direction === 'back' && !reason) {
    throw new Problem('reason_required', t`Moving the period back from "${from}" to "${to}" needs a reason (send "reason" or the X-Audit-Reason header)`);
  }
  const at = direction === 'forward' ? from : to;
  const rules = RULES.filter((r) => r.direction === direction && r.at === at);
  return {
    from, to, direction, reason,
    action: direction === 'forward' ? 'period.transition' : 'period.transition_back',
    guards: rules.flatMap((r) => r.guards ?? []),
    statusMoves: rules.flatMap((r) => r.statusMoves ?? []),
    rescore: true,
  };
}

const CHECKS: { [G in Guard]: (fact: GuardFacts[G], from: Stage) => Problem | null } = {
  participants: (count, from) => (count > 0 ? null : wrongStage(from, t`Opening the SAQ needs at least one participant; enrol bodies first`)),
  categoriesWithoutQuestionnaire: (missing, from) => (missing.length === 0 ? null : new Problem(
    'wrong_stage',
    t`Opening the SAQ needs a questionnaire for every participant's category; missing for ${missing.map((m) => m.code).join(', ')} (the period is in stage "${from}")`,
    {
      extra: { stage: from, missingCategories: missing },
      errors: missing.map((m) => ({ path: `categories.${m.code}`, message: t`category "${m.name}" has participants but no questionnaire` })),
    },
  )),
  answered: (answered, from) => (answered
    ? wrongStage(from, t`Bodies have already answered; the period cannot go back to draft (questionnaires would change under their answers)`)
    : null),
  openAppeals: (open, from) => (open.length === 0 ? null : new Problem(
    'conflict',
    open.length === 1
      ? t`The appeal window cannot close while 1 appeal is open; the assigned assessor resolves it first (the period is in stage "${from}")`
      : t`The appeal window cannot close while ${open.length} appeals are open; the assigned assessors resolve them first (the period is in stage "${from}")`,
    {
      extra: { stage: from, openAppeals: open },
      errors: open.map((a) => ({ path: `appeals.${a.id}`, message: t`participant ${a.participantId} (body ${a.bodyId}), question "${a.question}": still open` })),
    },
  )),
};

/** The problem that refuses the transition out of `from` when `guard`'s fact is as given; null to go on. */
export function refusal<G extends Guard>(guard: G, fact: GuardFacts[G], from: Stage): Problem | null {
  return CHECKS[guard](fact, from);
}
