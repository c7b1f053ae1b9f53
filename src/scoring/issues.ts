// What the validators of questionnaires, period settings and answers share: every error names the
// offending path, e.g. `indicators[2].questions[0].options`, and all errors are collected, not just
// the first.
import { isDecimalLike, toDec } from './decimal.ts';
import type { Result, ValidationIssue } from './types.ts';
import { t, type Message } from '../i18n/message.ts';

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function join(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

export function quote(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

export class Issues {
  readonly list: ValidationIssue[] = [];
  add(path: string, message: Message): void {
    this.list.push({ path, message });
  }
  get count(): number {
    return this.list.length;
  }
  /** Unknown properties are errors: a typo such as "wieght" must not silently fall back to a default. */
  onlyKeys(obj: Obj, allowed: readonly string[], path: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.add(join(path, key), t`unknown property (allowed: ${allowed.join(', ')})`);
    }
  }
  text(obj: Obj, key: string, path: string): string | null {
    const value = obj[key];
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(join(path, key), value === undefined ? t`is required` : t`must be a non-empty string`);
      return null;
    }
    return value;
  }
  /** A decimal (JSON number or decimal string) within bounds; returns it unchanged when valid. */
  decimal(obj: Obj, key: string, path: string, check: { positive?: boolean; min?: number; max?: number }): number | string | null {
    const value = obj[key];
    const where = join(path, key);
    if (value === undefined) {
      this.add(where, t`is required`);
      return null;
    }
    if (!isDecimalLike(value)) {
      this.add(where, t`must be a decimal number (a JSON number or a decimal string such as "0.5")`);
      return null;
    }
    const dec = toDec(value);
    if (check.positive && !dec.gt(0)) {
      this.add(where, t`must be positive`);
      return null;
    }
    if (check.min !== undefined && check.max !== undefined && (dec.lt(check.min) || dec.gt(check.max))) {
      this.add(where, t`must be between ${check.min} and ${check.max}`);
      return null;
    }
    return value;
  }
  array(obj: Obj, key: string, path: string, minLength: number, what: Message): unknown[] | null {
    const value = obj[key];
    const where = join(path, key);
    if (!Array.isArray(value)) {
      this.add(where, value === undefined ? t`is required` : t`must be an array`);
      return null;
    }
    if (value.length < minLength) {
      this.add(where, t`must have at least ${minLength} ${what}`);
      return null;
    }
    return value as unknown[];
  }
  result<T>(value: T): Result<T> {
    return this.list.length === 0 ? { ok: true, value } : { ok: false, errors: this.list };
  }
}

export function formatIssues(issues: ValidationIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message.en()}` : i.message.en())).join('; ');
}
