// TK-2, TK-8: public replies by staff (and the system's public messages) are e-mailed to the
// requester; internal notes raise a different event and are never sent. The comment's
// transaction only queues a job (one insert), so a bulk reply to a thousand tickets is not slowed
// by addressing a thousand e-mails; the job composes the mail exactly once, in its own
// transaction (jobs claimed together share their queries), and queues its delivery. The reply
// address and Message-ID thread the customer's answer back to the ticket.
import type { Temporal } from '../kernel/time.ts';
import type { Ctx } from '../runtime/context.ts';
import { enqueue } from '../engine/jobs.ts';
import { notifyConfig, notifyEach } from '../notify/index.ts';
import type { Tx } from '../store/tx.ts';
import { requesterReplyMail } from './requester-mail.ts';
import type { TicketEvent } from './service-hooks.ts';
import { mailHeadersOf } from './service-intake-mail.ts';
import { findPublicReplies } from './store.ts';

export const JOB_REQUESTER_MAIL = 'ticket.requester_mail';

export async function queueRequesterMail(tx: Tx, e: TicketEvent): Promise<void> {
  const c = e.comment;
  if (!c || !c.isPublic) return;
  if (e.actor.userId === e.ticket.requesterId) return; // nobody is mailed their own words
  const author = e.actor.kind === 'user' ? e.actor.name : null;
  await enqueue(tx, e.at, { kind: JOB_REQUESTER_MAIL, runAt: e.at, key: `requester-mail:${c.id}`, payload: { ticketId: e.ticket.id, commentId: c.id, author } });
}

type Payload = { ticketId: string; commentId: string; author: string | null };

declare module '../engine/job-kind.ts' {
  interface JobPayloads {
    /** The requester's e-mail of a public reply on their ticket. */
    [JOB_REQUESTER_MAIL]: Payload;
  }
}

/** One call for every reply mail claimed together: their comments and people are read at once. */
async function composeAndQueue(ctx: Ctx, tx: Tx, payloads: readonly Payload[], now: Temporal.Instant): Promise<void> {
  const found = await findPublicReplies(tx, payloads.map((p) => p.commentId));
  const portal = notifyConfig(ctx).publicUrl;
  await notifyEach(tx, now, payloads.flatMap((p) => {
    const reply = found.get(p.commentId);
    if (!reply || reply.ticket.id !== p.ticketId) return []; // merged away or gone: nothing to tell
    const { ticket, comment, replyToken } = reply;
    const headers = mailHeadersOf(replyToken);
    const mail = requesterReplyMail({ ticket, comment, authorName: p.author, portalUrl: `${portal}/support/${ticket.id}` });
    return [{
      userIds: [ticket.requesterId],
      msg: {
        key: `ticket:${ticket.id}:comment:${comment.id}`, via: 'email' as const, subject: mail.subject, text: mail.text,
        threadKey: `ticket:${ticket.id}`, threadRef: headers.messageId, replyTo: headers.replyTo,
      },
    }];
  }));
}

export function registerRequesterMail(ctx: Ctx): void {
  ctx.jobs.register(JOB_REQUESTER_MAIL, {
    whenLate: 'fire', // the customer still wants the answer
    mode: 'transactional',
    handler: (job, { tx, now }) => composeAndQueue(ctx, tx, [job.payload], now),
    handleMany: (jobs, { tx, now }) => composeAndQueue(ctx, tx, jobs.map((j) => j.payload), now),
  });
}
