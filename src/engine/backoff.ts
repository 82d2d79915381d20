// Retry spacing for failed jobs: exponential from 1 s, capped at 5 minutes, with no jitter so a
// test on a fake clock knows when the next attempt is due.
export function backoffMs(attempt: number): number {
  return Math.min(300_000, 1_000 * 2 ** Math.max(0, attempt - 1));
}
