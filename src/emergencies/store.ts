// Emergency rows, runbook ticks, records and timers (the thread is conversations'). Only this folder reads these tables;
// tickets, pages and people are reached through their services.
import { newId } from '../kernel/ids.ts';
import { containsLike } from '../kernel/like.ts';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import type { Selectable, Updateable } from 'kysely';
import type { EmergenciesTable, EmergencyTimersTable } from '../store/schema.ts';
import type { Tx } from '../store/tx.ts';
import type { RunbookItem } from './decision.ts';
import type { EntitlementVerdict } from './entitlement.ts';
import type { Route } from './intake.ts';

export type EmergencyState = 'open' | 'resolved' | 'not_paged';

export interface Emergency {
  id: string;
  ticketId: string;
  ticketNumber: number;
  organizationId: string | null;
  state: EmergencyState;
  driUserId: string | null;
  pageId: string | null;
  rotation: string;
  channel: string;
  route: Route;
  entitlement: EntitlementVerdict;
  qualification: string | null;
  exceptionCriterion: string | null;
  category: string | null;
  guards: string[];
  firstPublicReplyAt: string | null;
  customerRepliedAt: string | null;
  acknowledgedAt: string | null;
  callEndedAt: string | null;
  /** WF-5: the call link (set by the engineer or from the workspace's meeting-link template). */
  bridgeUrl: string | null;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  version: number;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v));

function rowTo(r: Selectable<EmergenciesTable>): Emergency {
  return {
    id: r.id, ticketId: r.ticket_id, ticketNumber: Number(r.ticket_number), organizationId: r.organization_id, state: r.state,
    driUserId: r.dri_user_id, pageId: r.page_id, rotation: r.rotation, channel: r.channel, route: JSON.parse(r.route),
    entitlement: JSON.parse(r.entitlement), qualification: r.qualification, exceptionCriterion: r.exception_criterion,
    category: r.category, guards: JSON.parse(r.guards), firstPublicReplyAt: str(r.first_public_reply_at),
    customerRepliedAt: str(r.customer_replied_at), acknowledgedAt: str(r.acknowledged_at), callEndedAt: str(r.call_ended_at),
    bridgeUrl: r.bridge_url ?? null,
    createdAt: str(r.created_at)!, updatedAt: str(r.updated_at)!, resolvedAt: str(r.resolved_at), version: Number(r.version),
  };
}

export async function insertEmergency(tx: Tx, e: Omit<Emergency, 'id' | 'version' | 'updatedAt'>): Promise<Emergency> {
  const id = newId();
  await tx.db.insertInto('emergencies').values({
    id, ticket_id: e.ticketId, ticket_number: e.ticketNumber, organization_id: e.organizationId, state: e.state,
    dri_user_id: e.driUserId, page_id: e.pageId, rotation: e.rotation, channel: e.channel, route: JSON.stringify(e.route),
    entitlement: JSON.stringify(e.entitlement), qualification: e.qualification, exception_criterion: e.exceptionCriterion,
    category: e.category, guards: JSON.stringify(e.guards), first_public_reply_at: e.firstPublicReplyAt,
    customer_replied_at: e.customerRepliedAt, acknowledged_at: e.acknowledgedAt, call_ended_at: e.callEndedAt, bridge_url: e.bridgeUrl,
    created_at: e.createdAt, updated_at: e.createdAt, resolved_at: e.resolvedAt, version: 1,
  }).execute();
  return { ...e, id, version: 1, updatedAt: e.createdAt };
}

/** The fields a change may set; the others are fixed at intake. An absent (undefined) field is left as it is. */
export async function updateEmergency(tx: Tx, id: string, now: Temporal.Instant, patch: Partial<Emergency>): Promise<void> {
  const set: Updateable<EmergenciesTable> = {
    updated_at: isoUtc(now), state: patch.state, dri_user_id: patch.driUserId, page_id: patch.pageId, qualification: patch.qualification,
    exception_criterion: patch.exceptionCriterion, category: patch.category, first_public_reply_at: patch.firstPublicReplyAt,
    customer_replied_at: patch.customerRepliedAt, acknowledged_at: patch.acknowledgedAt, call_ended_at: patch.callEndedAt,
    resolved_at: patch.resolvedAt, bridge_url: patch.bridgeUrl, guards: patch.guards === undefined ? undefined : JSON.stringify(patch.guards),
  };
  await tx.db.updateTable('emergencies').set(set).set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', id).execute();
}

