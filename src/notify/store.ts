// Personal notification rules and the delivery log: one row per attempt (channel, address,
// status, provider id, error, when), written before the attempt so a send is never repeated
// once it is known to have succeeded.
import { newId } from '../kernel/ids.ts';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import type { Tx } from '../store/tx.ts';
import type { NotificationRule } from '../paging/notification-rules.ts';

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

export type DeliveryStatus = 'sending' | 'sent' | 'failed';

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
}

const toAttempt = (r: any): DeliveryAttempt => ({
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
});

export async function hasSucceeded(tx: Tx, key: string): Promise<boolean> {
  const r = await tx.db.selectFrom('deliveries').select('id').where('delivery_key', '=', key).where('status', '=', 'sent').executeTakeFirst();
  return !!r;
}

export async function startAttempt(
  tx: Tx,
  a: { key: string; pageId: string | null; userId: string | null; channel: string; address: string; at: Temporal.Instant },
): Promise<{ id: string; attempt: number }> {
  const prev = await tx.db.selectFrom('deliveries').select((eb) => eb.fn.countAll().as('n')).where('delivery_key', '=', a.key).executeTakeFirstOrThrow();
  const id = newId();
  const attempt = Number(prev.n) + 1;
  await tx.db
    .insertInto('deliveries')
    .values({ id, delivery_key: a.key, page_id: a.pageId, user_id: a.userId, attempt, channel: a.channel, address: a.address, status: 'sending', at: isoUtc(a.at) })
    .execute();
  return { id, attempt };
}

export async function finishAttempt(tx: Tx, id: string, r: { status: 'sent' | 'failed'; providerId?: string | null; error?: string | null; at: Temporal.Instant }): Promise<void> {
  await tx.db
    .updateTable('deliveries')
    .set({ status: r.status, provider_id: r.providerId ?? null, error: r.error ? r.error.slice(0, 2000) : null, finished_at: isoUtc(r.at) })
    .where('id', '=', id)
    .execute();
}

export async function listDeliveries(tx: Tx, f: { pageId?: string; key?: string }): Promise<DeliveryAttempt[]> {
  let q = tx.db.selectFrom('deliveries').selectAll().orderBy('at').orderBy('attempt');
  if (f.pageId) q = q.where('page_id', '=', f.pageId);
  if (f.key) q = q.where('delivery_key', '=', f.key);
  return (await q.execute()).map(toAttempt);
}
