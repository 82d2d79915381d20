// The thread (WF-1): entries on an emergency's thread or a chat channel's own, in one order, and
// which of them are already posted to chat. Only this folder reads emergency_thread; the chat
// thread's root is kept among the ticket's records (emergency_records, kind `chat_thread`) so a
// restart or another node continues the same chat thread.
import { newId } from '../kernel/ids.ts';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import type { Selectable } from 'kysely';
import type { EmergencyThreadTable } from '../store/schema.ts';
import type { Tx } from '../store/tx.ts';

const str = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v));

export interface ThreadEntry {
  id: string;
  ticketId: string | null;
  channel: string;
  kind: 'open' | 'reply' | 'channel' | 'note' | 'mention' | 'notice';
  author: string | null;
  text: string;
  mentions: string[];
  late: boolean;
  mirrored: boolean;
  at: string;
}

export async function addThreadEntry(tx: Tx, emergencyId: string | null, e: Omit<ThreadEntry, 'id' | 'at' | 'mirrored'> & { mirrored?: boolean }, now: Temporal.Instant): Promise<ThreadEntry> {
  const id = newId();
  const last = await tx.db.selectFrom('emergency_thread').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
  const seq = Number(last?.m ?? 0) + 1;
  await tx.db.insertInto('emergency_thread').values({
    id, emergency_id: emergencyId, ticket_id: e.ticketId, channel: e.channel, kind: e.kind, author_user_id: e.author, text: e.text,
    mentions: JSON.stringify(e.mentions), late: e.late ? 1 : 0, mirrored: e.mirrored ? 1 : 0, created_at: isoUtc(now), seq,
  }).execute();
  return { ...e, id, at: isoUtc(now), mirrored: !!e.mirrored };
}

const threadEntry = (r: Selectable<EmergencyThreadTable>): ThreadEntry => ({
  id: r.id, ticketId: r.ticket_id, channel: r.channel, kind: r.kind, author: r.author_user_id, text: r.text,
  mentions: JSON.parse(r.mentions), late: Number(r.late) === 1, mirrored: Number(r.mirrored) === 1, at: str(r.created_at)!,
});

/** One entry by id, with the thread it belongs to (an emergency's or an escalation's; null: a channel's own). */
export async function findThreadEntry(tx: Tx, entryId: string): Promise<{ threadId: string | null; entry: ThreadEntry } | undefined> {
  const r = await tx.db.selectFrom('emergency_thread').selectAll().where('id', '=', entryId).executeTakeFirst();
  return r ? { threadId: r.emergency_id, entry: threadEntry(r) } : undefined;
}

export async function listThread(tx: Tx, emergencyId: string): Promise<ThreadEntry[]> {
  const rows = await tx.db.selectFrom('emergency_thread').selectAll().where('emergency_id', '=', emergencyId).orderBy('seq').execute();
  return rows.map(threadEntry);
}

// ---- chat mirror (WF-1): thread entries not yet posted to the form's chat channel
/** With the thread each entry belongs to (an emergency's, an escalation's, a cover request's; null: the channel's own). */
export async function unmirroredEntries(tx: Tx, ticketId: string | null, limit = 100): Promise<(ThreadEntry & { threadId: string | null })[]> {
  let q = tx.db.selectFrom('emergency_thread').selectAll().where('mirrored', '=', 0).orderBy('seq').limit(limit);
  q = ticketId === null ? q.where('ticket_id', 'is', null) : q.where('ticket_id', '=', ticketId);
  return (await q.execute()).map((r) => ({ ...threadEntry(r), threadId: r.emergency_id }));
}

export async function markMirrored(tx: Tx, entryIds: readonly string[]): Promise<void> {
  if (entryIds.length === 0) return;
  await tx.db.updateTable('emergency_thread').set({ mirrored: 1 }).where('id', 'in', [...entryIds]).execute();
}

// ---- the chat thread's root, one per ticket
const ROOT = 'chat_thread';
export interface ChatRoot { ts: string; channel: string }

export async function chatRootOf(tx: Tx, ticketId: string): Promise<ChatRoot | undefined> {
  const r = await tx.db.selectFrom('emergency_records').select('data').where('ticket_id', '=', ticketId).where('kind', '=', ROOT).orderBy('created_at').executeTakeFirst();
  return r ? (JSON.parse(r.data) as ChatRoot) : undefined;
}

export async function keepChatRoot(tx: Tx, ticketId: string, root: ChatRoot, now: Temporal.Instant): Promise<void> {
  await tx.db.insertInto('emergency_records').values({
    id: newId(), emergency_id: null, ticket_id: ticketId, kind: ROOT, data: JSON.stringify(root), created_by: null, created_at: isoUtc(now),
  }).execute();
}

// ---- the chat thread's root of a thread without a ticket (an escalation's, a cover request's),
// one per channel it reaches: its first entry posted there; the later ones reply under it
/** The chat roots of these threads, by `threadId|channel` (the first kept for each), in one read. */
export async function threadRootsOf(tx: Tx, threadIds: readonly string[]): Promise<Map<string, ChatRoot>> {
  const out = new Map<string, ChatRoot>();
  const ids = [...new Set(threadIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await tx.db.selectFrom('emergency_records').select(['emergency_id', 'data']).where('emergency_id', 'in', ids.slice(i, i + 500)).where('ticket_id', 'is', null).where('kind', '=', ROOT).orderBy('created_at').execute();
    for (const r of rows) {
      const root = JSON.parse(r.data) as ChatRoot;
      const key = `${r.emergency_id}|${root.channel}`;
      if (!out.has(key)) out.set(key, root);
    }
  }
  return out;
}

export async function keepThreadRoot(tx: Tx, threadId: string, root: ChatRoot, now: Temporal.Instant): Promise<void> {
  await tx.db.insertInto('emergency_records').values({
    id: newId(), emergency_id: threadId, ticket_id: null, kind: ROOT, data: JSON.stringify(root), created_by: null, created_at: isoUtc(now),
  }).execute();
}
