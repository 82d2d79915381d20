// WF-1: an emergency's thread is mirrored to the chat channel of its form when chat (Slack) is
// configured. Entries are written to the database first (the thread in Hotline is the record);
// one job per thread posts what is not yet posted, in order, under one chat thread whose root is
// kept with the emergency's records, so a restart or another node continues the same chat thread.
// A thread without a ticket (an escalation's, a cover request's) is one chat thread per channel too:
// its first entry there is the root, and the later ones reply under it.
import type { Temporal } from '../kernel/time.ts';
import type { Ctx } from '../runtime/context.ts';
import { enqueue, enqueueUnlessPending } from '../engine/jobs.ts';
import { abandonedDeliveries, deliver, notifyConfig, RetryableDeliveryError, type DeliveryOutcome } from '../notify/index.ts';
import { readTx, type Tx } from '../store/tx.ts';
import { chatRootOf, keepChatRoot, keepThreadRoot, markMirrored, threadRootsOf, unmirroredEntries, type ChatRoot, type ThreadEntry } from './store.ts';

export const JOB_MIRROR = 'emergency.chat_mirror';
const MIRROR_BATCH = 100;

declare module '../engine/job-kind.ts' {
  interface JobPayloads {
    /** Mirror a ticket's thread (null: the channel's own entries) to chat. */
    [JOB_MIRROR]: { ticketId: string | null };
  }
}

/**
 * Called after thread entries are written: queue the mirror when chat is configured. A run already
 * pending posts these entries too, so it is left as it is: one waiting out Slack's rate limit is
 * not pulled forward by every new entry (Slack takes about one message a second per channel).
 */
export async function queueMirror(ctx: Ctx, tx: Tx, ticketId: string | null, now: Temporal.Instant): Promise<void> {
  if (!notifyConfig(ctx).channels.has('slack')) return;
  await enqueueUnlessPending(tx, now, { kind: JOB_MIRROR, runAt: now, key: mirrorKey(ticketId), payload: { ticketId } });
}

const mirrorKey = (ticketId: string | null) => `chat-mirror:${ticketId ?? 'channel'}`;

/** What a thread entry reads like in chat. */
export function chatLine(e: Pick<ThreadEntry, 'kind' | 'author' | 'text' | 'late'>): string {
  const who = e.kind === 'note' && e.author ? `${e.author}: ` : '';
  const tag = e.kind === 'notice' ? ':information_source: ' : e.kind === 'mention' ? ':bell: ' : '';
  return `${tag}${who}${e.text}${e.late ? ' (late: Hotline was down when this was due)' : ''}`;
}

export function registerMirrorJob(ctx: Ctx): void {
  ctx.jobs.register(JOB_MIRROR, {
    whenLate: 'fire', // the chat channel should still show what happened
    mode: 'external',
    onAbandoned: abandonedDeliveries(ctx),
    handler: async (job) => {
      const ticketId = job.payload.ticketId;
      const tx = readTx(ctx.db);
      let root = ticketId ? await chatRootOf(tx, ticketId) : undefined;
      const batch = await unmirroredEntries(tx, ticketId, MIRROR_BATCH);
      // threads without a ticket (an escalation's, a cover request's): one chat thread per thread
      // and channel, so the replies to an announcement sit under it (thread_ts), not beside it
      const roots: Map<string, ChatRoot> = ticketId ? new Map() : await threadRootsOf(tx, batch.flatMap((e) => (e.threadId ? [e.threadId] : [])));
      // Entries are marked mirrored a run at a time, not one write each: one posted but not yet
      // marked when a node dies is not posted again, the delivery log knows it was sent.
      const posted: string[] = [];
      try {
        for (const e of batch) {
          if (!e.channel) {
            posted.push(e.id);
            continue;
          }
          const own = !ticketId && e.threadId ? `${e.threadId}|${e.channel}` : null;
          const under = own ? roots.get(own) : root && root.channel === e.channel ? root : undefined;
          let r: DeliveryOutcome;
          try {
            r = await deliver(ctx, {
              key: `thread:${e.id}`, channel: 'slack', address: e.channel, subject: '', text: chatLine(e), jobId: job.id,
              ...(ticketId ? { threadKey: `emergency:${ticketId}` } : {}),
              ...(under ? { threadRef: under.ts } : {}),
            });
          } catch (err) {
            // rate limited (HTTP 429): not a failure. What is posted stays posted; the rest goes in
            // a run after the wait Slack asked for, without spending the job's attempts.
            if (!(err instanceof RetryableDeliveryError) || err.retryAfterMs === undefined) throw err;
            const at = ctx.clock.now().add({ milliseconds: Math.max(1_000, err.retryAfterMs) });
            await enqueue(tx, ctx.clock.now(), { kind: JOB_MIRROR, runAt: at, key: mirrorKey(ticketId), payload: { ticketId } });
            return;
          }
          if (r.outcome === 'failed') return; // not configured any more, or refused for good: logged in deliveries
          if (r.outcome === 'sent' && !under && r.providerId) {
            const first = { channel: e.channel, ts: r.providerId.split('/').pop()! };
            if (own) {
              roots.set(own, first);
              await keepThreadRoot(tx, e.threadId!, first, job.runAt);
            } else if (ticketId && !root) {
              root = first;
              await keepChatRoot(tx, ticketId, root, job.runAt);
            }
          }
          posted.push(e.id);
        }
      } finally {
        await markMirrored(tx, posted);
      }
      // a burst may leave more than one read's worth: the rest goes in a run of its own (not a
      // loop here, which every run started meanwhile would repeat over the same entries)
      if (batch.length === MIRROR_BATCH) await enqueue(tx, ctx.clock.now(), { kind: JOB_MIRROR, runAt: ctx.clock.now(), key: mirrorKey(ticketId), payload: { ticketId } });
    },
  });
}
