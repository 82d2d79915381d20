// Queries of the webhook tables: subscriptions, the deliveries (one per event and subscription) and
// their attempts (the delivery log). Only the webhook use cases read them.
import { sql, type Selectable } from 'kysely';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhookSubscriptionsTable } from '../store/schema.ts';
import { MemoKey, type Tx } from '../store/tx.ts';
import type { Subscription } from './subscription.ts';

const str = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v));

export interface StoredSubscription extends Subscription {
  secret: string;
  previousSecret: string | null;
  previousSecretUntil: string | null;
}

const toSubscription = (r: Selectable<WebhookSubscriptionsTable>): StoredSubscription => ({
  id: r.id, name: r.name, url: r.url, eventTypes: JSON.parse(r.event_types), serviceIds: JSON.parse(r.service_ids), organizationIds: JSON.parse(r.organization_ids),
  enabled: Number(r.enabled) === 1, disabledReason: r.disabled_reason, disabledAt: str(r.disabled_at), createdAt: str(r.created_at)!, updatedAt: str(r.updated_at)!,
  secret: r.secret, previousSecret: r.previous_secret, previousSecretUntil: str(r.previous_secret_until),
});

export async function insertSubscription(tx: Tx, s: StoredSubscription, createdBy: string | null): Promise<void> {
  await tx.db.insertInto('webhook_subscriptions').values({
    id: s.id, name: s.name, url: s.url, secret: s.secret, previous_secret: null, previous_secret_until: null, event_types: JSON.stringify(s.eventTypes),
    service_ids: JSON.stringify(s.serviceIds), organization_ids: JSON.stringify(s.organizationIds), enabled: s.enabled ? 1 : 0,
    disabled_reason: null, disabled_at: null, created_by: createdBy, created_at: s.createdAt, updated_at: s.updatedAt,
  }).execute();
  tx.memo.forget(ENABLED);
}

export interface SubscriptionPatch {
  name?: string; url?: string; eventTypes?: string[]; serviceIds?: string[]; organizationIds?: string[];
  enabled?: boolean; disabledReason?: string | null; disabledAt?: string | null;
  secret?: string; previousSecret?: string | null; previousSecretUntil?: string | null;
}

export async function updateSubscription(tx: Tx, id: string, now: Temporal.Instant, p: SubscriptionPatch): Promise<void> {
  const json = (v: string[] | undefined) => (v === undefined ? undefined : JSON.stringify(v));
  await tx.db.updateTable('webhook_subscriptions').set({
    name: p.name, url: p.url, event_types: json(p.eventTypes), service_ids: json(p.serviceIds), organization_ids: json(p.organizationIds),
    enabled: p.enabled === undefined ? undefined : p.enabled ? 1 : 0, disabled_reason: p.disabledReason, disabled_at: p.disabledAt,
    secret: p.secret, previous_secret: p.previousSecret, previous_secret_until: p.previousSecretUntil, updated_at: isoUtc(now),
  }).where('id', '=', id).execute();
  tx.memo.forget(ENABLED);
}

export async function deleteSubscription(tx: Tx, id: string): Promise<void> {
  await tx.db.deleteFrom('webhook_attempts').where('delivery_id', 'in', tx.db.selectFrom('webhook_deliveries').select('id').where('subscription_id', '=', id)).execute();
  await tx.db.deleteFrom('webhook_deliveries').where('subscription_id', '=', id).execute();
  await tx.db.deleteFrom('webhook_subscriptions').where('id', '=', id).execute();
  tx.memo.forget(ENABLED);
}

export async function findSubscription(tx: Tx, id: string, forUpdate = false): Promise<StoredSubscription | undefined> {
  let q = tx.db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id);
  if (forUpdate && tx.engine === 'postgres') q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r ? toSubscription(r) : undefined;
}

export async function listSubscriptions(tx: Tx): Promise<StoredSubscription[]> {
  return (await tx.db.selectFrom('webhook_subscriptions').selectAll().orderBy('created_at').orderBy('id').execute()).map(toSubscription);
}

const ENABLED = new MemoKey<StoredSubscription[]>('webhooks.enabled');

/** The enabled subscriptions, read once per unit of work (a bulk change publishes many events). */
export function enabledSubscriptions(tx: Tx): Promise<StoredSubscription[]> {
  return tx.memo.once(ENABLED, async () => (await tx.db.selectFrom('webhook_subscriptions').selectAll().where('enabled', '=', 1).execute()).map(toSubscription));
}

