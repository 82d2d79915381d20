// Sending the events: the subscribers of src/main/wiring.ts only write, inside the change's
// transaction, one delivery per matching subscription and the event's job, so an event is sent if
// and only if the change committed. A node that runs jobs makes the first attempts itself as soon
// as the change commits, and the job, due a minute later, stands behind them in case the node dies
// first (the last attempt's record cancels it); elsewhere (a CLI command) the job is due at once.
// An attempt is made outside any transaction, then recorded in the delivery log and, on failure,
// arms the next attempt (a job keyed by the delivery's id) by the retry schedule; a subscription
// whose delivery runs out of time, or whose receiver answers 410 Gone, is disabled and the admins
// are told. Delivery is at least once: a receiver de-duplicates on `webhook-id`, which is the same
// on every attempt.
import { SYSTEM } from '../kernel/actor.ts';
import { newOrderedId } from '../kernel/ids.ts';
import { isoUtc, Temporal } from '../kernel/time.ts';
import { cancelJob, enqueue, enqueueMany, type JobPayloads, type JobSpec } from '../engine/jobs.ts';
import { findUsers } from '../people/index.ts';
import { notifyConfig, notifyPeople } from '../notify/index.ts';
import type { Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import { readTx, transact, type Tx } from '../store/tx.ts';
import { postWebhook, wallClockSeconds, type HttpAnswer } from './adapter-http.ts';
import { grouped } from '../kernel/group.ts';
import { bodyOf, type OutgoingEvent } from './payload.ts';
import { nextAttemptAt, verdictOf } from './retry-schedule.ts';
import { signedHeaders } from './signature.ts';
import { fanOut } from './subscription.ts';
import {
  CANCELLED_BY_DISABLING, cancelPendingDeliveries, enabledSubscriptions, findDeliveriesToSend, findSubscription, insertAttempts, insertDeliveries, markDelivered, updateDelivery, updateSubscription,
  type Delivery, type StoredSubscription,
} from './store.ts';

export const JOB_WEBHOOK_DELIVER = 'webhook.deliver';
export const JOB_WEBHOOK_FANOUT = 'webhook.fanout';

declare module '../engine/job-kind.ts' {
  interface JobPayloads {
    /** One attempt at one delivery (the job's key is the delivery's id; the next attempt re-arms it). */
    [JOB_WEBHOOK_DELIVER]: { deliveryId: string };
    /** The first attempt at every delivery of one event not attempted yet (its subscriptions, side by side); retries are JOB_WEBHOOK_DELIVER. */
    [JOB_WEBHOOK_FANOUT]: { deliveryIds: string[] };
  }
}

const deliveryJobKey = (deliveryId: string) => `webhook:${deliveryId}`;
const eventJobKey = (eventId: string) => `webhook-event:${eventId}`;
/** How long the job behind a node's own first attempts waits: well past an attempt's timeout and its record. */
const FIRST_ATTEMPT_BACKSTOP_S = 60;

/** The job of one delivery's next attempt at `runAt` (its key re-arms any attempt already queued). */
export const deliveryJob = (deliveryId: string, runAt: Temporal.Instant): JobSpec<Pick<JobPayloads, typeof JOB_WEBHOOK_DELIVER>> =>
  ({ kind: JOB_WEBHOOK_DELIVER, runAt, key: deliveryJobKey(deliveryId), payload: { deliveryId }, maxAttempts: 3 });
// time-ordered, so the delivery and attempt tables grow at their ends rather than dirtying pages
// all over their indexes at every commit
const newDeliveryId = () => `msg_${newOrderedId().replace(/-/g, '')}`;

/** Writes a delivery (and its job) per matching enabled subscription; no network here. */
export async function queueEvents(ctx: Ctx, tx: Tx, events: readonly OutgoingEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const subs = await enabledSubscriptions(tx);
  if (subs.length === 0) return 0;
  return (await queuePairs(ctx, tx, fanOut(subs, events))).length;
}

type Found = Awaited<ReturnType<typeof findDeliveriesToSend>>[number];

export async function queuePairs(ctx: Ctx, tx: Tx, pairs: readonly { event: OutgoingEvent; subscription: StoredSubscription }[]): Promise<string[]> {
  if (pairs.length === 0) return [];
  const now = ctx.clock.now();
  const createdAt = isoUtc(now);
  const events = new Map<OutgoingEvent, { id: string; eventType: string; body: string; createdAt: string; deliveryIds: string[]; written: Found[] }>();
  const rows = pairs.map(({ event, subscription }) => {
    let e = events.get(event);
    if (!e) events.set(event, (e = { id: newOrderedId(), eventType: event.type, body: bodyOf(event), createdAt, deliveryIds: [], written: [] }));
    const id = newDeliveryId();
    e.deliveryIds.push(id);
    e.written.push({ delivery: { id, subscriptionId: subscription.id, eventType: event.type, body: e.body, state: 'pending', attempts: 0, lastStatus: null, lastError: null, lastDurationMs: null, nextAttemptAt: null, deliveredAt: null, createdAt }, subscription });
    return { id, eventId: e.id, subscriptionId: subscription.id, eventType: event.type, createdAt };
  });
  await insertDeliveries(tx, [...events.values()], rows);
  // One job per event: its subscriptions are sent side by side. Where this node runs jobs it sends
  // them itself once the change commits (no claim, no completion, nothing read back), and the job
  // waits behind, keyed so the last attempt's record cancels it.
  const direct = ctx.jobs.started;
  const jobs: JobSpec<Pick<JobPayloads, typeof JOB_WEBHOOK_FANOUT>>[] = [...events.values()].map(({ id, deliveryIds: ids }) => direct
    ? { kind: JOB_WEBHOOK_FANOUT, runAt: now.add({ seconds: FIRST_ATTEMPT_BACKSTOP_S }), key: eventJobKey(id), payload: { deliveryIds: ids }, maxAttempts: 3 }
    : { kind: JOB_WEBHOOK_FANOUT, runAt: now, payload: { deliveryIds: ids }, maxAttempts: 3 });
  await enqueueMany(tx, now, jobs);
  if (direct) {
    const record = recorderOf(ctx);
    tx.afterCommit(() => {
      for (const e of events.values()) ctx.jobs.runAlongside(() => attempt(ctx, e.written, record, { backstopKey: eventJobKey(e.id) }));
    });
  }
  return rows.map((r) => r.id);
}

/** The secrets that sign now: the current one, and the one a rotation replaced while its grace period lasts. */
export function signingSecrets(s: Pick<StoredSubscription, 'secret' | 'previousSecret' | 'previousSecretUntil'>, now: Temporal.Instant): string[] {
  const keepOld = s.previousSecret && s.previousSecretUntil && Temporal.Instant.compare(Temporal.Instant.from(s.previousSecretUntil), now) > 0;
  return keepOld ? [s.secret, s.previousSecret!] : [s.secret];
}

export function registerWebhookJobs(ctx: Ctx): void {
  const record = recorderOf(ctx);
  ctx.jobs.register(JOB_WEBHOOK_DELIVER, {
    whenLate: 'fire', // a late event is still news to the receiver; its timestamp says when it happened
    mode: 'external',
    handler: async (job) => attemptDeliveries(ctx, [job.payload.deliveryId], record),
  });
  ctx.jobs.register(JOB_WEBHOOK_FANOUT, {
    whenLate: 'fire',
    mode: 'external',
    handler: async (job) => attemptDeliveries(ctx, job.payload.deliveryIds, record, { firstOnly: true }),
  });
}

interface Outcome {
  delivery: Delivery;
  subscription: StoredSubscription;
  attempt: number;
  answer: HttpAnswer;
  next: Temporal.Instant | null;
  outcome: 'delivered' | 'gone' | 'retry' | 'failed';
  at: Temporal.Instant;
  /** The key of the job standing behind this node's first attempts: the last one's record cancels it. */
  backstopKey?: string;
}

type Recorder = (o: Outcome) => Promise<void>;
const recorders = new WeakMap<Ctx, Recorder>();
/** One recorder per running Hotline, so attempts that end together share a transaction whoever started them. */
function recorderOf(ctx: Ctx): Recorder {
  let r = recorders.get(ctx);
  if (!r) recorders.set(ctx, (r = recorder(ctx)));
  return r;
}

/**
 * The attempts' records: attempts that end together (the engine runs several deliveries side by
 * side) are written in one transaction and one commit, the next attempts armed and the
 * subscriptions that failed for good disabled in it.
 */
function recorder(ctx: Ctx): Recorder {
  return grouped(async (items: Outcome[]) => {
    await transact(ctx.db, async (tx) => {
      // a successful attempt is recorded on its delivery; the attempts table keeps the failures
      await insertAttempts(tx, items.filter((o) => o.outcome !== 'delivered').map((o) => ({
        id: newOrderedId(), deliveryId: o.delivery.id, subscriptionId: o.subscription.id, attempt: o.attempt, at: isoUtc(o.at), statusCode: o.answer.status,
        durationMs: o.answer.durationMs, outcome: o.outcome, error: o.answer.error, nextAttemptAt: o.next ? isoUtc(o.next) : null,
      })));
      const delivered = items.filter((o) => o.outcome === 'delivered');
      if (delivered.length) await markDelivered(tx, delivered.map((o) => ({ id: o.delivery.id, attempts: o.attempt, status: o.answer.status, at: isoUtc(o.at), durationMs: o.answer.durationMs })));
      for (const o of items.filter((x) => x.outcome !== 'delivered')) {
        await updateDelivery(tx, o.delivery.id, {
          state: o.outcome === 'retry' ? 'pending' : 'failed', attempts: o.attempt, lastStatus: o.answer.status, lastError: o.answer.error, nextAttemptAt: o.next ? isoUtc(o.next) : null,
        });
        if (o.next) await enqueue(tx, o.at, deliveryJob(o.delivery.id, o.next));
        if (o.outcome === 'gone') await disableSubscription(ctx, tx, o.subscription, `The receiver answered 410 Gone to ${o.delivery.eventType} (${o.delivery.id}).`, o.at);
        if (o.outcome === 'failed') await disableSubscription(ctx, tx, o.subscription, `${o.delivery.eventType} (${o.delivery.id}) could not be delivered in 24 hours (${o.attempt} attempts; last: ${o.answer.error ?? o.answer.status}).`, o.at);
      }
      for (const o of items) if (o.backstopKey) await cancelJob(tx, o.at, o.backstopKey);
    });
    return items.map(() => undefined);
  });
}

/**
 * One attempt at each: sign, POST, record; the next attempt, the giving up and the disabling follow
 * from the answer. `firstOnly`: only deliveries never attempted (an event's job after its node's own
 * first attempts, whose records armed the retries). Direct first attempts name the event's job
 * (`backstopKey`), cancelled with the last one's record.
 */
async function attemptDeliveries(ctx: Ctx, deliveryIds: readonly string[], record: Recorder, o: { firstOnly?: boolean } = {}): Promise<void> {
  const found = (await findDeliveriesToSend(readTx(ctx.db), deliveryIds)).filter((f) => f.delivery.state === 'pending' && !(o.firstOnly && f.delivery.attempts > 0));
  await attempt(ctx, found, record);
}

/** The attempts at pending deliveries, as read or as just written; those of a disabled or deleted subscription end instead. */
async function attempt(ctx: Ctx, found: readonly Found[], record: Recorder, o: { backstopKey?: string } = {}): Promise<void> {
  const gone = found.filter((f) => !f.subscription?.enabled);
  const sending = found.filter((f) => f.subscription?.enabled);
  if (gone.length || (o.backstopKey && sending.length === 0)) {
    await transact(ctx.db, async (tx) => {
      if (o.backstopKey && sending.length === 0) await cancelJob(tx, ctx.clock.now(), o.backstopKey);
      for (const { delivery: d, subscription: s } of gone) {
        // read again under the write: an enable that resent this delivery may have committed since
        const now = s ? await findSubscription(tx, s.id, true) : undefined;
        if (now?.enabled) continue;
        await updateDelivery(tx, d.id, { state: 'cancelled', lastError: now ? CANCELLED_BY_DISABLING : 'subscription deleted', nextAttemptAt: null });
      }
    });
  }
  let unrecorded = sending.length;
  await Promise.all(sending.map(async ({ delivery: d, subscription }) => {
    const s = subscription!;
    const headers = signedHeaders(signingSecrets(s, ctx.clock.now()), d.id, wallClockSeconds(), d.body);
    const answer = await postWebhook(s.url, headers, d.body);
    const now = ctx.clock.now();
    const attempt = d.attempts + 1;
    const verdict = verdictOf(answer.status);
    const next = verdict === 'retry' ? nextAttemptAt(Temporal.Instant.from(d.createdAt), attempt, now) : null;
    const outcome = verdict === 'delivered' ? 'delivered' : verdict === 'gone' ? 'gone' : next ? 'retry' : 'failed';
    await record({ delivery: d, subscription: s, attempt, answer, next, outcome, at: now, backstopKey: --unrecorded === 0 ? o.backstopKey : undefined });
  }));
}

/** Persistent failure: the subscription stops, its pending deliveries end, and every admin is told. */
export async function disableSubscription(ctx: Ctx, tx: Tx, s: StoredSubscription, reason: string, now: Temporal.Instant): Promise<void> {
  const current = await findSubscription(tx, s.id, true);
  if (!current?.enabled) return; // another delivery's failure disabled it first
  await updateSubscription(tx, s.id, now, { enabled: false, disabledReason: reason, disabledAt: isoUtc(now) });
  await cancelPendingDeliveries(tx, s.id, 'subscription disabled');
  await recordTimeline(tx, now, SYSTEM, { subjectType: 'webhook_subscription', subjectId: s.id, action: 'webhook.disabled', detail: { name: s.name, url: s.url, reason } });
  const admins = await findUsers(tx, { role: 'admin' });
  await notifyPeople(tx, now, admins.map((a) => a.id), {
    key: `webhook:${s.id}:disabled:${isoUtc(now)}`,
    subject: `Webhook "${s.name}" disabled`,
    text: `Hotline disabled the webhook subscription "${s.name}" (${s.url}): ${reason} Fix the receiver, then enable the subscription again (Admin → Webhooks, or \`hotline webhook enable ${s.id}\`).`,
    actions: [{ label: 'Open webhooks', url: `${notifyConfig(ctx).publicUrl}/webhooks` }],
  });
}
