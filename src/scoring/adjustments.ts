// Adjustments (docs/scoring.md §5): plenary bonus or penalty points, e.g. Banten's nilai plus when the
// agency head presents in person. Each is a non-zero decimal with a reason; a period allows them
// only when its maxAdjustment is positive, and Σ|points| per participant may not exceed it. The
// final score of a complete participant becomes min(100, max(0, base + Σ points)), exactly.
import { isDecimalLike, toDec } from './decimal.ts';
import { HUNDRED, ZERO, add, cmp, ratOf, type Rat } from './rational.ts';
import type { Adjustment, PeriodScoring, ValidationIssue } from './types.ts';
import { t } from '../i18n/message.ts';

/** Σ points, exact (ZERO without adjustments). */
export function adjustmentSum(adjustments: readonly Adjustment[] | undefined): Rat {
  let sum = ZERO;
  for (const a of adjustments ?? []) sum = add(sum, ratOf(a.points));
  return sum;
}

/** min(100, max(0, base + total)), exact. */
export function applyAdjustment(base: Rat, total: Rat): Rat {
  const value = add(base, total);
  if (cmp(value, ZERO) < 0) return ZERO;
  if (cmp(value, HUNDRED) > 0) return HUNDRED;
  return value;
}

function isObj(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a participant's adjustments against the period: a list of `{ points, reason }`, each points
 * a non-zero decimal (a JSON number or a decimal string), each reason a non-empty string, and
 * Σ|points| ≤ maxAdjustment (a period with maxAdjustment 0 allows none). Paths are relative to the
 * list: `[1].points`; the sum is reported at the item that first takes it over the limit.
 */
export function validateAdjustments(period: Pick<PeriodScoring, 'maxAdjustment'>, raw: unknown): ValidationIssue[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return [{ path: '', message: t`must be a list of { "points", "reason" }` }];
  const issues: ValidationIssue[] = [];
  const max = toDec(period.maxAdjustment ?? 0);
  let sum = toDec(0);
  let overReported = false;
  raw.forEach((item: unknown, i) => {
    const at = `[${i}]`;
    if (!isObj(item)) {
      issues.push({ path: at, message: t`an adjustment must be an object { "points", "reason" }` });
      return;
    }
    for (const key of Object.keys(item)) {
      if (key !== 'points' && key !== 'reason') issues.push({ path: `${at}.${key}`, message: t`unknown property (allowed: points, reason)` });
    }
    if (typeof item.reason !== 'string' || item.reason.trim() === '') {
      issues.push({ path: `${at}.reason`, message: item.reason === undefined ? t`is required` : t`must be a non-empty string` });
    }
    const points = item.points;
    if (points === undefined) {
      issues.push({ path: `${at}.points`, message: t`is required` });
      return;
    }
    if (!isDecimalLike(points)) {
      issues.push({ path: `${at}.points`, message: t`must be a decimal number (a JSON number or a decimal string such as "2.5")` });
      return;
    }
    const value = toDec(points);
    if (value.isZero()) {
      issues.push({ path: `${at}.points`, message: t`must not be zero` });
      return;
    }
    if (max.isZero()) {
      if (!overReported) issues.push({ path: `${at}.points`, message: t`the period allows no adjustments (its maxAdjustment is 0)` });
      overReported = true;
      return;
    }
    sum = sum.plus(value.abs());
    if (sum.gt(max) && !overReported) {
      issues.push({ path: `${at}.points`, message: t`the adjustments would total ${sum.toFixed()} points in absolute value, more than the period's maxAdjustment ${max.toFixed()}` });
      overReported = true;
    }
  });
  return issues;
}
