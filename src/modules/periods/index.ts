// The periods module as the rest of the application sees it: import from here, not from its files.
// Services stay out on purpose: they rescore (scores/materialize.ts), and scores imports the
// lifecycle from here, so exporting them would close an import loop. Routes and commands call
// periods.service.ts directly.
export { loadPeriod, periodsOfYears, rankingsShownChanged, scoringOf, type Period } from './periods.repo.ts';
export {
  STAGES, assertEditable, assertStage, isAdvancementDecided, nextStage, planTransition, refusal, stagePath,
  type Direction, type Guard, type GuardFacts, type PathSettings, type Stage, type StatusMove, type TransitionPlan,
} from './lifecycle.ts';
export { assertBeforeDeadline, effectiveDeadline, type EnforcedDeadline } from './deadlines.ts';

