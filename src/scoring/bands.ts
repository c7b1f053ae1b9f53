// Qualification bands (docs/scoring.md §6): a band is chosen on the final score rounded half up to
// 2 decimals, so 89.994 → 89.99 → Menuju Informatif and 89.995 → 90.00 → Informatif.
import { round2, toDec, type Dec } from './decimal.ts';
import type { Band } from './types.ts';

export const DEFAULT_BANDS: Band[] = [
  { code: 'informatif', label: 'Informatif', min: 90 },
  { code: 'menuju_informatif', label: 'Menuju Informatif', min: 80 },
  { code: 'cukup_informatif', label: 'Cukup Informatif', min: 60 },
  { code: 'kurang_informatif', label: 'Kurang Informatif', min: 40 },
  { code: 'tidak_informatif', label: 'Tidak Informatif', min: 0 },
];

/** The band of an already rounded score: the highest `min` that is ≤ it. */
function bandForRounded(bands: Band[], rounded: Dec): Band {
  let best: Band | null = null;
  let bestMin: Dec | null = null;
  for (const band of bands) {
    const min = toDec(band.min);
    if (min.lte(rounded) && (bestMin === null || min.gt(bestMin))) {
      best = band;
      bestMin = min;
    }
  }
  if (best === null) throw new RangeError(`no band for score ${rounded.toString()}`);
  return best;
}

/** The band of a final score, judged on the score rounded half up to 2 decimals. */
export function bandFor(bands: Band[], finalScore: Dec): Band {
  return bandForRounded(bands, round2(finalScore));
}

/** The lowest band (the one a `tidak_informatif` non-submitter gets). */
export function lowestBand(bands: Band[]): Band {
  const [first, ...rest] = bands;
  if (first === undefined) throw new RangeError('no bands');
  let lowest = first;
  for (const band of rest) if (toDec(band.min).lt(toDec(lowest.min))) lowest = band;
  return lowest;
}

/** The band just above `band`, or null at the top. */
export function nextBandAbove(bands: Band[], band: Band): Band | null {
  const min = toDec(band.min);
  let next: Band | null = null;
  for (const b of bands) {
    const m = toDec(b.min);
    if (m.gt(min) && (next === null || m.lt(toDec(next.min)))) next = b;
  }
  return next;
}
