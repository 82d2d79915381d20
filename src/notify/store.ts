// Personal notification rules and the delivery log: one row per attempt (channel, address,
// status, provider id, error, when), written before the attempt so a send is never repeated
// once it is known to have succeeded. And the built-in outbox: one row per message that no real
// channel could carry because none of its kind is configured, read with what it belongs to
// (page, ticket) so an admin can open it from the list.
import { sql, type Insertable, type Selectable } from 'kysely';
import { newId } from '../kernel/ids.ts';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import type { DeliveriesTable, OutboxTable } from '../store/schema.ts';
import type { Tx } from '../store/tx.ts';
import type { NotificationRule } from './notification-rules.ts';
import type { DeliveryAction } from './channels/index.ts';

export async function findRules(tx: Tx, userIds: string[]): Promise<Map<string, NotificationRule[]>> {
  const out = new Map<string, NotificationRule[]>();
  if (userIds.length === 0) return out;
  const rows = await tx.db.selectFrom('notification_rules').selectAll().where('user_id', 'in', userIds).orderBy('user_id').orderBy('position').execute();
  for (const r of rows) {
    const list = out.get(r.user_id) ?? [];
    list.push({ contactMethodId: r.contact_method_id, delayMinutes: Number(r.delay_minutes), urgency: r.urgency });
    out.set(r.user_id, list);
  }
  return out;
}

export async function replaceRules(tx: Tx, userId: string, rules: readonly NotificationRule[], now: Temporal.Instant): Promise<void> {
  await tx.db.deleteFrom('notification_rules').where('user_id', '=', userId).execute();
  for (const [i, r] of rules.entries()) {
    await tx.db
      .insertInto('notification_rules')
      .values({ id: newId(), user_id: userId, position: i, contact_method_id: r.contactMethodId, delay_minutes: r.delayMinutes, urgency: r.urgency ?? 'any', created_at: isoUtc(now) })
      .execute();
  }
}

/**
 * 'unknown': the node making the attempt died before its outcome came back (PG-6); the message
 * may or may not have arrived. It is not counted as sent, so it is sent again with the same key.
 */
export type DeliveryStatus = 'sending' | 'sent' | 'failed' | 'unknown' | 'outbox';

export interface DeliveryAttempt {
  id: string;
  key: string;
  pageId: string | null;
  userId: string | null;
  attempt: number;
  channel: string;
  address: string;
  status: DeliveryStatus;
  providerId: string | null;
  error: string | null;
  at: string;
  finishedAt: string | null;
  /** Set when the message went to the built-in outbox (no real channel of its kind configured). */
  outboxId: string | null;
  /** What the log says besides the status (e.g. why a message is in the outbox). */
  note: string | null;
}

/** Channel kinds as people name them. */
export const CHANNEL_LABEL: Record<string, string> = { email: 'e-mail', slack: 'chat', 'chat-webhook': 'chat', sms: 'SMS', voice: 'voice', webhook: 'webhook', push: 'push', browser: 'browser' };
export const outboxNote = (channel: string) => `delivered to the outbox — no ${CHANNEL_LABEL[channel] ?? channel} channel is configured`;

const toAttempt = (r: Selectable<DeliveriesTable>): DeliveryAttempt => ({
  id: r.id,
  key: r.delivery_key,
  pageId: r.page_id,
  userId: r.user_id,
  attempt: Number(r.attempt),
  channel: r.channel,
  address: r.address,
  status: r.status,
  providerId: r.provider_id,
  error: r.error,
  at: String(r.at),
  finishedAt: r.finished_at === null ? null : String(r.finished_at),
  outboxId: r.status === 'outbox' && r.provider_id?.startsWith('outbox:') ? r.provider_id.slice(7) : null,
  note: r.status === 'outbox' ? outboxNote(r.channel) : null,
});

export interface AttemptStart { key: string; pageId: string | null; userId: string | null; channel: string; address: string; at: Temporal.Instant; jobId?: string | null }
export interface AttemptEnd { id: string; status: 'sent' | 'failed' | 'outbox'; providerId?: string | null; error?: string | null; at: Temporal.Instant }

