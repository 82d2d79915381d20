// RP-2: the period's real emergency arrivals and how long each kept its engineer busy: from the
// emergency's opening until it was resolved or first handed over (SCH-10), whichever came first.
// Emergencies that paged nobody (not entitled, not an emergency at intake) kept nobody busy.
import type { Tx } from '../store/tx.ts';

export interface ArrivalRow { ref: string; group: string; at: string; resolvedAt: string | null; handedOverAt: string | null }

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

/** Emergencies opened in [since, until), oldest first, with when they stopped keeping their engineer busy. */
export async function findArrivals(tx: Tx, since: string, until: string): Promise<ArrivalRow[]> {
  const rows = await tx.db
    .selectFrom('emergencies as e')
    .select((eb) => [
      'e.ticket_number', 'e.rotation', 'e.created_at', 'e.resolved_at',
      eb.selectFrom('timeline as t').select((t) => t.fn.min('t.at').as('at')).where('t.subject_type', '=', 'emergency').whereRef('t.subject_id', '=', 'e.id').where('t.action', '=', 'emergency.handoff').as('handed_over_at'),
    ])
    .where('e.created_at', '>=', since)
    .where('e.created_at', '<', until)
    .where('e.state', '!=', 'not_paged')
    .orderBy('e.created_at')
    .execute();
  return rows.map((r) => ({ ref: String(r.ticket_number), group: r.rotation, at: iso(r.created_at)!, resolvedAt: iso(r.resolved_at), handedOverAt: iso(r.handed_over_at) }));
}
