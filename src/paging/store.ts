// Paging queries: rows in, domain objects (page.ts, escalation.ts, silence.ts) out.
import { sql, type Kysely, type Selectable } from 'kysely';
import { newId, newSecret } from '../kernel/ids.ts';
import { containsLike } from '../kernel/like.ts';
import { isoUtc, Temporal } from '../kernel/time.ts';
import type { Database, EscalationPoliciesTable, MaintenanceWindowsTable, PagesTable, PagingServicesTable } from '../store/schema.ts';
import type { Tx } from '../store/tx.ts';
import type { EscalationPolicy } from './escalation.ts';
import type { Page, PageStatus } from './page.ts';
import type { MaintenanceWindow } from './silence.ts';

export interface Service {
  id: string;
  name: string;
  description: string | null;
  escalationPolicyId: string | null;
  /** PG-8: the Events API v2 routing key of the service's integration (32 characters). */
  integrationKey: string;
}

const inst = (v: string | Date | null): Temporal.Instant | null =>
  v === null || v === undefined ? null : Temporal.Instant.from(v instanceof Date ? v.toISOString() : String(v));
const json = <T>(v: unknown, fallback: T): T => (typeof v === 'string' && v ? (JSON.parse(v) as T) : fallback);

/** A 32-character routing key (hex), the length Events API v2 senders check. */
export function newIntegrationKey(): string {
  return Buffer.from(newSecret(16), 'base64url').toString('hex').slice(0, 32).padEnd(32, '0');
}

// ---- pages ------------------------------------------------------------------------------------

export interface PageRow extends Page {
  heldUntil: Temporal.Instant | null;
  cursors: Record<number, number>;
  source: string;
  details: Record<string, unknown>;
}

function toPage(r: Selectable<PagesTable>): PageRow {
  return {
    id: r.id,
    number: Number(r.number),
    serviceId: r.service_id,
    title: r.title,
    ticketId: r.ticket_id,
    dedupKey: r.dedup_key,
    urgency: r.urgency,
    status: r.status,
    escalationPolicyId: r.escalation_policy_id,
    escalationLevel: Number(r.escalation_level),
    escalationLoop: Number(r.escalation_loop),
    levelStartedAt: inst(r.level_started_at)!,
    targetUserIds: json(r.target_user_ids, []),
    shadowUserIds: json(r.shadow_user_ids, []),
    acknowledgedBy: r.acknowledged_by,
    acknowledgedAt: inst(r.acknowledged_at),
    resolvedBy: r.resolved_by,
    resolvedAt: inst(r.resolved_at),
    triggeredAt: inst(r.triggered_at)!,
    alertCount: Number(r.alert_count),
    notificationCycle: Number(r.notification_cycle),
    heldUntil: inst(r.held_until),
    cursors: json(r.cursors, {}),
    source: r.source,
    details: json(r.details, {}),
  };
}

function pageValues(p: PageRow, now: Temporal.Instant) {
  const iso = (i: Temporal.Instant | null) => (i ? isoUtc(i) : null);
  return {
    service_id: p.serviceId,
    title: p.title,
    ticket_id: p.ticketId,
    dedup_key: p.dedupKey,
    urgency: p.urgency,
    status: p.status,
    escalation_policy_id: p.escalationPolicyId,
    escalation_level: p.escalationLevel,
    escalation_loop: p.escalationLoop,
    level_started_at: isoUtc(p.levelStartedAt),
    target_user_ids: JSON.stringify(p.targetUserIds),
    shadow_user_ids: JSON.stringify(p.shadowUserIds),
    acknowledged_by: p.acknowledgedBy,
    acknowledged_at: iso(p.acknowledgedAt),
    resolved_by: p.resolvedBy,
    resolved_at: iso(p.resolvedAt),
    triggered_at: isoUtc(p.triggeredAt),
    alert_count: p.alertCount,
    notification_cycle: p.notificationCycle,
    held_until: iso(p.heldUntil),
    cursors: JSON.stringify(p.cursors),
    source: p.source,
    details: JSON.stringify(p.details),
    updated_at: isoUtc(now),
  };
}

export async function nextPageNumber(tx: Tx): Promise<number> {
  const r = await tx.db.updateTable('paging_counters').set((eb) => ({ value: eb('value', '+', 1) })).where('name', '=', 'page').returning('value').executeTakeFirstOrThrow();
  return Number(r.value);
}

export async function insertPage(tx: Tx, p: PageRow, now: Temporal.Instant): Promise<void> {
  await tx.db.insertInto('pages').values({ id: p.id, number: p.number, ...pageValues(p, now) }).execute();
}

export async function updatePage(tx: Tx, p: PageRow, now: Temporal.Instant): Promise<void> {
  await tx.db.updateTable('pages').set(pageValues(p, now)).where('id', '=', p.id).execute();
}

