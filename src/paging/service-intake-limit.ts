// PG-8: the events intake's rate limit, counted in the database so that every node sharing it
// enforces one limit (the rule of which events fit is admitInWindow, intake-limit.ts).
import type { Db } from '../store/db.ts';
import { admitInWindow } from './intake-limit.ts';
import { countEventWindow, forgetEventWindows } from './store.ts';

export class EventRateLimit {
  private swept = -Infinity;
  constructor(private readonly db: Db, readonly perMinute: number) {}

  /** For each event's routing key, in arrival order: 0 when admitted, else ms until it may retry. */
  async admit(keys: readonly string[], nowMs: number): Promise<number[]> {
    const minute = Math.floor(nowMs / 60_000);
    if (minute > this.swept) {
      this.swept = minute;
      await forgetEventWindows(this.db.kysely, minute);
    }
    const counts = new Map<string, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    const after = await countEventWindow(this.db.kysely, minute, counts);
    const wait = (minute + 1) * 60_000 - nowMs;
    return admitInWindow(keys, after, this.perMinute).map((ok) => (ok ? 0 : wait));
  }
}
