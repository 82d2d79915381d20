// TK-2, TK-8: public replies by staff (and the system's public messages) are e-mailed to the
// requester; internal notes raise a different event and are never sent. The comment's
// transaction only queues a job (one insert), so a bulk reply to a thousand tickets is not slowed
// by addressing a thousand e-mails; the job composes the mail exactly once, in its own
// transaction, and queues its delivery. The reply address and Message-ID thread the customer's
// answer back to the ticket.
import type { Temporal } from '../kernel/time.ts';
import type { Ctx } from '../runtime/context.ts';
import { enqueue } from '../engine/jobs.ts';
import { notifyPeople } from '../notify/person.ts';
import { notifyConfig } from '../notify/config.ts';
import type { Tx } from '../store/tx.ts';
import { requesterReplyMail } from './requester-mail.ts';
import { onTicketEvent, type TicketEvent } from './service-hooks.ts';
import { mailHeadersOf } from './intake-mail.ts';
import { findPublicReply } from './store.ts';

export const JOB_REQUESTER_MAIL = 'ticket.requester_mail';

export async function queueRequesterMail(tx: Tx, e: TicketEvent): Promise<void> {
  const c = e.comment;
  if (!c || !c.isPublic) return;
  if (e.actor.userId === e.ticket.requesterId) return; // nobody is mailed their own words
  const author = e.actor.kind === 'user' ? e.actor.name : null;
  await enqueue(tx, e.at, { kind: JOB_REQUESTER_MAIL, runAt: e.at, key: `requester-mail:${c.id}`, payload: { ticketId: e.ticket.id, commentId: c.id, author } });
}

async function composeAndQueue(ctx: Ctx, tx: Tx, p: { ticketId: string; commentId: string; author: string | null }, now: Temporal.Instant): Promise<void> {
  const found = await findPublicReply(tx, p.ticketId, p.commentId);
  if (!found) return; // merged away or gone: nothing to tell
  const { ticket, comment, replyToken } = found;
  const headers = mailHeadersOf(replyToken);
  const mail = requesterReplyMail({ ticket, comment, authorName: p.author, portalUrl: `${notifyConfig(ctx).publicUrl}/support/${ticket.id}` });
  await notifyPeople(tx, now, [ticket.requesterId], {
    key: `ticket:${ticket.id}:comment:${comment.id}`,
    via: 'email',
    subject: mail.subject,
    text: mail.text,
    threadKey: `ticket:${ticket.id}`,
    threadRef: headers.messageId,
    replyTo: headers.replyTo,
  });
}

let hooked = false;
export function registerRequesterMail(ctx: Ctx): void {
  ctx.jobs.register(JOB_REQUESTER_MAIL, {
    whenLate: 'fire', // the customer still wants the answer
    mode: 'transactional',
    handler: (job, { tx, now }) => composeAndQueue(ctx, tx, job.payload, now),
  });
  if (hooked) return;
  hooked = true;
  onTicketEvent('comment.public_by_staff', (e, { tx }) => queueRequesterMail(tx, e));
}
