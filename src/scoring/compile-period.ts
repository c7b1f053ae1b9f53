// A period's scoring settings compiled once per settings object (stages, aspects and bands with
// exact weights), as a questionnaire is by compile.ts: a cohort of thousands shares one.
import { lowestBand } from './bands.ts';
import { D, type Dec } from './decimal.ts';
import { HUNDRED, ZERO, add, cmp, div, mul, rat, ratOf, ratToDec, type Rat } from './rational.ts';
import type { Band, PeriodScoring, StageName } from './types.ts';

export interface CompiledPeriod {
  readonly period: PeriodScoring;
  /** The period's stages in the order saq, visitation, presentation, with exact weights. */
  readonly stages: readonly { name: StageName; weightText: string; weight: Rat }[];
  readonly saqWeight: Rat;
  readonly aspects: readonly { name: string; weight: Rat }[];
  readonly aspectWeightSum: Rat;
  readonly lowestBand: Band;
  /** Bands by min descending, each min exact, for choosing a band from rounded cents. */
  readonly bandMins: readonly { band: Band; min: Rat }[];
}

const periodCache = new WeakMap<PeriodScoring, CompiledPeriod>();

export function compilePeriod(period: PeriodScoring): CompiledPeriod {
  const cached = periodCache.get(period);
  if (cached) return cached;
  const stages = (['saq', 'visitation', 'presentation'] as const)
    .filter((name) => period.stages[name] !== undefined)
    .map((name) => {
      const raw = period.stages[name] as number | string;
      return { name, weightText: ratToDec(ratOf(raw)).toString(), weight: ratOf(raw) };
    });
  const aspects = Object.entries(period.presentationAspects).map(([name, w]) => ({ name, weight: ratOf(w) }));
  const compiled: CompiledPeriod = {
    period,
    stages,
    saqWeight: ratOf(period.stages.saq),
    aspects,
    aspectWeightSum: aspects.reduce((sum, a) => add(sum, a.weight), ZERO),
    lowestBand: lowestBand(period.bands),
    bandMins: period.bands.map((band) => ({ band, min: ratOf(band.min) })).sort((a, b) => cmp(b.min, a.min)),
  };
  periodCache.set(period, compiled);
  return compiled;
}

/** The first band (by min descending) whose min ≤ cents / 100, compared exactly. */
export function bandForCents(cp: CompiledPeriod, cents: bigint): Band {
  for (const { band, min } of cp.bandMins) if (cents * min.d >= min.n * 100n) return band;
  throw new RangeError(`no band for score ${cents}e-2`);
}

/** A stage score 0–100 (visitation, a juror's aspect score) read exactly; out of range throws. */
export function stageValue(value: number | string, what: string): Rat {
  const r = ratOf(value);
  if (cmp(r, ZERO) < 0 || cmp(r, HUNDRED) > 0) throw new RangeError(`${what} must be between 0 and 100`);
  return r;
}

/** The presentation score as an exact rational: the mean of the jurors' weighted means. */
export function presentationRat(aspects: CompiledPeriod['aspects'], weightSum: Rat, juries: Record<string, number | string>[]): Rat | null {
  if (juries.length === 0) return null;
  if (aspects.length === 0) throw new RangeError('presentation scores given but the period declares no presentation aspects');
  let total = ZERO;
  juries.forEach((juror, i) => {
    let weighted = ZERO;
    for (const aspect of aspects) {
      const value = juror[aspect.name];
      if (value === undefined) throw new RangeError(`presentation[${i}].${aspect.name} is missing`);
      weighted = add(weighted, mul(aspect.weight, stageValue(value, `presentation[${i}].${aspect.name}`)));
    }
    for (const key of Object.keys(juror)) {
      if (!aspects.some((a) => a.name === key)) throw new RangeError(`presentation[${i}].${key} is not an aspect of the period`);
    }
    total = add(total, div(weighted, weightSum));
  });
  return div(total, rat(BigInt(juries.length)));
}

/** The presentation stage score: the arithmetic mean of the jurors' weighted means; null without jurors. */
export function presentationScore(aspects: PeriodScoring['presentationAspects'], juries: Record<string, number | string>[]): Dec | null {
  const list = Object.entries(aspects).map(([name, w]) => ({ name, weight: ratOf(w) }));
  const r = presentationRat(list, list.reduce((sum, a) => add(sum, a.weight), ZERO), juries);
  return r === null ? null : new D(r.n.toString()).div(r.d.toString());
}
