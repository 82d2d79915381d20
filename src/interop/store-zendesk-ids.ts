// Stable integer ids for the Zendesk-compatible API (see migration 2026_12_03_1900_zendesk_ids):
// a Hotline id gets its number the first time the API shows it (insert-or-keep, so two nodes
// showing the same user at once agree), and a number a script sends maps back to the Hotline id.
// A ticket needs no row: its Zendesk id is its ticket number.
import type { Tx } from '../store/tx.ts';

export type ZendeskIdKind = 'user' | 'organization' | 'ticket_field' | 'comment';

/** Hotline id → Zendesk integer, allocating the missing ones. */
export async function zendeskIds(tx: Tx, kind: ZendeskIdKind, hotlineIds: readonly (string | null | undefined)[]): Promise<Map<string, number>> {
  const wanted = [...new Set(hotlineIds.filter((x): x is string => !!x))];
  const out = new Map<string, number>();
  if (wanted.length === 0) return out;
  const read = async () => {
    for (const r of await tx.db.selectFrom('zendesk_ids').select(['id', 'hotline_id']).where('kind', '=', kind).where('hotline_id', 'in', wanted).execute()) out.set(r.hotline_id, Number(r.id));
  };
  await read();
  const missing = wanted.filter((w) => !out.has(w));
  if (missing.length) {
    await tx.db.insertInto('zendesk_ids').values(missing.map((m) => ({ kind, hotline_id: m })))
      .onConflict((oc) => oc.columns(['kind', 'hotline_id']).doNothing()).execute();
    await read();
  }
  return out;
}

/** Zendesk integer → Hotline id (undefined: no such id was ever shown). */
export async function hotlineIdOf(tx: Tx, kind: ZendeskIdKind, id: number): Promise<string | undefined> {
  const r = await tx.db.selectFrom('zendesk_ids').select('hotline_id').where('kind', '=', kind).where('id', '=', id).executeTakeFirst();
  return r?.hotline_id;
}
