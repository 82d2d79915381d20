// The mail capability's face: inbound e-mail over SMTP (the intake server and what it accepts) and
// the reply addresses that thread a reply back to its ticket. Tickets' mail intake (TK-8) builds on it;
// mail itself knows nothing of tickets.

// A received message, parsed.
export type { InboundAttachment, InboundMail, MailAddress } from './inbound-mail.ts';
export { toInboundMail } from './adapter-smtp.ts';
// What the sender wrote in a reply, without the quoted original.
export { replyText } from './reply-text.ts';

// Reply addresses (support+<token>@domain): making one and finding the token in a reply.
export {
  DEFAULT_REPLY_LOCAL_PART,
  DEFAULT_REPLY_SEPARATOR,
  bareAddress,
  findReplyToken,
  formatReplyAddress,
  parseReplyAddress,
  replyAddressScheme,
  type ReplyAddressScheme,
} from './reply-address.ts';

// Who may send, and to which domains.
export { isRecipientDomainAccepted, isSenderAllowed } from './sender-policy.ts';

// The SMTP intake server a node starts, and its settings from the environment.
export { mailIntakeConfigFromEnv, type MailIntakeConfig } from './config.ts';
export { DEFAULT_MAX_MAIL_BYTES, MailRejected, startMailIntake, type MailHandler, type MailIntake } from './adapter-smtp.ts';
