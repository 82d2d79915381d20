// Telling one person something that is not a page (SCH-10 reminders and hand-offs, WF-1 mentions,
// TK-2 replies to a customer): one external job per contact method, written in the caller's
// transaction, so the message exists if and only if the change that caused it committed. The key
// is the delivery's idempotency key: a retried or re-queued message is not sent twice.
import { isoUtc, Temporal } from '../kernel/time.ts';
import type { Ctx } from '../runtime/context.ts';
import { enqueueMany, type JobPayloads, type JobSpec } from '../engine/jobs.ts';
import { findUsers } from '../people/index.ts';
import type { Tx } from '../store/tx.ts';
import type { DeliveryAction } from './channels/index.ts';
import { abandonedDeliveries, channelForContact, deliver, type DeliveryRequest } from './service-deliver.ts';
import { chooseRoutes, type ReachVia } from './reach.ts';
import { findRules } from './store.ts';

export const JOB_NOTIFY_PERSON = 'notify.person';

export interface PersonMessage {
  /** What this message is about, stable across retries (`ticket:<id>:comment:<id>`). */
  key: string;
  subject: string;
  text: string;
  via?: ReachVia;
  actions?: DeliveryAction[];
  /** Messages with one thread key form one conversation in mail and chat clients. */
  threadKey?: string;
  /** The provider's id of the thread root (e.g. the Message-ID replies should refer to). */
  threadRef?: string;
  /** Where a reply by e-mail should go (a ticket's reply address). */
  replyTo?: string;
  /** A message that would arrive after this instant is pointless (a reminder for a past hand-off). */
  expiresAt?: Temporal.Instant;
}

export interface Queued {
  queued: number;
  /** People with no way to reach them (bots, deactivated accounts). */
  unreachable: string[];
}

/** The job's payload: a delivery request as it will be made, plus when it stops being worth sending. */
/** One message to one person by one route. */
type Payload = Pick<DeliveryRequest, 'key' | 'channel' | 'address' | 'actions' | 'threadKey' | 'threadRef' | 'replyTo'> & { userId: string; subject: string; text: string; expiresAt?: string };

declare module '../engine/job-kind.ts' {
  interface JobPayloads {
    [JOB_NOTIFY_PERSON]: Payload;
  }
}

export async function notifyPeople(tx: Tx, now: Temporal.Instant, userIds: readonly string[], msg: PersonMessage): Promise<Queued> {
  return (await notifyEach(tx, now, [{ userIds, msg }]))[0];
}

/** Several messages at once (a batch of reply e-mails): the people are read and the jobs written together. */
export async function notifyEach(tx: Tx, now: Temporal.Instant, items: readonly { userIds: readonly string[]; msg: PersonMessage }[]): Promise<Queued[]> {
  const ids = [...new Set(items.flatMap((i) => i.userIds))];
  const users = ids.length ? await findUsers(tx, { ids }) : [];
  // e-mail only: rules do not matter
  const rules = items.some((i) => (i.msg.via ?? 'preferred') !== 'email') ? await findRules(tx, ids) : new Map<string, never[]>();
  const jobs: JobSpec<Pick<JobPayloads, typeof JOB_NOTIFY_PERSON>>[] = [];
  const out = items.map(({ userIds, msg }) => {
    const wanted = new Set(userIds);
    const via = msg.via ?? 'preferred';
    const queued: Queued = { queued: 0, unreachable: [] };
    for (const u of users.filter((x) => wanted.has(x.id))) {
      const routes = chooseRoutes(u, via === 'email' ? [] : rules.get(u.id) ?? [], via);
      if (routes.length === 0) queued.unreachable.push(u.id);
      for (const r of routes) {
        const key = `msg:${msg.key}:user:${u.id}:${r.methodId}`;
        const payload: Payload = {
          key, userId: u.id, channel: channelForContact(r.kind), address: r.address, subject: msg.subject, text: msg.text,
          ...(msg.actions ? { actions: msg.actions } : {}),
          ...(msg.threadKey ? { threadKey: msg.threadKey } : {}),
          ...(msg.threadRef ? { threadRef: msg.threadRef } : {}),
          ...(msg.replyTo ? { replyTo: msg.replyTo } : {}),
          ...(msg.expiresAt ? { expiresAt: isoUtc(msg.expiresAt) } : {}),
        };
        jobs.push({ kind: JOB_NOTIFY_PERSON, runAt: now, key, payload });
        queued.queued++;
      }
    }
    return queued;
  });
  await enqueueMany(tx, now, jobs);
  return out;
}

export function registerPersonJobs(ctx: Ctx): void {
  ctx.jobs.register(JOB_NOTIFY_PERSON, {
    whenLate: 'fire', // a late message is still news unless it says when it stops being so
    mode: 'external',
    onAbandoned: abandonedDeliveries(ctx),
    handler: async (job) => {
      const p = job.payload;
      if (p.expiresAt && Temporal.Instant.compare(ctx.clock.now(), Temporal.Instant.from(p.expiresAt)) > 0) return;
      await deliver(ctx, {
        key: p.key, channel: p.channel, address: p.address, subject: p.subject, text: p.text, userId: p.userId, jobId: job.id,
        ...(p.actions ? { actions: p.actions } : {}),
        ...(p.threadKey ? { threadKey: p.threadKey } : {}),
        ...(p.threadRef ? { threadRef: p.threadRef } : {}),
        ...(p.replyTo ? { replyTo: p.replyTo } : {}),
      });
    },
  });
}
