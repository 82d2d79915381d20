// PG-8: the queries of change events (the store of service-changes.ts). A change is kept as an entry on its service's timeline
// (action service.change): the service's timeline is where people read it, and the timeline's
// (subject, at) index already answers "this service's changes in this hour".
import type { Temporal } from '../kernel/time.ts';
import { isoUtc } from '../kernel/time.ts';
import type { Tx } from '../store/tx.ts';
import type { RecordedChange } from './change-event.ts';

export const CHANGE_ACTION = 'service.change';

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

/** A service's changes received in [from, to], newest first. */
export async function findChanges(tx: Tx, serviceId: string, opts: { from?: Temporal.Instant; to?: Temporal.Instant; limit: number }): Promise<RecordedChange[]> {
  await tx.appends?.flush(tx.db);
  let q = tx.db.selectFrom('timeline').select(['id', 'subject_id', 'at', 'detail'])
    .where('subject_type', '=', 'service').where('subject_id', '=', serviceId).where('action', '=', CHANGE_ACTION);
  if (opts.from) q = q.where('at', '>=', isoUtc(opts.from));
  if (opts.to) q = q.where('at', '<=', isoUtc(opts.to));
  const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
  return rows.map((r) => {
    const d = (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail ?? {}) as Record<string, any>;
    return {
      id: r.id, serviceId: r.subject_id, receivedAt: iso(r.at), summary: String(d.summary ?? ''), source: d.source ?? null,
      timestamp: d.timestamp ?? null, customDetails: d.customDetails ?? null, links: Array.isArray(d.links) ? d.links : [],
    };
  });
}
