// The period stage machine (API.md): draft → saq → verification → [appeal] → [visitation] →
// [presentation] → deliberation → closed. Optional stages exist only when the period has them.
import { wrongStage } from '../../http/problems.ts';

export const STAGES = ['draft', 'saq', 'verification', 'appeal', 'visitation', 'presentation', 'deliberation', 'closed'] as const;
export type Stage = (typeof STAGES)[number];

export interface StagedPeriod {
  stage: Stage;
  hasAppeal: boolean;
  /** the SCORING.md stage weights: visitation/presentation present when the period has them */
  stages: { saq: unknown; visitation?: unknown; presentation?: unknown };
}

/** The stages this period goes through, in order. */
export function stagePath(period: Omit<StagedPeriod, 'stage'>): Stage[] {
  return STAGES.filter((s) => {
    if (s === 'appeal') return period.hasAppeal;
    if (s === 'visitation') return period.stages.visitation !== undefined;
    if (s === 'presentation') return period.stages.presentation !== undefined;
    return true;
  });
}

/** 409 with the current stage unless the period is in one of `allowed`. */
export function assertStage(period: { stage: Stage }, allowed: readonly Stage[], action: string): void {
  if (!allowed.includes(period.stage)) {
    throw wrongStage(period.stage, `${action} is possible only in stage ${allowed.map((s) => `"${s}"`).join(' or ')}`);
  }
}
