// An import's memory in the database: what each record was called in the source (import_refs)
// and where each stream stopped (import_cursors), written in the transaction of the page it
// belongs to, so a page and its cursor commit together or not at all.
import { isoUtc, type Temporal } from '../kernel/time.ts';
import type { Tx } from '../store/tx.ts';

export interface StreamCursor {
  /** The vendor's cursor (or start time) of the next page. */
  next: string | null;
  /** The last page read said it was the end of the stream (for now). */
  endOfStream: boolean;
}

export async function loadCursor(tx: Tx, source: string, stream: string): Promise<StreamCursor | null> {
  const r = await tx.db.selectFrom('import_cursors').select('cursor').where('source', '=', source).where('stream', '=', stream).executeTakeFirst();
  return r ? (JSON.parse(r.cursor) as StreamCursor) : null;
}

export async function saveCursor(tx: Tx, source: string, stream: string, c: StreamCursor, at: Temporal.Instant): Promise<void> {
  const row = { source, stream, cursor: JSON.stringify(c), updated_at: isoUtc(at) };
  await tx.db.insertInto('import_cursors').values(row).onConflict((oc) => oc.columns(['source', 'stream']).doUpdateSet({ cursor: row.cursor, updated_at: row.updated_at })).execute();
}

export async function clearCursors(tx: Tx, source: string): Promise<void> {
  await tx.db.deleteFrom('import_cursors').where('source', '=', source).execute();
}

/** Every reference of one kind: source id → Hotline id (people and organisations: thousands, not millions). */
export async function allRefs(tx: Tx, source: string, kind: string): Promise<Map<string, string>> {
  const rows = await tx.db.selectFrom('import_refs').select(['external_id', 'local_id']).where('source', '=', source).where('kind', '=', kind).execute();
  return new Map(rows.map((r) => [r.external_id, r.local_id]));
}

export async function knownTickets(tx: Tx, source: string, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await tx.db.selectFrom('import_refs').select('external_id').where('source', '=', source).where('kind', '=', 'ticket').where('external_id', 'in', ids.slice(i, i + 5000)).execute();
    for (const r of rows) out.add(r.external_id);
  }
  return out;
}

export async function addRef(tx: Tx, source: string, kind: string, externalId: string, localId: string, at: Temporal.Instant): Promise<void> {
  await tx.db.insertInto('import_refs').values({ source, kind, external_id: externalId, local_id: localId, created_at: isoUtc(at) }).execute();
}
