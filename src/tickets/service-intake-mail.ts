// TK-8: e-mail intake. A new mail opens a ticket; a reply (to support+<token>@domain, or with
// In-Reply-To/References naming a message we know) becomes a public comment on its ticket.
// A redelivered message (same Message-ID) is recognised and not written twice.
import type { Actor } from '../kernel/actor.ts';
import { SYSTEM } from '../kernel/actor.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';
import { createUser, findUser } from '../people/index.ts';
import {
  MailRejected, findReplyToken, formatReplyAddress, mailIntakeConfigFromEnv, replyAddressScheme, replyText, startMailIntake,
  type InboundMail, type MailIntake, type ReplyAddressScheme,
} from '../mail/index.ts';
import { addComment, createTicket, maxAttachmentBytes, type CreatedTicket } from './service.ts';
import { checkAttachments } from './attachment.ts';
import { commentByMessageId, findTicketRecord, insertComment, insertLink, replyTokenOf, type TicketRecord } from './store.ts';

export interface MailIntakeSettings {
  scheme: ReplyAddressScheme;
  /** Refuse mail from addresses that are not users yet (else they become customers). */
  rejectUnknownSenders: boolean;
  defaultForm: string;
}

export function mailSettingsFromEnv(env: Record<string, string | undefined>): MailIntakeSettings {
  const domain = env.HOTLINE_MAIL_REPLY_DOMAIN || (env.HOTLINE_MAIL_DOMAINS ?? '').split(',')[0]?.trim() || 'hotline.localhost';
  return {
    scheme: replyAddressScheme(domain, env.HOTLINE_MAIL_REPLY_LOCAL_PART || undefined),
    rejectUnknownSenders: env.HOTLINE_MAIL_REJECT_UNKNOWN === '1' || env.HOTLINE_MAIL_REJECT_UNKNOWN === 'true',
    defaultForm: env.HOTLINE_MAIL_DEFAULT_FORM || 'self_managed',
  };
}

/** Message-ID our outgoing mail for a ticket uses, so replies thread back by In-Reply-To. */
export function ticketMessageId(replyToken: string, scheme: ReplyAddressScheme): string {
  return `<ticket.${replyToken}@${scheme.domain}>`;
}
export function ticketReplyAddress(replyToken: string, scheme: ReplyAddressScheme): string {
  return formatReplyAddress(replyToken, scheme);
}

/**
 * Headers an outgoing e-mail about a ticket should carry (for the notifier): replies to it come
 * back to this ticket by address or by In-Reply-To.
 */
export async function ticketMailHeaders(tx: Tx, ticketId: string, s: MailIntakeSettings = mailSettingsFromEnv(process.env)): Promise<{ replyTo: string; messageId: string } | undefined> {
  const token = await replyTokenOf(tx, ticketId);
  return token ? mailHeadersOf(token, s) : undefined;
}

/** The same headers when the ticket's reply token is already at hand. */
export function mailHeadersOf(replyToken: string, s: MailIntakeSettings = mailSettingsFromEnv(process.env)): { replyTo: string; messageId: string } {
  return { replyTo: ticketReplyAddress(replyToken, s.scheme), messageId: ticketMessageId(replyToken, s.scheme) };
}

/**
 * What lands on the ticket: the sender's new text without the quoted original (TK-8). HTML-only mail
 * arrives already turned into text by the mail parser; when it could not convert the HTML (too large
 * or too deeply nested), the comment says so rather than showing markup or nothing.
 */
export function mailBody(mail: Pick<InboundMail, 'text' | 'html'>): string {
  if (mail.text.trim()) return replyText(mail.text);
  return mail.html?.trim() ? '(This message was sent as HTML only and could not be shown as text.)' : '(empty message)';
}

const actorOf = (u: { id: string; role: any; organizationId: string | null; name: string }): Actor => ({ kind: 'user', userId: u.id, role: u.role, organizationId: u.organizationId, name: u.name, via: 'email' });

async function findThread(tx: Tx, mail: InboundMail, s: MailIntakeSettings): Promise<TicketRecord | undefined> {
  const rec = await findThreadStart(tx, mail, s);
  // A reply to a merged ticket belongs to the ticket it was merged into (TK-6).
  if (rec?.mergedIntoId) return (await findTicketRecord(tx, { id: rec.mergedIntoId })) ?? rec;
  return rec;
}

