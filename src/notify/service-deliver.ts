// One delivery attempt through one channel (PG-6). Called by 'external' jobs: at-least-once, so
// the attempt is logged before sending and skipped when an earlier attempt with the same key is
// known to have succeeded; the key also goes to the provider (Message-ID, idempotency header).
import type { Ctx } from '../runtime/context.ts';
import { readTx } from '../store/tx.ts';
import { BrowserChannel, type Channel, type ChannelKind, type DeliveryAction } from './channels/index.ts';
import { notifyConfig } from './service-config.ts';
import { grouped } from '../kernel/group.ts';
import type { Db } from '../store/db.ts';
import { finishAttempts, insertOutbox, markAbandonedAttempts, outboxNote, startAttempts, type AttemptEnd, type AttemptStart } from './store.ts';

export interface DeliveryRequest {
  key: string;
  channel: ChannelKind;
  address: string;
  subject: string;
  text: string;
  actions?: DeliveryAction[];
  threadKey?: string;
  threadRef?: string;
  replyTo?: string;
  pageId?: string | null;
  userId?: string | null;
  /** The job making the attempt: if its node dies mid-send, the reaper marks the attempt unknown. */
  jobId?: string | null;
  /** Where a browser notification leads in the web app (e.g. /emergencies/18). */
  link?: string | null;
}

export type DeliveryOutcome =
  | { outcome: 'sent'; providerId?: string }
  | { outcome: 'outbox'; outboxId: string; note: string }
  | { outcome: 'already_sent' }
  | { outcome: 'failed'; retryable: boolean; error: string };

/** Contact method kinds (people) → channel kinds (notify/channels). */
export function channelForContact(kind: string): ChannelKind {
  switch (kind) {
    case 'chat':
      return 'slack';
    case 'email':
    case 'sms':
    case 'voice':
    case 'webhook':
    case 'push':
    case 'browser':
      return kind;
    default:
      return 'push';
  }
}

const SEND_TIMEOUT_MS = 40_000;

/**
 * The delivery log of one database, written with group commit: deliveries running side by side
 * log their attempts in shared statements (each still before its own send) rather than one
 * autocommitted write each.
 */
const logs = new WeakMap<Db, { startAttempt: (a: AttemptStart) => Promise<{ id: string; attempt: number } | null>; finishAttempt: (e: AttemptEnd) => Promise<void> }>();
function attemptLog(db: Db) {
  let log = logs.get(db);
  if (!log) {
    log = { startAttempt: grouped((items) => startAttempts(readTx(db), items)), finishAttempt: grouped((items) => finishAttempts(readTx(db), items)) };
    logs.set(db, log);
  }
  return log;
}

export class RetryableDeliveryError extends Error {
  /** How long the provider asked to be left alone (HTTP 429 Retry-After), when it said. */
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message);
  }
}

/** For a delivering job kind's `onAbandoned`: its attempts in flight are of unknown outcome (PG-6). */
export function abandonedDeliveries(ctx: Ctx): (jobIds: string[]) => Promise<void> {
  return async (jobIds) => void (await markAbandonedAttempts(readTx(ctx.db), jobIds, ctx.clock.now()));
}

/**
 * Sends once. A retryable failure throws RetryableDeliveryError so the job engine retries with
 * back-off (every attempt stays in the log); a final failure returns quietly.
 */
export async function deliver(ctx: Ctx, d: DeliveryRequest): Promise<DeliveryOutcome> {
  // RP-4: notifications by channel and outcome, as this node made them
  try {
    const r = await deliverOnce(ctx, d);
    ctx.metrics.notificationAttempted(d.channel, r.outcome);
    return r;
  } catch (e) {
    ctx.metrics.notificationAttempted(d.channel, e instanceof RetryableDeliveryError ? 'retrying' : 'failed');
    throw e;
  }
}

async function deliverOnce(ctx: Ctx, d: DeliveryRequest): Promise<DeliveryOutcome> {
  const { startAttempt, finishAttempt } = attemptLog(ctx.db);
  const started = await startAttempt({ key: d.key, pageId: d.pageId ?? null, userId: d.userId ?? null, channel: d.channel, address: d.address, at: ctx.clock.now(), jobId: d.jobId ?? null });
  if (!started) return { outcome: 'already_sent' };
  const { id } = started;
  const channels = notifyConfig(ctx).channels;
  let channel: Channel;
  if (d.channel === 'browser') {
    // the live stream is the browser's channel: always there, addressed to one person
    if (!d.userId) {
      const error = 'a browser notification needs a person';
      await finishAttempt({ id, status: 'failed', error, at: ctx.clock.now() });
      return { outcome: 'failed', retryable: false, error };
    }
    channel = new BrowserChannel((userId, notice, key) => ctx.bus.publish({ type: 'notify.browser', id: key, userId, notice }), d.link ?? null);
  } else if (!channels.has(d.channel)) {
    // No real channel of this kind: the message is kept in the built-in outbox, where an admin
    // sees it, instead of failing on a fresh installation (the log says which).
    const outboxId = await insertOutbox(readTx(ctx.db), {
      deliveryId: id, deliveryKey: d.key, channel: d.channel, address: d.address, userId: d.userId ?? null, pageId: d.pageId ?? null,
      threadKey: d.threadKey ?? null, subject: d.subject, text: d.text, actions: d.actions, at: ctx.clock.now(),
    });
    await finishAttempt({ id, status: 'outbox', providerId: `outbox:${outboxId}`, at: ctx.clock.now() });
    return { outcome: 'outbox', outboxId, note: outboxNote(d.channel) };
  } else {
    channel = channels.get(d.channel);
  }
  let result;
  let timer: NodeJS.Timeout | undefined;
  try {
    // a hung provider must not hold the job past its lease (the engine would run it twice)
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from the ${d.channel} provider within ${SEND_TIMEOUT_MS / 1000} s`)), SEND_TIMEOUT_MS);
    });
    result = await Promise.race([channel.send({ idempotencyKey: d.key, to: d.channel === 'browser' ? d.userId! : d.address, subject: d.subject, text: d.text, actions: d.actions, threadKey: d.threadKey, threadRef: d.threadRef, replyTo: d.replyTo }), timeout]);
  } catch (e) {
    result = { ok: false as const, retryable: true, error: e instanceof Error ? e.message : String(e) };
  }
  clearTimeout(timer);
  if (result.ok) {
    await finishAttempt({ id, status: 'sent', providerId: result.providerId ?? null, at: ctx.clock.now() });
    return { outcome: 'sent', providerId: result.providerId };
  }
  await finishAttempt({ id, status: 'failed', error: result.error, at: ctx.clock.now() });
  if (result.retryable) throw new RetryableDeliveryError(`${d.channel} to ${d.address}: ${result.error}`, result.retryAfterMs);
  return { outcome: 'failed', retryable: false, error: result.error };
}