/**
 * Log attempts before sending, one row each, except where an earlier attempt with the same key is
 * known to have been sent or kept in the outbox (null: that message is not sent twice). One read and one insert for
 * the whole batch.
 */
export async function startAttempts(tx: Tx, items: readonly AttemptStart[]): Promise<({ id: string; attempt: number } | null)[]> {
  const keys = [...new Set(items.map((a) => a.key))];
  const prev = new Map(
    (await tx.db
      .selectFrom('deliveries')
      .select((eb) => ['delivery_key', eb.fn.countAll().as('n'), eb.fn.sum(eb.case().when('status', 'in', ['sent', 'outbox']).then(1).else(0).end()).as('sent')])
      .where('delivery_key', 'in', keys)
      .groupBy('delivery_key')
      .execute()).map((r) => [r.delivery_key, { n: Number(r.n), sent: Number(r.sent ?? 0) > 0 }]),
  );
  const rows: Insertable<DeliveriesTable>[] = [];
  const out = items.map((a) => {
    const p = prev.get(a.key) ?? { n: 0, sent: false };
    if (p.sent) return null;
    p.n++; // the same key twice in one batch: two numbered attempts
    prev.set(a.key, p);
    const id = newId();
    rows.push({ id, delivery_key: a.key, page_id: a.pageId, user_id: a.userId, attempt: p.n, channel: a.channel, address: a.address, status: 'sending', at: isoUtc(a.at), job_id: a.jobId ?? null });
    return { id, attempt: p.n };
  });
  if (rows.length) await tx.db.insertInto('deliveries').values(rows).execute();
  return out;
}

/** Record how attempts ended, in one statement. */
export async function finishAttempts(tx: Tx, items: readonly AttemptEnd[]): Promise<void[]> {
  if (items.length === 0) return [];
  const col = <T extends string | null>(f: (e: AttemptEnd) => T) => sql<T>`case ${sql.join(items.map((e) => sql`when id = ${e.id} then ${f(e)}`), sql` `)} end`;
  await tx.db
    .updateTable('deliveries')
    .set({
      status: col((e) => e.status),
      provider_id: col((e) => e.providerId ?? null),
      error: col((e) => (e.error ? e.error.slice(0, 2000) : null)),
      finished_at: tx.engine === 'postgres' ? sql<string>`(${col((e) => isoUtc(e.at))})::timestamptz` : col((e) => isoUtc(e.at)),
    })
    .where('id', 'in', items.map((e) => e.id))
    .execute();
  return items.map(() => undefined);
}

export const UNKNOWN_OUTCOME =
  'Hotline stopped while sending this, so whether it arrived is unknown. It is sent again with the same message id (e-mail Message-ID, provider idempotency key), so a copy that did arrive is recognisable as the same message.';

/**
 * PG-6: the attempts in flight of jobs a dead node abandoned become 'unknown' (not 'sending'
 * forever). If that node was only slow, its own outcome still overwrites this when it comes.
 */
