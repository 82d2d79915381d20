// TK-2, TK-8: public replies by staff (and the system's public messages) are e-mailed to the
// requester; internal notes raise a different event and are never sent. The comment's
// transaction only queues a job (one insert), so a bulk reply to a thousand tickets is not slowed
// by addressing a thousand e-mails; the job composes the mail exactly once, in its own
// transaction, and queues its delivery. The reply address and Message-ID thread the customer's
// answer back to the ticket.
import type { Ctx } from '../runtime/context.ts';
import { enqueue } from '../engine/jobs.ts';
import { notifyPeople } from '../notify/person.ts';
import { notifyConfig } from '../notify/config.ts';
import type { Tx } from '../store/tx.ts';
import { requesterReplyMail } from './requester-mail.ts';
import { onTicketEvent, type TicketEvent } from './service-hooks.ts';
import { ticketMailHeaders } from './intake-mail.ts';
import { findTicketRecord, listComments } from './store.ts';

export const JOB_REQUESTER_MAIL = 'ticket.requester_mail';

export async function queueRequesterMail(tx: Tx, e: TicketEvent): Promise<void> {
  const c = e.comment;
  if (!c || !c.isPublic) return;
  if (e.actor.userId === e.ticket.requesterId) return; // nobody is mailed their own words
  const author = e.actor.kind === 'user' ? e.actor.name : null;
  await enqueue(tx, e.at, { kind: JOB_REQUESTER_MAIL, runAt: e.at, key: `requester-mail:${c.id}`, payload: { ticketId: e.ticket.id, commentId: c.id, author } });
}

async function composeAndQueue(ctx: Ctx, tx: Tx, p: { ticketId: string; commentId: string; author: string | null }, now: import('../kernel/time.ts').Temporal.Instant): Promise<void> {
  const rec = await findTicketRecord(tx, { id: p.ticketId });
  const c = rec ? (await listComments(tx, p.ticketId, true)).find((x) => x.id === p.commentId) : undefined;
  if (!rec || !c) return; // merged away or gone: nothing to tell
  const headers = await ticketMailHeaders(tx, rec.ticket.id);
  const mail = requesterReplyMail({ ticket: rec.ticket, comment: c, authorName: p.author, portalUrl: `${notifyConfig(ctx).publicUrl}/support/${rec.ticket.id}` });
  await notifyPeople(tx, now, [rec.ticket.requesterId], {
    key: `ticket:${rec.ticket.id}:comment:${c.id}`,
    via: 'email',
    subject: mail.subject,
    text: mail.text,
    threadKey: `ticket:${rec.ticket.id}`,
    ...(headers ? { threadRef: headers.messageId, replyTo: headers.replyTo } : {}),
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
