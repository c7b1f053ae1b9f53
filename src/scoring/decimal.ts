// The one decimal configuration every score computation uses (docs/scoring.md §1): 40 significant
// digits, half-up rounding, never binary floating point. A clone keeps the global Decimal untouched.
import Decimal from 'decimal.js';

export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -7, toExpPos: 21 });
export type Dec = InstanceType<typeof D>;

const DECIMAL_STRING = /^-?\d+(?:\.\d+)?$/;

/** True for a finite JSON number or a plain decimal string such as "0.89995". */
export function isDecimalLike(value: unknown): value is number | string {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && DECIMAL_STRING.test(value);
}

/** Reads a number through its decimal text (0.89995 stays exactly 0.89995) or a decimal string. */
export function toDec(value: number | string | Dec): Dec {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return new D(String(value));
  }
  if (typeof value === 'string') {
    if (!DECIMAL_STRING.test(value)) throw new RangeError(`not a decimal: "${value}"`);
    return new D(value);
  }
  return value;
}

/** Rounds half up to 2 decimals: the only rounding a reported score ever gets. */
export function round2(x: Dec): Dec {
  return x.toDecimalPlaces(2, D.ROUND_HALF_UP);
}

/** A score for JSON output: rounded half up to 2 decimals, then a JS number (display only). */
export function toScoreNumber(x: Dec | null): number | null {
  return x === null ? null : Number(round2(x).toFixed(2));
}