export async function findEmergency(tx: Tx, by: { id?: string; ticketId?: string; ticketNumber?: number }, forUpdate = false): Promise<Emergency | undefined> {
  let q = tx.db.selectFrom('emergencies').selectAll();
  if (by.id) q = q.where('id', '=', by.id);
  else if (by.ticketId) q = q.where('ticket_id', '=', by.ticketId);
  else if (by.ticketNumber !== undefined) q = q.where('ticket_number', '=', by.ticketNumber);
  else return undefined;
  if (forUpdate && tx.engine === 'postgres') q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r ? rowTo(r) : undefined;
}

export async function listEmergencies(tx: Tx, f: { states?: EmergencyState[]; limit?: number } = {}): Promise<Emergency[]> {
  let q = tx.db.selectFrom('emergencies').selectAll().orderBy('created_at', 'asc').orderBy('ticket_number', 'asc');
  if (f.states?.length) q = q.where('state', 'in', f.states);
  return (await q.limit(f.limit ?? 500).execute()).map(rowTo);
}

export interface EmergencyHistoryFilter {
  /** ended = resolved or not paged (RP-3); none = every state. */
  states?: EmergencyState[];
  /** The owner (the e-mail the emergency records). */
  owner?: string;
  organizationId?: string;
  /** Emergencies whose page went to this paging service. */
  serviceId?: string;
  /** Opened within [from, to). */
  from?: Temporal.Instant;
  to?: Temporal.Instant;
  /** Words of the ticket's subject, or the ticket number. */
  text?: string;
  limit: number;
  offset: number;
}

/**
 * RP-3: emergencies in any state, newest first. The service and the subject belong to the page
 * and the ticket: their tables are asked read only, inside the one query, so a filter stays cheap.
 */