export async function findPage(tx: Tx, by: { id?: string; number?: number }, opts: { forUpdate?: boolean } = {}): Promise<PageRow | undefined> {
  let q = tx.db.selectFrom('pages').selectAll();
  if (by.id !== undefined) q = q.where('id', '=', by.id);
  else if (by.number !== undefined) q = q.where('number', '=', by.number);
  else return undefined;
  if (opts.forUpdate && tx.engine === 'postgres') q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r ? toPage(r) : undefined;
}

export async function findOpenPageByDedup(tx: Tx, serviceId: string, dedupKey: string): Promise<PageRow | undefined> {
  // the literal lets SQLite use the partial unique index (its WHERE must match textually)
  let q = tx.db.selectFrom('pages').selectAll().where('service_id', '=', serviceId).where('dedup_key', '=', dedupKey).where('status', '<>', sql.lit('resolved'));
  if (tx.engine === 'postgres') q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r ? toPage(r) : undefined;
}

/**
 * PG-8 repeat trigger in one statement: +1 alert on the open page with this dedup key, if any.
 * The hot path of the events intake; the same effect as appendAlert (page.ts).
 */
export async function bumpOpenPageAlerts(tx: Tx, serviceId: string, dedupKey: string, now: Temporal.Instant): Promise<{ id: string; alertCount: number; status: PageStatus } | undefined> {
  const r = await tx.db
    .updateTable('pages')
    .set({ alert_count: sql`alert_count + 1`, updated_at: isoUtc(now) })
    .where('service_id', '=', serviceId)
    .where('dedup_key', '=', dedupKey)
    .where('status', '<>', sql.lit('resolved'))
    .returning(['id', 'alert_count', 'status'])
    .executeTakeFirst();
  return r ? { id: r.id, alertCount: Number(r.alert_count), status: r.status } : undefined;
}

export interface PageFilter {
  status?: PageStatus | 'open';
  serviceId?: string;
  /** Pages where this user is a target or the owner. */
  userId?: string;
  ids?: string[];
  ticketId?: string;
  heldForService?: string;
  limit?: number;
  /** History: pages skipped (newest first) before the first one returned. */
  offset?: number;
  /** History: pages about a ticket of this organisation. */
  organizationId?: string;
  /** History: triggered within [from, to). */
  from?: Temporal.Instant;
  to?: Temporal.Instant;
  /** History: words in the title, or the page number. */
  text?: string;
}

