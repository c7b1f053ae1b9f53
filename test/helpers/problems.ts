// Unit tests of pure rules that refuse by throwing a Problem (lifecycle, deadlines).
import { Problem } from '../../src/http/problems.ts';

/** The problem `fn` throws (fails when it throws nothing or something else). */
export function thrown(fn: () => unknown): Problem {
  try {
    fn();
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
  throw new Error('expected a Problem');
}
