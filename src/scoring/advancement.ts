// Who goes on to the later stages (docs/scoring.md §5). Non-submitters never advance.
import { type Dec } from './decimal.ts';
import { cmp, ratOf, type Rat } from './rational.ts';
import type { Advancement } from './types.ts';
import { must } from '../must.ts';

export interface AdvancementRow { id: string; categoryId: string; verifiedSaq: Dec; submitted: boolean }

/**
 * The ids of the participants that advance: everybody (`none`), verified SAQ ≥ minScore compared
 * unrounded (`min_score`), or the n best verified SAQ of each category with every participant tied
 * at the cut included (`top_per_category`).
 */
export function applyAdvancement(adv: Advancement, rows: AdvancementRow[]): Set<string> {
  return advanceExact(adv, rows.map((row) => ({ ...row, verifiedSaq: ratOf(row.verifiedSaq) })));
}

/** applyAdvancement on exact verified SAQ values. */
export function advanceExact(adv: Advancement, rows: { id: string; categoryId: string; verifiedSaq: Rat; submitted: boolean }[]): Set<string> {
  const submitted = rows.filter((r) => r.submitted);
  switch (adv.rule) {
    case 'none':
      return new Set(submitted.map((r) => r.id));
    case 'min_score': {
      const min = ratOf(adv.minScore);
      return new Set(submitted.filter((r) => cmp(r.verifiedSaq, min) >= 0).map((r) => r.id));
    }
    case 'top_per_category': {
      const byCategory = new Map<string, typeof submitted>();
      for (const row of submitted) {
        const list = byCategory.get(row.categoryId);
        if (list) list.push(row);
        else byCategory.set(row.categoryId, [row]);
      }
      const advanced = new Set<string>();
      for (const list of byCategory.values()) {
        list.sort((a, b) => cmp(b.verifiedSaq, a.verifiedSaq));
        // a list holds at least one row and n ≥ 1 (validatePeriodScoring)
        const cut = must(list[Math.min(adv.n, list.length) - 1], 'the row at the cut').verifiedSaq;
        for (const row of list) if (cmp(row.verifiedSaq, cut) >= 0) advanced.add(row.id);
      }
      return advanced;
    }
  }
}
