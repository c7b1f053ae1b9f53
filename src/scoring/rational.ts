// Exact rationals over BigInt. Scores are ratios of weighted sums (checklists even give thirds),
// so the engine keeps every intermediate value exact and only turns it into a 40-digit decimal
// when a value is reported. Rounding to 2 decimals is done on the exact value, never on an
// approximation, so a score that is exactly 89.995 always reports 90.00.
import { D, toDec, type Dec } from './decimal.ts';
import { must } from '../must.ts';

export interface Rat { readonly n: bigint; readonly d: bigint } // d > 0

export const ZERO: Rat = { n: 0n, d: 1n };
export const ONE: Rat = { n: 1n, d: 1n };
export const HUNDRED: Rat = { n: 100n, d: 1n };

const POW10: bigint[] = [];
function pow10(k: number): bigint {
  for (let i = POW10.length; i <= k; i++) POW10.push(i === 0 ? 1n : must(POW10[i - 1], 'the previous power of ten') * 10n);
  return must(POW10[k], `10^${k}`);
}

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

export function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

/** n/d in lowest terms (used when compiling, where small numbers pay off many times). */
export function rat(n: bigint, d: bigint = 1n): Rat {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) return reduce(-n, -d);
  return reduce(n, d);
}

/**
 * n/d as it is. The arithmetic below does not reduce: a participant's score takes a handful of
 * operations, the numbers stay small, and Euclid's algorithm on every step would cost more than
 * everything else together.
 */
function frac(n: bigint, d: bigint): Rat {
  if (d === 0n) throw new RangeError('division by zero');
  return d < 0n ? { n: -n, d: -d } : { n, d };
}

function reduce(n: bigint, d: bigint): Rat {
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** The exact value of a decimal (a JSON number read through its text, a decimal string, or a Dec). */
export function ratOf(value: number | string | Dec): Rat {
  // Fast path for plain decimal text ("85.5", 2): the same value toDec gives, without a Decimal.
  const text = typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
  const match = text === null ? null : PLAIN_DECIMAL.exec(text);
  if (match) {
    const fraction = match[3] ?? '';
    const n = BigInt(match[2] + fraction);
    return rat(match[1] ? -n : n, pow10(fraction.length));
  }
  const exact = toDec(value).toFixed();
  const negative = exact.startsWith('-');
  const body = negative ? exact.slice(1) : exact;
  const dot = body.indexOf('.');
  const digits = dot < 0 ? body : body.slice(0, dot) + body.slice(dot + 1);
  const scale = dot < 0 ? 0 : body.length - dot - 1;
  return rat(negative ? -BigInt(digits) : BigInt(digits), pow10(scale));
}

export const add = (a: Rat, b: Rat): Rat => (a.d === b.d ? frac(a.n + b.n, a.d) : frac(a.n * b.d + b.n * a.d, a.d * b.d));
export const sub = (a: Rat, b: Rat): Rat => add(a, { n: -b.n, d: b.d });
export const mul = (a: Rat, b: Rat): Rat => frac(a.n * b.n, a.d * b.d);
export const div = (a: Rat, b: Rat): Rat => frac(a.n * b.d, a.d * b.n);
export const cmp = (a: Rat, b: Rat): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};

const PRECISION = 40;

/**
 * n/d as a Dec with 40 significant digits, rounded half up: the same value `D.div` gives, computed
 * with one BigInt division (decimal.js division is the engine's slowest step).
 */
export function fracToDec(n: bigint, d: bigint): Dec {
  if (n === 0n) return new D(0);
  const negative = (n < 0n) !== (d < 0n);
  n = abs(n);
  d = abs(d);
  // Aim for at least PRECISION + 1 digits in the integer quotient so the rounding digit is present.
  const k = PRECISION + 2 - (n.toString().length - d.toString().length);
  const q = k >= 0 ? (n * pow10(k)) / d : n / (d * pow10(-k));
  const qs = q.toString();
  let exponent = qs.length - PRECISION - k;
  // q is the floor of the exact quotient; the dropped tail is ≥ one half exactly when its first digit is ≥ 5.
  let head = qs.charCodeAt(PRECISION) >= 53 ? (BigInt(qs.slice(0, PRECISION)) + 1n).toString() : qs.slice(0, PRECISION);
  // Trailing zeros carry no value; dropping them makes the decimal cheaper to build.
  let end = head.length;
  while (end > 1 && head.charCodeAt(end - 1) === 48) end--;
  exponent += head.length - end;
  head = head.slice(0, end);
  return new D(`${negative ? '-' : ''}${head}e${exponent}`);
}

export function ratToDec(r: Rat): Dec {
  return fracToDec(r.n, r.d);
}

/** n/d rounded half up (away from zero at the half) to 2 decimals, from the exact value. */
export function fracRound2Cents(n: bigint, d: bigint): bigint {
  const negative = (n < 0n) !== (d < 0n);
  const an = abs(n);
  const ad = abs(d);
  const cents = (an * 200n + ad) / (ad * 2n);
  return negative ? -cents : cents;
}

export function centsToDec(cents: bigint): Dec {
  return new D(`${cents}e-2`);
}