export interface Delivery {
  id: string;
  subscriptionId: string;
  eventType: string;
  body: string;
  state: Selectable<WebhookDeliveriesTable>['state'];
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

const toDelivery = (r: Selectable<WebhookDeliveriesTable>): Delivery => ({
  id: r.id, subscriptionId: r.subscription_id, eventType: r.event_type, body: r.body, state: r.state, attempts: Number(r.attempts),
  lastStatus: r.last_status === null ? null : Number(r.last_status), lastError: r.last_error,
  lastDurationMs: r.last_duration_ms === null ? null : Number(r.last_duration_ms), nextAttemptAt: str(r.next_attempt_at),
  deliveredAt: str(r.delivered_at), createdAt: str(r.created_at)!,
});

/** An event's body once, and a pending delivery of it per matching subscription. */
export async function insertDeliveries(
  tx: Tx,
  events: readonly { id: string; eventType: string; body: string; createdAt: string }[],
  rows: readonly { id: string; eventId: string; subscriptionId: string; eventType: string; createdAt: string }[],
): Promise<void> {
  for (let i = 0; i < events.length; i += 200) {
    await tx.db.insertInto('webhook_events').values(events.slice(i, i + 200).map((e) => ({ id: e.id, event_type: e.eventType, body: e.body, created_at: e.createdAt }))).execute();
  }
  for (let i = 0; i < rows.length; i += 200) {
    await tx.db.insertInto('webhook_deliveries').values(rows.slice(i, i + 200).map((d) => ({
      id: d.id, subscription_id: d.subscriptionId, event_type: d.eventType, event_id: d.eventId, body: '', state: 'pending' as const, attempts: 0,
      last_status: null, last_error: null, last_duration_ms: null, next_attempt_at: d.createdAt, delivered_at: null, created_at: d.createdAt,
    }))).execute();
  }
}

export async function updateDelivery(tx: Tx, id: string, p: { state: Delivery['state']; attempts?: number; lastStatus?: number | null; lastError?: string | null; nextAttemptAt?: string | null; deliveredAt?: string | null }): Promise<void> {
  await tx.db.updateTable('webhook_deliveries').set({
    state: p.state, attempts: p.attempts, last_status: p.lastStatus, last_error: p.lastError, next_attempt_at: p.nextAttemptAt, delivered_at: p.deliveredAt,
  }).where('id', '=', id).execute();
}

/** A subscription's pending deliveries end when it is disabled or deleted. */
export async function cancelPendingDeliveries(tx: Tx, subscriptionId: string, reason: string): Promise<string[]> {
  const ids = (await tx.db.selectFrom('webhook_deliveries').select('id').where('subscription_id', '=', subscriptionId).where('state', '=', 'pending').execute()).map((r) => r.id);
  if (ids.length) await tx.db.updateTable('webhook_deliveries').set({ state: 'cancelled', last_error: reason, next_attempt_at: null }).where('subscription_id', '=', subscriptionId).where('state', '=', 'pending').execute();
  return ids;
}

export interface Attempt {
  id: string;
  deliveryId: string;
  attempt: number;
  at: string;
  statusCode: number | null;
  durationMs: number;
  outcome: string;
  error: string | null;
  nextAttemptAt: string | null;
}

export async function insertAttempts(tx: Tx, rows: (Attempt & { subscriptionId: string })[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await tx.db.insertInto('webhook_attempts').values(rows.slice(i, i + 200).map((a) => ({
      id: a.id, delivery_id: a.deliveryId, subscription_id: a.subscriptionId, attempt: a.attempt, at: a.at, status_code: a.statusCode,
      duration_ms: a.durationMs, outcome: a.outcome, error: a.error, next_attempt_at: a.nextAttemptAt,
    }))).execute();
  }
}

/**
 * Deliveries answered 2xx, the attempt recorded on the delivery itself: one statement per
 * distinct (attempts, status, instant), each row's duration picked by its id.
 */
export async function markDelivered(tx: Tx, rows: { id: string; attempts: number; status: number | null; at: string; durationMs: number }[]): Promise<void> {
  const byValues = new Map<string, { attempts: number; status: number | null; at: string; rows: typeof rows }>();
  for (const r of rows) {
    const k = `${r.attempts}|${r.status}|${r.at}`;
    const g = byValues.get(k) ?? { attempts: r.attempts, status: r.status, at: r.at, rows: [] };
    g.rows.push(r);
    byValues.set(k, g);
  }
  for (const g of byValues.values()) {
    const duration = sql<number>`case ${sql.ref('id')} ${sql.join(g.rows.map((r) => sql`when ${r.id} then cast(${r.durationMs} as integer)`), sql` `)} end`;
    await tx.db.updateTable('webhook_deliveries')
      .set({ state: 'delivered', attempts: g.attempts, last_status: g.status, last_error: null, last_duration_ms: duration, next_attempt_at: null, delivered_at: g.at })
      .where('id', 'in', g.rows.map((r) => r.id)).execute();
  }
}

/** What the attempts need, in two reads: the deliveries with their bodies, and their subscriptions (undefined once deleted). */
export async function findDeliveriesToSend(tx: Tx, ids: readonly string[]): Promise<{ delivery: Delivery; subscription: StoredSubscription | undefined }[]> {
  if (ids.length === 0) return [];
  const deliveries = (await tx.db.selectFrom('webhook_deliveries as d').leftJoin('webhook_events as e', 'e.id', 'd.event_id').selectAll('d').select('e.body as event_body')
    .where('d.id', 'in', [...ids]).execute()).map((r) => ({ ...toDelivery(r), body: r.event_body ?? r.body }));
  const subIds = [...new Set(deliveries.map((d) => d.subscriptionId))];
  const subs = subIds.length ? (await tx.db.selectFrom('webhook_subscriptions').selectAll().where('id', 'in', subIds).execute()).map(toSubscription) : [];
  return deliveries.map((delivery) => ({ delivery, subscription: subs.find((s) => s.id === delivery.subscriptionId) }));
}

const toAttempt = (r: Selectable<WebhookAttemptsTable>): Attempt => ({
  id: r.id, deliveryId: r.delivery_id, attempt: Number(r.attempt), at: str(r.at)!, statusCode: r.status_code === null ? null : Number(r.status_code),
  durationMs: Number(r.duration_ms), outcome: r.outcome, error: r.error, nextAttemptAt: str(r.next_attempt_at),
});

export interface DeliveryLogEntry extends Omit<Delivery, 'body'> {
  attemptsLog: Attempt[];
}

/** The delivery log: a subscription's latest deliveries, newest first, each with its attempts. */
export async function listDeliveries(tx: Tx, subscriptionId: string, limit = 50): Promise<DeliveryLogEntry[]> {
  const rows = (await tx.db.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', subscriptionId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(toDelivery);
  if (rows.length === 0) return [];
  const attempts = (await tx.db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', rows.map((r) => r.id)).orderBy('attempt').execute()).map(toAttempt);
  return rows.map(({ body: _body, ...d }) => {
    const log = attempts.filter((a) => a.deliveryId === d.id);
    return { ...d, attemptsLog: d.state === 'delivered' && !log.some((a) => a.outcome === 'delivered') ? [...log, successOf(d)] : log };
  });
}

/** The successful attempt, as its delivery records it (deliveries before webhook_events have a row of it too). */
function successOf(d: Omit<Delivery, 'body'>): Attempt {
  return { id: `${d.id}.${d.attempts}`, deliveryId: d.id, attempt: d.attempts, at: d.deliveredAt!, statusCode: d.lastStatus, durationMs: d.lastDurationMs ?? 0, outcome: 'delivered', error: null, nextAttemptAt: null };
}

/** What disabling a subscription writes on the deliveries it ends (cancelPendingDeliveries and a job that finds it disabled). */
export const CANCELLED_BY_DISABLING = 'subscription disabled';
/** What an enable that did not resend them leaves on them, so a later disabling's resend does not pick them up. */
export const NOT_RESENT = 'subscription disabled; not resent when enabled again';

const cancelledByDisabling = (tx: Tx, subscriptionId: string) =>
  tx.db.selectFrom('webhook_deliveries').where('subscription_id', '=', subscriptionId).where('state', '=', 'cancelled').where('last_error', '=', CANCELLED_BY_DISABLING);

/** How many deliveries the disabling cancelled, and how many of them were queued at or after `since`. */
export async function countCancelledByDisabling(tx: Tx, subscriptionId: string, since: string): Promise<{ cancelled: number; resendable: number }> {
  const rows = await cancelledByDisabling(tx, subscriptionId).select('created_at').execute();
  const from = Date.parse(since);
  return { cancelled: rows.length, resendable: rows.filter((r) => Date.parse(str(r.created_at)!) >= from).length };
}

/**
 * The deliveries the disabling cancelled, queued at or after `since`, back to pending (their id,
 * body and attempts kept, so the receiver sees the same webhook-id); the others are marked as not
 * resent. Answers the ids made pending, oldest first.
 */
export async function reopenCancelledByDisabling(tx: Tx, subscriptionId: string, since: string | null, now: string): Promise<string[]> {
  const rows = await cancelledByDisabling(tx, subscriptionId).select(['id', 'created_at']).orderBy('created_at').orderBy('id').execute();
  const from = since === null ? Infinity : Date.parse(since);
  const resend = rows.filter((r) => Date.parse(str(r.created_at)!) >= from).map((r) => r.id);
  const keep = rows.filter((r) => !(Date.parse(str(r.created_at)!) >= from)).map((r) => r.id);
  for (let i = 0; i < resend.length; i += 500) {
    await tx.db.updateTable('webhook_deliveries').set({ state: 'pending', last_error: null, next_attempt_at: now }).where('id', 'in', resend.slice(i, i + 500)).execute();
  }
  for (let i = 0; i < keep.length; i += 500) {
    await tx.db.updateTable('webhook_deliveries').set({ last_error: NOT_RESENT }).where('id', 'in', keep.slice(i, i + 500)).execute();
  }
  return resend;
}