export async function findPages(tx: Tx, f: PageFilter = {}): Promise<PageRow[]> {
  let q = tx.db.selectFrom('pages').selectAll().orderBy('number', 'desc');
  if (f.status === 'open') q = q.where('status', '<>', 'resolved');
  else if (f.status) q = q.where('status', '=', f.status);
  if (f.serviceId) q = q.where('service_id', '=', f.serviceId);
  if (f.ticketId) q = q.where('ticket_id', '=', f.ticketId);
  if (f.ids) q = f.ids.length ? q.where('id', 'in', f.ids) : q.where('id', '=', '');
  if (f.heldForService) q = q.where('service_id', '=', f.heldForService).where('held_until', 'is not', null);
  const userId = f.userId;
  if (userId) {
    const like = `%"${userId}"%`;
    q = q.where((eb) => eb.or([eb('target_user_ids', 'like', like), eb('acknowledged_by', '=', userId), eb('resolved_by', '=', userId)]));
  }
  // A page knows its ticket, not the ticket's organisation: ask the tickets table, read only.
  if (f.organizationId) q = q.where('ticket_id', 'in', (eb) => eb.selectFrom('tickets').select('id').where('organization_id', '=', f.organizationId!));
  if (f.from) q = q.where('triggered_at', '>=', isoUtc(f.from));
  if (f.to) q = q.where('triggered_at', '<', isoUtc(f.to));
  const text = f.text?.trim();
  if (text) {
    q = q.where((eb) => eb.or([
      eb(eb.fn('lower', ['title']), 'like', containsLike(text)),
      ...(/^#?\d{1,9}$/.test(text) ? [eb('number', '=', Number(text.replace('#', '')))] : []),
    ]));
  }
  const rows = await q.limit(f.limit ?? 200).offset(f.offset ?? 0).execute();
  return rows.map(toPage);
}

// ---- services and policies --------------------------------------------------------------------

const toService = (r: Selectable<PagingServicesTable>): Service => ({
  id: r.id,
  name: r.name,
  description: r.description,
  escalationPolicyId: r.escalation_policy_id,
  integrationKey: r.integration_key,
});

export async function findServices(tx: Tx): Promise<Service[]> {
  return (await tx.db.selectFrom('paging_services').selectAll().orderBy('name').execute()).map(toService);
}

export async function findService(tx: Tx, by: { id?: string; name?: string; integrationKey?: string }): Promise<Service | undefined> {
  let q = tx.db.selectFrom('paging_services').selectAll();
  if (by.id) q = q.where('id', '=', by.id);
  else if (by.name) q = q.where('name', '=', by.name);
  else if (by.integrationKey) q = q.where('integration_key', '=', by.integrationKey);
  else return undefined;
  const r = await q.executeTakeFirst();
  return r ? toService(r) : undefined;
}

export async function upsertService(tx: Tx, s: Service, now: Temporal.Instant): Promise<void> {
  const v = { name: s.name, description: s.description, escalation_policy_id: s.escalationPolicyId, integration_key: s.integrationKey, updated_at: isoUtc(now) };
  const exists = await tx.db.selectFrom('paging_services').select('id').where('id', '=', s.id).executeTakeFirst();
  if (exists) await tx.db.updateTable('paging_services').set(v).where('id', '=', s.id).execute();
  else await tx.db.insertInto('paging_services').values({ id: s.id, ...v, created_at: isoUtc(now) }).execute();
}

const toPolicy = (r: Selectable<EscalationPoliciesTable>): EscalationPolicy => ({
  id: r.id,
  name: r.name,
  levels: json(r.levels, []),
  repeat: Number(r.repeat),
  ...(r.pageable_by ? { pageableBy: json<string[]>(r.pageable_by, []) } : {}),
});

export async function findPolicies(tx: Tx): Promise<EscalationPolicy[]> {
  return (await tx.db.selectFrom('escalation_policies').selectAll().orderBy('name').execute()).map(toPolicy);
}

export async function findPolicy(tx: Tx, by: { id?: string; name?: string }): Promise<EscalationPolicy | undefined> {
  let q = tx.db.selectFrom('escalation_policies').selectAll();
  if (by.id) q = q.where('id', '=', by.id);
  else if (by.name) q = q.where('name', '=', by.name);
  else return undefined;
  const r = await q.executeTakeFirst();
  return r ? toPolicy(r) : undefined;
}

export async function upsertPolicy(tx: Tx, p: EscalationPolicy, now: Temporal.Instant): Promise<void> {
  const v = { name: p.name, levels: JSON.stringify(p.levels), repeat: p.repeat, pageable_by: p.pageableBy ? JSON.stringify(p.pageableBy) : null, updated_at: isoUtc(now) };
  const exists = await tx.db.selectFrom('escalation_policies').select('id').where('id', '=', p.id).executeTakeFirst();
  if (exists) await tx.db.updateTable('escalation_policies').set(v).where('id', '=', p.id).execute();
  else await tx.db.insertInto('escalation_policies').values({ id: p.id, ...v, created_at: isoUtc(now) }).execute();
}

// ---- maintenance windows -----------------------------------------------------------------------

const toWindow = (r: Selectable<MaintenanceWindowsTable>): MaintenanceWindow => ({
  id: r.id,
  serviceIds: json(r.service_ids, []),
  start: inst(r.start_at)!,
  end: inst(r.end_at)!,
  reason: r.reason,
  createdBy: r.created_by,
  onEnd: r.on_end,
});

/** Windows that have not ended by `at` (and the ones that just ended, for release digests). */
export async function findWindows(tx: Tx, opts: { endingAfter?: Temporal.Instant } = {}): Promise<MaintenanceWindow[]> {
  let q = tx.db.selectFrom('maintenance_windows').selectAll().orderBy('start_at');
  if (opts.endingAfter) q = q.where('end_at', '>=', isoUtc(opts.endingAfter));
  return (await q.execute()).map(toWindow);
}

export async function insertWindow(tx: Tx, w: MaintenanceWindow, now: Temporal.Instant): Promise<void> {
  await tx.db
    .insertInto('maintenance_windows')
    .values({ id: w.id, service_ids: JSON.stringify(w.serviceIds), start_at: isoUtc(w.start), end_at: isoUtc(w.end), reason: w.reason, created_by: w.createdBy, on_end: w.onEnd, created_at: isoUtc(now) })
    .execute();
}

export async function updateWindowEnd(tx: Tx, id: string, end: Temporal.Instant): Promise<void> {
  await tx.db.updateTable('maintenance_windows').set({ end_at: isoUtc(end) }).where('id', '=', id).execute();
}

/** A setting stored once and shared by every node (the action-link secret). */
export async function settingOrCreate(tx: Tx, name: string, make: () => string): Promise<string> {
  const r = await tx.db.selectFrom('paging_settings').select('value').where('name', '=', name).executeTakeFirst();
  if (r) return r.value;
  const value = make();
  await tx.db.insertInto('paging_settings').values({ name, value }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const again = await tx.db.selectFrom('paging_settings').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return again.value;
}

export { newId };

// Queries of the events intake's hot path: a burst of repeat triggers in as few statements as
// the engines allow.

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
 * bumpOpenPageAlerts.
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

/** Notifications of these pages queued and not yet done (their job keys are notify:page:<id>:…). */
export async function queuedNotifications(tx: Tx, pageIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (pageIds.length === 0) return out;
  const rows = await tx.db.selectFrom('jobs').select('replace_key').where('kind', '=', 'page.notify').where('status', 'in', ['pending', 'running'])
    .where((eb) => eb.or(pageIds.map((id) => eb('replace_key', 'like', `notify:page:${id}:%`)))).execute();
  for (const id of pageIds) out.set(id, rows.filter((r) => r.replace_key?.startsWith(`notify:page:${id}:`)).length);
  return out;
}
