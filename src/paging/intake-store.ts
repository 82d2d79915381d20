// Queries of the events intake's hot path: a burst of repeat triggers in as few statements as
// the engines allow.
import { sql } from 'kysely';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import type { Tx } from '../store/tx.ts';
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
  for (const r of rows) out.set(r.dedup_key, { id: r.id, dedupKey: r.dedup_key, alertCount: Number(r.alert_count), status: r.status });
  return out;
}