export async function findEmergencyHistory(tx: Tx, f: EmergencyHistoryFilter): Promise<Emergency[]> {
  let q = tx.db.selectFrom('emergencies').selectAll().orderBy('created_at', 'desc').orderBy('ticket_number', 'desc');
  if (f.states?.length) q = q.where('state', 'in', f.states);
  if (f.owner) q = q.where('dri_user_id', '=', f.owner);
  if (f.organizationId) q = q.where('organization_id', '=', f.organizationId);
  if (f.serviceId) q = q.where('page_id', 'in', (eb) => eb.selectFrom('pages').select('id').where('service_id', '=', f.serviceId!));
  if (f.from) q = q.where('created_at', '>=', isoUtc(f.from));
  if (f.to) q = q.where('created_at', '<', isoUtc(f.to));
  const text = f.text?.trim();
  if (text) {
    q = q.where((eb) => eb.or([
      eb('ticket_id', 'in', eb.selectFrom('tickets').select('id').where((t) => t(t.fn('lower', ['subject']), 'like', containsLike(text)))),
      ...(/^#?\d{1,9}$/.test(text) ? [eb('ticket_number', '=', Number(text.replace('#', '')))] : []),
    ]));
  }
  return (await q.limit(f.limit).offset(f.offset).execute()).map(rowTo);
}

/** How many of these tickets' emergencies are still open (an incident is over when none is). */
export async function countOpenEmergencies(tx: Tx, ticketIds: readonly string[]): Promise<number> {
  let n = 0;
  // Chunks keep the IN list within every engine's parameter limit.
  for (let i = 0; i < ticketIds.length; i += 500) {
    const r = await tx.db.selectFrom('emergencies').select((eb) => eb.fn.countAll().as('n')).where('state', '=', 'open').where('ticket_id', 'in', ticketIds.slice(i, i + 500)).executeTakeFirst();
    n += Number(r?.n ?? 0);
  }
  return n;
}

/** The comment a ticket was opened with (its description), from the ticket's creation entry. */
export async function openingCommentId(tx: Tx, ticketId: string): Promise<string | null> {
  await tx.appends?.flush(tx.db); // a ticket opened in this same transaction too
  const r = await tx.db.selectFrom('timeline').select('detail').where('subject_type', '=', 'ticket').where('subject_id', '=', ticketId).where('action', '=', 'ticket.created').executeTakeFirst();
  const id = r?.detail ? (JSON.parse(String(r.detail)) as { commentId?: unknown }).commentId : null;
  return typeof id === 'string' ? id : null;
}

// ---- runbook
export async function tick(tx: Tx, emergencyId: string, item: RunbookItem, now: Temporal.Instant, by: string | null): Promise<boolean> {
  const has = await tx.db.selectFrom('emergency_runbook').select('item').where('emergency_id', '=', emergencyId).where('item', '=', item).executeTakeFirst();
  if (has) return false;
  await tx.db.insertInto('emergency_runbook').values({ emergency_id: emergencyId, item, done_at: isoUtc(now), by_user_id: by }).execute();
  return true;
}

export async function listTicks(tx: Tx, emergencyId: string): Promise<{ item: RunbookItem; doneAt: string; by: string | null }[]> {
  const rows = await tx.db.selectFrom('emergency_runbook').selectAll().where('emergency_id', '=', emergencyId).execute();
  return rows.map((r) => ({ item: r.item, doneAt: str(r.done_at)!, by: r.by_user_id }));
}

// ---- records
export async function addRecord(tx: Tx, r: { emergencyId: string | null; ticketId: string | null; kind: string; data: unknown; by: string | null }, now: Temporal.Instant): Promise<void> {
  await tx.db.insertInto('emergency_records').values({
    id: newId(), emergency_id: r.emergencyId, ticket_id: r.ticketId, kind: r.kind, data: JSON.stringify(r.data), created_by: r.by, created_at: isoUtc(now),
  }).execute();
}

export async function listRecords(tx: Tx, ticketId: string): Promise<{ kind: string; data: any; at: string }[]> {
  const rows = await tx.db.selectFrom('emergency_records').selectAll().where('ticket_id', '=', ticketId).orderBy('created_at').execute();
  return rows.map((r) => ({ kind: r.kind, data: JSON.parse(r.data), at: str(r.created_at)! }));
}

// ---- timers (mirror of the engine's pending jobs, for "timers with due instants")
export interface TimerRow { key: string; kind: string; ticketId: string | null; dueAt: string; state: 'pending' | 'fired' | 'cancelled' | 'skipped' }

const timerOf = (r: Selectable<EmergencyTimersTable>): TimerRow => ({ key: r.key, kind: r.kind, ticketId: r.ticket_id, dueAt: str(r.due_at)!, state: r.state });

export async function upsertTimer(tx: Tx, t: { key: string; kind: string; emergencyId: string | null; ticketId: string | null; dueAt: Temporal.Instant; state: TimerRow['state'] }, now: Temporal.Instant): Promise<void> {
  await tx.db.deleteFrom('emergency_timers').where('key', '=', t.key).execute();
  await tx.db.insertInto('emergency_timers').values({
    key: t.key, emergency_id: t.emergencyId, ticket_id: t.ticketId, kind: t.kind, due_at: isoUtc(t.dueAt), state: t.state, updated_at: isoUtc(now),
  }).execute();
}

export async function setTimerState(tx: Tx, key: string, state: TimerRow['state'], now: Temporal.Instant): Promise<void> {
  await tx.db.updateTable('emergency_timers').set({ state, updated_at: isoUtc(now) }).where('key', '=', key).execute();
}

export async function listTimers(tx: Tx, ticketId: string): Promise<TimerRow[]> {
  const rows = await tx.db.selectFrom('emergency_timers').selectAll().where('ticket_id', '=', ticketId).orderBy('due_at').execute();
  return rows.map(timerOf);
}

export async function findTimer(tx: Tx, key: string): Promise<TimerRow | undefined> {
  const r = await tx.db.selectFrom('emergency_timers').selectAll().where('key', '=', key).executeTakeFirst();
  return r ? timerOf(r) : undefined;
}
