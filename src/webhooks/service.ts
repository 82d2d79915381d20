// The webhook subscriptions' use cases (admins only): create (the secret is shown this once),
// change, delete, enable again after Hotline disabled it (resending what the disabling cancelled), rotate the secret, send a test event, and
// read the delivery log. Each change writes its timeline entry in the same transaction.
import { randomBytes } from 'node:crypto';
import type { Actor } from '../kernel/actor.ts';
import { forbidden, invalid, notFound } from '../kernel/errors.ts';
import { newId } from '../kernel/ids.ts';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import { readTx, type Tx } from '../store/tx.ts';
import { testEvent } from './payload.ts';
import { enqueueMany } from '../engine/jobs.ts';
import { deliveryJob, queuePairs } from './service-deliver.ts';
import { formatSecret, isValidSecret } from './signature.ts';
import { checkSubscriptionInput, type Subscription, type SubscriptionInput } from './subscription.ts';
import {
  CANCELLED_BY_DISABLING, cancelPendingDeliveries, countCancelledByDisabling, deleteSubscription, reopenCancelledByDisabling, findSubscription, insertSubscription, listDeliveries, listSubscriptions, updateSubscription,
  type DeliveryLogEntry, type StoredSubscription, type SubscriptionPatch,
} from './store.ts';

/** After a rotation the old secret keeps signing this long, so receivers can switch without losing events. */
export const ROTATION_GRACE_HOURS = 24;

const admin = (a: Actor): void => {
  if (a.role !== 'admin' && a.role !== 'system') throw forbidden('webhook.admins_only', 'Only admins manage webhook subscriptions.');
};

const publicOf = ({ secret: _s, previousSecret: _p, previousSecretUntil: _u, ...s }: StoredSubscription): Subscription => s;

export function newWebhookSecret(): string {
  return formatSecret(randomBytes(32));
}

async function load(tx: Tx, id: string, forUpdate = false): Promise<StoredSubscription> {
  const s = await findSubscription(tx, id, forUpdate);
  if (!s) throw notFound('webhook.not_found', `No webhook subscription ${id}; list them with \`hotline webhook list\`.`, { id });
  return s;
}

const unique = (xs: readonly string[] | undefined) => [...new Set((xs ?? []).map((x) => x.trim()).filter(Boolean))];

export async function listWebhookSubscriptions(ctx: Ctx, actor: Actor): Promise<Subscription[]> {
  admin(actor);
  return (await listSubscriptions(readTx(ctx.db))).map(publicOf);
}

export async function getWebhookSubscription(ctx: Ctx, actor: Actor, id: string): Promise<Subscription> {
  admin(actor);
  return publicOf(await load(readTx(ctx.db), id));
}

export async function createWebhookSubscription(ctx: Ctx, actor: Actor, input: SubscriptionInput & { secret?: string }, tx?: Tx): Promise<{ subscription: Subscription; secret: string }> {
  admin(actor);
  checkSubscriptionInput(input);
  if (input.secret !== undefined && !isValidSecret(input.secret)) throw invalid('webhook.bad_secret', 'A secret must be "whsec_" followed by the base64 of 24 to 64 random bytes; leave it out and Hotline makes one.');
  return withTx(ctx, tx, async (tx) => {
    const now = isoUtc(ctx.clock.now());
    const s: StoredSubscription = {
      id: newId(), name: input.name.trim(), url: input.url, eventTypes: unique(input.eventTypes), serviceIds: unique(input.serviceIds), organizationIds: unique(input.organizationIds),
      enabled: true, disabledReason: null, disabledAt: null, createdAt: now, updatedAt: now, secret: input.secret ?? newWebhookSecret(), previousSecret: null, previousSecretUntil: null,
    };
    await insertSubscription(tx, s, actor.userId);
    await recordTimeline(tx, ctx.clock.now(), actor, { subjectType: 'webhook_subscription', subjectId: s.id, action: 'webhook.created', detail: { name: s.name, url: s.url, eventTypes: s.eventTypes } });
    return { subscription: publicOf(s), secret: s.secret };
  });
}

export async function updateWebhookSubscription(ctx: Ctx, actor: Actor, id: string, input: Partial<SubscriptionInput>, tx?: Tx): Promise<Subscription> {
  admin(actor);
  checkSubscriptionInput(input, true);
  return withTx(ctx, tx, async (tx) => {
    await load(tx, id, true);
    const patch: SubscriptionPatch = {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.eventTypes !== undefined ? { eventTypes: unique(input.eventTypes) } : {}),
      ...(input.serviceIds !== undefined ? { serviceIds: unique(input.serviceIds) } : {}),
      ...(input.organizationIds !== undefined ? { organizationIds: unique(input.organizationIds) } : {}),
    };
    await updateSubscription(tx, id, ctx.clock.now(), patch);
    await recordTimeline(tx, ctx.clock.now(), actor, { subjectType: 'webhook_subscription', subjectId: id, action: 'webhook.updated', detail: { ...patch } });
    return publicOf(await load(tx, id));
  });
}

export async function deleteWebhookSubscription(ctx: Ctx, actor: Actor, id: string, tx?: Tx): Promise<void> {
  admin(actor);
  await withTx(ctx, tx, async (tx) => {
    const s = await load(tx, id, true);
    await deleteSubscription(tx, id); // its queued jobs find no delivery and end
    await recordTimeline(tx, ctx.clock.now(), actor, { subjectType: 'webhook_subscription', subjectId: id, action: 'webhook.deleted', detail: { name: s.name, url: s.url } });
  });
}

