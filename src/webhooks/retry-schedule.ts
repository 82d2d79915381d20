// When a failed delivery is tried again: the spacing the Standard Webhooks specification
// recommends (at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), for at most 24 hours after
// the first attempt. The attempt that would fall later is made at the 24-hour mark, and is the last.
import type { Temporal } from '../kernel/time.ts';

export const RETRY_DELAYS_MS: readonly number[] = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
export const RETRY_WINDOW_MS = 24 * 3_600_000;

/**
 * After `attemptsMade` failed attempts (the first made at `firstAttemptAt`, the last at `now`),
 * when the next one is due, or null when the delivery has run out of time.
 */
export function nextAttemptAt(firstAttemptAt: Temporal.Instant, attemptsMade: number, now: Temporal.Instant): Temporal.Instant | null {
  const deadline = firstAttemptAt.add({ milliseconds: RETRY_WINDOW_MS });
  if (now.epochMilliseconds >= deadline.epochMilliseconds) return null;
  const delay = RETRY_DELAYS_MS[Math.min(attemptsMade - 1, RETRY_DELAYS_MS.length - 1)] ?? RETRY_DELAYS_MS[0];
  const next = now.add({ milliseconds: delay });
  return next.epochMilliseconds > deadline.epochMilliseconds ? deadline : next;
}

/** What an answer means: 2xx delivered, 410 Gone stops the subscription, anything else is tried again. */
export function verdictOf(status: number | null): 'delivered' | 'gone' | 'retry' {
  if (status !== null && status >= 200 && status < 300) return 'delivered';
  if (status === 410) return 'gone';
  return 'retry';
}
