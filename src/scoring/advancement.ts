// Who goes on to the later stages (SCORING.md §5). Non-submitters never advance.
import { toDec, type Dec } from './decimal.ts';
import type { Advancement } from './types.ts';

export interface AdvancementRow { id: string; categoryId: string; verifiedSaq: Dec; submitted: boolean }

/**
 * The ids of the participants that advance: everybody (`none`), verified SAQ ≥ minScore compared
 * unrounded (`min_score`), or the n best verified SAQ of each category with every participant tied
 * at the cut included (`top_per_category`).
 */
export function applyAdvancement(adv: Advancement, rows: AdvancementRow[]): Set<string> {
  const submitted = rows.filter((r) => r.submitted);
  switch (adv.rule) {
    case 'none':
      return new Set(submitted.map((r) => r.id));
    case 'min_score': {
      const min = toDec(adv.minScore);
      return new Set(submitted.filter((r) => r.verifiedSaq.gte(min)).map((r) => r.id));
    }
    case 'top_per_category': {
      const byCategory = new Map<string, AdvancementRow[]>();
      for (const row of submitted) {
        const list = byCategory.get(row.categoryId);
        if (list) list.push(row);
        else byCategory.set(row.categoryId, [row]);
      }
      const advanced = new Set<string>();
      for (const list of byCategory.values()) {
        list.sort((a, b) => b.verifiedSaq.cmp(a.verifiedSaq));
        if (list.length <= adv.n) {
          for (const row of list) advanced.add(row.id);
          continue;
        }
        const cut = list[adv.n - 1].verifiedSaq;
        for (const row of list) if (row.verifiedSaq.gte(cut)) advanced.add(row.id);
      }
      return advanced;
    }
  }
}