async function findThreadStart(tx: Tx, mail: InboundMail, s: MailIntakeSettings): Promise<TicketRecord | undefined> {
  const token = findReplyToken(mail, s.scheme);
  if (token) {
    const rec = await findTicketRecord(tx, { replyToken: token });
    if (rec) return rec;
  }
  const ids = [mail.inReplyTo, ...mail.references].filter((x): x is string => !!x);
  for (const id of ids) {
    const m = /^<?ticket\.([A-Za-z0-9_-]{1,64})@/.exec(id);
    if (m) {
      const rec = await findTicketRecord(tx, { replyToken: m[1] });
      if (rec) return rec;
    }
  }
  const c = await commentByMessageId(tx, ids);
  return c ? findTicketRecord(tx, { id: c.ticketId }) : undefined;
}

export type MailOutcome = { kind: 'ignored'; reason: string } | { kind: 'duplicate'; ticketId: string } | { kind: 'created'; ticket: CreatedTicket['ticket'] } | { kind: 'comment'; ticketId: string; number: number };

export async function handleInboundMail(ctx: Ctx, mail: InboundMail, s: MailIntakeSettings): Promise<MailOutcome> {
  // RFC 3834: never act on auto-replies (out-of-office loops would open tickets forever).
  if (mail.autoSubmitted) return { kind: 'ignored', reason: 'auto-submitted' };
  if (!mail.from?.address) throw new MailRejected(550, '5.1.7 The message has no sender address; send it from your mailbox');
  return withTx(ctx, undefined, async (tx) => {
    if (mail.messageId) {
      const seen = await commentByMessageId(tx, [mail.messageId]);
      if (seen) return { kind: 'duplicate', ticketId: seen.ticketId };
    }
    let user = await findUser(tx, { email: mail.from!.address });
    if (!user) {
      if (s.rejectUnknownSenders) throw new MailRejected(550, `5.7.1 <${mail.from!.address}> is not a known requester; ask your support contact to add you, or use the customer portal`);
      user = await createUser(ctx, SYSTEM, { email: mail.from!.address, name: mail.from!.name || mail.from!.address, role: 'customer' }, tx);
    }
    const actor = actorOf(user);
    const body = mailBody(mail);
    // TK-2: files within the per-file limit are stored; an oversize one is listed (name, size) but
    // not kept, so the customer's message still arrives rather than bouncing.
    const max = maxAttachmentBytes(ctx);
    const fits = (a: InboundMail['attachments'][number]) => a.content.byteLength <= max;
    const files = checkAttachments(mail.attachments.filter(fits).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })), max);
    const attachments = mail.attachments.filter((a) => !fits(a)).map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size }));
    const thread = await findThread(tx, mail, s);
    const mayWrite = thread && (actor.role !== 'customer' || thread.ticket.requesterId === actor.userId || (actor.organizationId !== null && thread.ticket.organizationId === actor.organizationId));
    if (thread && mayWrite && thread.ticket.status !== 'closed') {
      await addComment(ctx, actor, thread.ticket.id, { body, isPublic: true, attachments, files, messageId: mail.messageId }, tx);
      return { kind: 'comment', ticketId: thread.ticket.id, number: thread.ticket.number };
    }
    const created = await createTicket(ctx, actor, {
      subject: (mail.subject || '(no subject)').slice(0, 500), form: s.defaultForm, requesterId: user.id,
      description: body, attachments, files, messageId: mail.messageId,
    }, tx);
    if (thread && mayWrite) {
      // A reply to a closed ticket opens a follow-up (TK-6) that points back at it.
      await insertLink(tx, thread.ticket.id, created.ticket.id, 'follow_up', null, ctx.clock.now());
      await insertComment(tx, { ticketId: created.ticket.id, authorId: null, body: `Follow-up to closed ticket #${thread.ticket.number} (reply by e-mail).`, isPublic: false, via: 'email', at: ctx.clock.now() });
    }
    return { kind: 'created', ticket: created.ticket };
  });
}

/**
 * Starts the SMTP listener of this node when HOTLINE_MAIL_INTAKE_PORT is set (the node keeps it as
 * `app.mailIntake`). HOTLINE_SMTP_* is the outgoing mail server; the two never share a name, so
 * setting one cannot start the other.
 */
export type { MailIntake };

export async function startTicketMailIntake(ctx: Ctx, env: Record<string, string | undefined> = process.env): Promise<MailIntake | undefined> {
  const port = env.HOTLINE_MAIL_INTAKE_PORT;
  if (port === undefined || port === '') return undefined;
  const config = mailIntakeConfigFromEnv({ ...env, HOTLINE_MAIL_INTAKE_PORT: port })!;
  const settings = mailSettingsFromEnv(env);
  const intake = await startMailIntake(config, async (mail) => {
    await handleInboundMail(ctx, mail, settings);
  });
  return intake;
}
