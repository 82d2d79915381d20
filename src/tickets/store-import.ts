// Bulk writes of imported tickets: many rows a statement, in the caller's transaction. The
// statements stay under both engines' limits on bound parameters (SQLite 32,766, PostgreSQL 65,535).
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../store/tx.ts';
import type { Database } from '../store/schema.ts';

type Table = 'tickets' | 'ticket_tags' | 'ticket_comments' | 'import_refs' | 'timeline';

async function insertMany<T extends Table>(tx: Tx, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const perRow = Object.keys(rows[0]).length;
  const size = Math.max(1, Math.floor(30_000 / perRow));
  for (let i = 0; i < rows.length; i += size) await tx.db.insertInto(table).values(rows.slice(i, i + size) as any).execute();
}

export interface ImportRows {
  tickets: Insertable<Database['tickets']>[];
  tags: Insertable<Database['ticket_tags']>[];
  comments: Insertable<Database['ticket_comments']>[];
  refs: Insertable<Database['import_refs']>[];
  timeline: Insertable<Database['timeline']>[];
}

export async function insertImported(tx: Tx, r: ImportRows): Promise<void> {
  await insertMany(tx, 'tickets', r.tickets);
  await insertMany(tx, 'ticket_tags', r.tags);
  await insertMany(tx, 'ticket_comments', r.comments);
  await insertMany(tx, 'import_refs', r.refs);
  await insertMany(tx, 'timeline', r.timeline);
}

/** External ids of `source` already imported as `kind`, with their Hotline ids. */
export async function knownRefs(tx: Tx, source: string, kind: string, externalIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < externalIds.length; i += 5000) {
    const rows = await tx.db.selectFrom('import_refs').select(['external_id', 'local_id'])
      .where('source', '=', source).where('kind', '=', kind).where('external_id', 'in', externalIds.slice(i, i + 5000)).execute();
    for (const r of rows) out.set(r.external_id, r.local_id);
  }
  return out;
}

/** Roles of the given people (staff or customer decides what a comment is: a reply or the customer's word). */
export async function rolesOf(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await tx.db.selectFrom('users').select(['id', 'role']).where('id', 'in', ids.slice(i, i + 5000)).execute();
    for (const r of rows) out.set(r.id, r.role);
  }
  return out;
}

/** Takes `n` ticket numbers at once: the last one is returned; the run is (last - n, last]. */
export async function takeTicketNumbers(tx: Tx, n: number): Promise<number> {
  const r = await tx.db.updateTable('ticket_counters').set({ value: sql`value + ${n}` }).where('workspace', '=', 'default').returning('value').executeTakeFirstOrThrow();
  return Number(r.value);
}
