// PG-8: the events intake's rate limit per routing key (120 events a minute unless configured),
// counted in the database (service-intake-limit.ts) so that every node sharing it enforces one limit:
// N nodes never allow N times the limit. Only events whose routing key names a service get here
// (a made-up key is refused first), so nobody can touch another key's count, and a window is a
// row that is deleted once its minute is over, so there is no table to overflow or reset.

/**
 * Which of a batch's events fit in their key's window, in arrival order. `after` is each key's
 * count once the whole batch was added: the batch's events of a key are the last ones counted.
 */
export function admitInWindow(keys: readonly string[], after: ReadonlyMap<string, number>, perMinute: number): boolean[] {
  const inBatch = new Map<string, number>();
  for (const k of keys) inBatch.set(k, (inBatch.get(k) ?? 0) + 1);
  const seen = new Map<string, number>();
  return keys.map((k) => {
    const before = (after.get(k) ?? 0) - inBatch.get(k)!;
    const i = seen.get(k) ?? 0;
    seen.set(k, i + 1);
    return before + i < perMinute;
  });
}
