// TK-2, TK-8: public replies by staff (and the system's public messages) are e-mailed to the
// requester in the same transaction as the comment; internal notes raise a different event and
// are never sent. The reply address and Message-ID thread the customer's answer back here.
import { notifyPeople } from '../notify/person.ts';
import { notifyConfig } from '../notify/config.ts';
import { requesterReplyMail } from './requester-mail.ts';
import { onTicketEvent, type TicketEvent } from './service-hooks.ts';
import { ticketMailHeaders } from './intake-mail.ts';
import type { Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';

export async function mailRequester(ctx: Ctx, tx: Tx, e: TicketEvent): Promise<void> {
  const c = e.comment;
  if (!c || !c.isPublic) return;
  if (e.actor.userId === e.ticket.requesterId) return; // nobody is mailed their own words
  const headers = await ticketMailHeaders(tx, e.ticket.id);
  const author = e.actor.kind === 'user' ? e.actor.name : null;
  const mail = requesterReplyMail({ ticket: e.ticket, comment: c, authorName: author, portalUrl: `${notifyConfig(ctx).publicUrl}/support/${e.ticket.id}` });
  await notifyPeople(tx, e.at, [e.ticket.requesterId], {
    key: `ticket:${e.ticket.id}:comment:${c.id}`,
    via: 'email',
    subject: mail.subject,
    text: mail.text,
    threadKey: `ticket:${e.ticket.id}`,
    ...(headers ? { threadRef: headers.messageId, replyTo: headers.replyTo } : {}),
  });
}

let hooked = false;
export function registerRequesterMail(): void {
  if (hooked) return;
  hooked = true;
  onTicketEvent('comment.public_by_staff', (e, { ctx, tx }) => mailRequester(ctx, tx, e));
}