/**
 * How far back "resend what was missed" reaches: deliveries queued in the last 7 days, so a
 * subscription disabled on Friday and fixed on Monday loses nothing. Older ones are not resent:
 * a stale event could undo newer state on the receiver, and a week is past what an admin still
 * expects to be replayed. A resent delivery keeps its `webhook-id` and its event's `timestamp`,
 * so the receiver drops one it already has and can judge by age whether it still matters.
 */
export const RESEND_WINDOW_DAYS = 7;
const resendSince = (now: Temporal.Instant) => isoUtc(now.subtract({ hours: RESEND_WINDOW_DAYS * 24 }));

/** Stop sending to a subscription: its pending deliveries end (enableWebhookSubscription may resend them). */
export async function disableWebhookSubscription(ctx: Ctx, actor: Actor, id: string, tx?: Tx): Promise<Subscription> {
  admin(actor);
  return withTx(ctx, tx, async (tx) => {
    const s = await load(tx, id, true);
    if (!s.enabled) return publicOf(s);
    const now = ctx.clock.now();
    await updateSubscription(tx, id, now, { enabled: false, disabledReason: `disabled by ${actor.name}`, disabledAt: isoUtc(now) });
    await cancelPendingDeliveries(tx, id, CANCELLED_BY_DISABLING);
    await recordTimeline(tx, now, actor, { subjectType: 'webhook_subscription', subjectId: id, action: 'webhook.disabled', detail: { name: s.name } });
    return publicOf(await load(tx, id));
  });
}

/** What a disabled subscription missed: the deliveries its disabling cancelled, and how many of them enabling could resend. */
export async function cancelledWebhookDeliveries(ctx: Ctx, actor: Actor, id: string): Promise<{ cancelled: number; resendable: number; resendSince: string }> {
  admin(actor);
  const tx = readTx(ctx.db);
  await load(tx, id);
  const since = resendSince(ctx.clock.now());
  return { ...(await countCancelledByDisabling(tx, id, since)), resendSince: since };
}

/**
 * Enable again (after Hotline disabled it, or an admin did): new events are sent from now on and,
 * when asked, the deliveries the disabling cancelled (queued in the last RESEND_WINDOW_DAYS) are
 * sent again, in the same transaction: same id, same body, retried like any delivery. Those not
 * resent are marked so, and a later disabling's resend leaves them alone.
 */
export async function enableWebhookSubscription(ctx: Ctx, actor: Actor, id: string, opts: { resendCancelled?: boolean }, tx?: Tx): Promise<{ subscription: Subscription; resent: number }> {
  admin(actor);
  return withTx(ctx, tx, async (tx) => {
    const s = await load(tx, id, true);
    if (s.enabled) return { subscription: publicOf(s), resent: 0 };
    const now = ctx.clock.now();
    await updateSubscription(tx, id, now, { enabled: true, disabledReason: null, disabledAt: null });
    const since = opts.resendCancelled ? resendSince(now) : null;
    const resent = await reopenCancelledByDisabling(tx, id, since, isoUtc(now));
    // the key re-arms a retry the disabling left queued, so each delivery has one job
    await enqueueMany(tx, now, resent.map((deliveryId) => deliveryJob(deliveryId, now)));
    await recordTimeline(tx, now, actor, { subjectType: 'webhook_subscription', subjectId: id, action: 'webhook.enabled', detail: { name: s.name, resent: resent.length } });
    return { subscription: publicOf(await load(tx, id)), resent: resent.length };
  });
}

/** A new secret, shown once; the old one also signs for ROTATION_GRACE_HOURS. */
export async function rotateWebhookSecret(ctx: Ctx, actor: Actor, id: string, tx?: Tx): Promise<{ subscription: Subscription; secret: string; previousSecretValidUntil: string }> {
  admin(actor);
  return withTx(ctx, tx, async (tx) => {
    const s = await load(tx, id, true);
    const now = ctx.clock.now();
    const secret = newWebhookSecret();
    const until = isoUtc(now.add({ hours: ROTATION_GRACE_HOURS }));
    await updateSubscription(tx, id, now, { secret, previousSecret: s.secret, previousSecretUntil: until });
    await recordTimeline(tx, now, actor, { subjectType: 'webhook_subscription', subjectId: id, action: 'webhook.secret_rotated', detail: { name: s.name, previousSecretValidUntil: until } });
    return { subscription: publicOf(await load(tx, id)), secret, previousSecretValidUntil: until };
  });
}

/** "Send test event": a `webhook.test` delivery, logged and retried like any other. */
export async function sendWebhookTest(ctx: Ctx, actor: Actor, id: string, tx?: Tx): Promise<{ deliveryId: string }> {
  admin(actor);
  return withTx(ctx, tx, async (tx) => {
    const s = await load(tx, id);
    if (!s.enabled) throw invalid('webhook.disabled', `The subscription "${s.name}" is disabled; enable it first.`, { id });
    const [deliveryId] = await queuePairs(ctx, tx, [{ event: testEvent(s.id, ctx.clock.now()), subscription: s }]);
    await recordTimeline(tx, ctx.clock.now(), actor, { subjectType: 'webhook_subscription', subjectId: id, action: 'webhook.test_sent', detail: { deliveryId } });
    return { deliveryId };
  });
}

export async function webhookDeliveryLog(ctx: Ctx, actor: Actor, id: string, limit = 50): Promise<DeliveryLogEntry[]> {
  admin(actor);
  const tx = readTx(ctx.db);
  await load(tx, id);
  return listDeliveries(tx, id, limit);
}
