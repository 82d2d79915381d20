// WF-1: an emergency's thread is mirrored to the chat channel of its form when chat (Slack) is
// configured. Entries are written to the database first (the thread in Hotline is the record);
// one job per thread posts what is not yet posted, in order, under one chat thread whose root is
// kept with the emergency's records, so a restart or another node continues the same chat thread.
import type { Temporal } from '../kernel/time.ts';
import type { Ctx } from '../runtime/context.ts';
import { enqueue } from '../engine/jobs.ts';
import { abandonedDeliveries, deliver, notifyConfig } from '../notify/index.ts';
import { readTx, type Tx } from '../store/tx.ts';
import { chatRootOf, keepChatRoot, markMirrored, unmirroredEntries, type ThreadEntry } from './store.ts';

export const JOB_MIRROR = 'emergency.chat_mirror';

declare module '../engine/job-kind.ts' {
  interface JobPayloads {
    /** Mirror a ticket's thread (null: the channel's own entries) to chat. */
    [JOB_MIRROR]: { ticketId: string | null };
  }
}

/** Called after thread entries are written: queue the mirror when chat is configured. */
export async function queueMirror(ctx: Ctx, tx: Tx, ticketId: string | null, now: Temporal.Instant): Promise<void> {
  if (!notifyConfig(ctx).channels.has('slack')) return;
  await enqueue(tx, now, { kind: JOB_MIRROR, runAt: now, key: `chat-mirror:${ticketId ?? 'channel'}`, payload: { ticketId } });
}

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
      for (const e of await unmirroredEntries(tx, ticketId)) {
        if (!e.channel) {
          await markMirrored(tx, e.id);
          continue;
        }
        const r = await deliver(ctx, {
          key: `thread:${e.id}`, channel: 'slack', address: e.channel, subject: '', text: chatLine(e), jobId: job.id,
          ...(ticketId ? { threadKey: `emergency:${ticketId}` } : {}),
          ...(root && root.channel === e.channel ? { threadRef: root.ts } : {}),
        });
        if (r.outcome === 'failed') return; // not configured any more, or refused for good: logged in deliveries
        if (r.outcome === 'sent' && ticketId && !root && r.providerId) {
          root = { channel: e.channel, ts: r.providerId.split('/').pop()! };
          await keepChatRoot(tx, ticketId, root, job.runAt);
        }
        await markMirrored(tx, e.id);
      }
    },
  });
}