export async function markAbandonedAttempts(tx: Tx, jobIds: readonly string[], now: Temporal.Instant): Promise<number> {
  if (jobIds.length === 0) return 0;
  const r = await tx.db
    .updateTable('deliveries')
    .set({ status: 'unknown', error: UNKNOWN_OUTCOME, finished_at: isoUtc(now) })
    .where('job_id', 'in', [...jobIds])
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function listDeliveries(tx: Tx, f: { pageId?: string; pageIds?: readonly string[]; key?: string }): Promise<DeliveryAttempt[]> {
  if (f.pageIds && f.pageIds.length === 0) return [];
  let q = tx.db.selectFrom('deliveries').selectAll().orderBy('at').orderBy('attempt');
  if (f.pageId) q = q.where('page_id', '=', f.pageId);
  if (f.pageIds) q = q.where('page_id', 'in', [...f.pageIds]);
  if (f.key) q = q.where('delivery_key', '=', f.key);
  return (await q.execute()).map(toAttempt);
}

// ── the outbox ──────────────────────────────────────────────────────────────────────────────────

export interface OutboxMessage {
  id: string;
  deliveryId: string;
  deliveryKey: string;
  channel: string;
  address: string;
  userId: string | null;
  /** The recipient's name when the message was for a person of this workspace. */
  userName: string | null;
  subject: string;
  text: string;
  actions: DeliveryAction[];
  page: { id: string; number: number; title: string } | null;
  ticket: { id: string; number: number; subject: string; emergency: boolean } | null;
  at: string;
}

export interface OutboxEntry {
  deliveryId: string;
  deliveryKey: string;
  channel: string;
  address: string;
  userId: string | null;
  pageId: string | null;
  threadKey: string | null;
  subject: string;
  text: string;
  actions?: DeliveryAction[];
  at: Temporal.Instant;
}

/** `ticket:<id>` (replies, mentions) and `emergency:<id>` (the chat mirror) name a ticket. */
export function ticketOfThread(threadKey: string | null): string | null {
  const m = /^(?:ticket|emergency):(.+)$/.exec(threadKey ?? '');
  return m ? m[1]! : null;
}

export async function insertOutbox(tx: Tx, e: OutboxEntry): Promise<string> {
  const id = newId();
  await tx.db.insertInto('outbox').values({
    id, delivery_id: e.deliveryId, delivery_key: e.deliveryKey, channel: e.channel, address: e.address, user_id: e.userId, page_id: e.pageId,
    ticket_id: ticketOfThread(e.threadKey), thread_key: e.threadKey, subject: e.subject, body: e.text,
    actions: e.actions?.length ? JSON.stringify(e.actions) : null, created_at: isoUtc(e.at),
  }).execute();
  return id;
}

export interface OutboxFilter {
  channel?: string;
  userId?: string;
  pageId?: string;
  ticketId?: string;
  /** Messages kept before this instant (paging back through the list). */
  before?: Temporal.Instant;
  limit?: number;
}

export async function listOutbox(tx: Tx, f: OutboxFilter = {}): Promise<OutboxMessage[]> {
  let q = tx.db
    .selectFrom('outbox as o')
    .leftJoin('users as u', 'u.id', 'o.user_id')
    .leftJoin('pages as p', 'p.id', 'o.page_id')
    // a page for a ticket belongs to that ticket too
    .leftJoin('tickets as t', (j) => j.on((eb) => eb('t.id', '=', eb.fn.coalesce('o.ticket_id', 'p.ticket_id'))))
    .selectAll('o')
    .select(['u.name as user_name', 'p.number as page_number', 'p.title as page_title', 't.id as t_id', 't.number as ticket_number', 't.subject as ticket_subject', 't.is_emergency as ticket_emergency'])
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(Math.min(Math.max(f.limit ?? 100, 1), 500));
  if (f.channel) q = q.where('o.channel', '=', f.channel);
  if (f.userId) q = q.where('o.user_id', '=', f.userId);
  if (f.pageId) q = q.where('o.page_id', '=', f.pageId);
  if (f.ticketId) q = q.where('t.id', '=', f.ticketId);
  if (f.before) q = q.where('o.created_at', '<', isoUtc(f.before));
  return (await q.execute()).map((r) => toMessage(r));
}

type Row = Selectable<OutboxTable> & {
  user_name: string | null; page_number: number | null; page_title: string | null; t_id: string | null; ticket_number: number | null; ticket_subject: string | null; ticket_emergency: number | null;
};

function toMessage(r: Row): OutboxMessage {
  return {
    id: r.id,
    deliveryId: r.delivery_id,
    deliveryKey: r.delivery_key,
    channel: r.channel,
    address: r.address,
    userId: r.user_id,
    userName: r.user_name,
    subject: r.subject,
    text: r.body,
    actions: r.actions ? (JSON.parse(r.actions) as DeliveryAction[]) : [],
    page: r.page_id && r.page_number !== null ? { id: r.page_id, number: Number(r.page_number), title: r.page_title ?? '' } : null,
    ticket: r.t_id && r.ticket_number !== null ? { id: r.t_id, number: Number(r.ticket_number), subject: r.ticket_subject ?? '', emergency: Number(r.ticket_emergency) === 1 } : null,
    at: String(r.created_at),
  };
}
