// When a failed delivery is tried again, when it is given up, and when a failing subscription is
// switched off (docs/api.md, "Retries"). Pure: the dispatcher passes the clock and the randomness.

/** A delivery is retried for at least this long after its first attempt. */
export const RETRY_FOR_MS = 24 * 60 * 60 * 1000;
/** A subscription whose deliveries have all failed for this long is disabled. */
export const DISABLE_AFTER_MS = 3 * 24 * 60 * 60 * 1000;

const FIRST_RETRY_MS = 30_000;
const LONGEST_WAIT_MS = 4 * 60 * 60 * 1000;

/**
 * The wait after the n-th failed attempt: 30 s doubling each time up to 4 h, each wait moved by up to
 * ±25% at random so that the retries of many deliveries that failed together (a receiver that was
 * down) do not all come back at the same moment.
 */
export function retryDelayMs(attempts: number, random: () => number): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_WAIT_MS);
  return Math.round(base * (0.75 + 0.5 * random()));
}

/** When to try a failed delivery again, or null to give it up (it has been retried for RETRY_FOR_MS). */
export function nextAttemptAt(firstAttemptAt: Date, now: Date, attempts: number, random: () => number): Date | null {
  if (now.getTime() - firstAttemptAt.getTime() >= RETRY_FOR_MS) return null;
  return new Date(now.getTime() + retryDelayMs(attempts, random));
}

/** Whether a subscription failing since `failingSince` is to be disabled now. */
export function failingTooLong(failingSince: Date, now: Date): boolean {
  return now.getTime() - failingSince.getTime() >= DISABLE_AFTER_MS;
}
