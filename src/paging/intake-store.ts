// Queries of the events intake's hot path: a burst of repeat triggers in as few statements as
// the engines allow.
import { sql, type Kysely } from 'kysely';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import type { Tx } from '../store/tx.ts';
import type { Database } from '../store/schema.ts';
import type { PageStatus } from './page.ts';

export interface BumpedPage {
  id: string;
  dedupKey: string;
  /** the alert count after this bump */
  alertCount: number;
  status: PageStatus;
}

/**
 * PG-8 repeat triggers for many dedup keys of one service in one statement: each open page with
 * one of the keys gets +n alerts (n = that key's triggers). Keys without an open page are not in
 * the answer; they open a page the ordinary way. The same effect, per key, as n times
 * bumpOpenPageAlerts (store.ts).
 */
export async function bumpOpenPagesAlerts(tx: Tx, serviceId: string, counts: Map<string, number>, now: Temporal.Instant): Promise<Map<string, BumpedPage>> {
  const out = new Map<string, BumpedPage>();
  if (!counts.size) return out;
  const keys = [...counts.keys()];
  // a cast, not a bare parameter: PostgreSQL cannot infer a type for a parameter inside CASE
  const add = sql`case dedup_key ${sql.join(keys.map((k) => sql`when ${k} then cast(${counts.get(k)!} as integer)`), sql` `)} else 0 end`;
  const rows = await tx.db
    .updateTable('pages')
    .set({ alert_count: sql`alert_count + ${add}`, updated_at: isoUtc(now) })
    .where('service_id', '=', serviceId)
    .where('dedup_key', 'in', keys)
    // the literal lets SQLite use the partial unique index (its WHERE must match textually)
    .where('status', '<>', sql.lit('resolved'))
    .returning(['id', 'dedup_key', 'alert_count', 'status'])
    .execute();
  for (const r of rows) if (r.dedup_key !== null) out.set(r.dedup_key, { id: r.id, dedupKey: r.dedup_key, alertCount: Number(r.alert_count), status: r.status });
  return out;
}

/**
 * PG-8 rate limit: adds each routing key's events of this batch to its count for `minute`, in one
 * atomic upsert, and answers the counts after the addition. Keys go in sorted order, so two nodes
 * counting overlapping keys lock the rows in the same order.
 */
export async function countEventWindow(db: Kysely<Database>, minute: number, counts: Map<string, number>): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!counts.size) return out;
  const rows = await db
    .insertInto('event_rate_windows')
    .values([...counts.keys()].sort().map((routing_key) => ({ routing_key, window_minute: minute, n: counts.get(routing_key)! })))
    .onConflict((oc) => oc.columns(['routing_key', 'window_minute']).doUpdateSet({ n: sql`event_rate_windows.n + excluded.n` }))
    .returning(['routing_key', 'n'])
    .execute();
  for (const r of rows) out.set(r.routing_key, Number(r.n));
  return out;
}

/** Deletes the counts of minutes before `minute`: a window that has ended limits nothing. */
export async function forgetEventWindows(db: Kysely<Database>, minute: number): Promise<void> {
  await db.deleteFrom('event_rate_windows').where('window_minute', '<', minute).execute();
}
