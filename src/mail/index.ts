export { toInboundMail, type InboundAttachment, type InboundMail, type MailAddress } from './inbound-mail.ts';
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
export { isRecipientDomainAccepted, isSenderAllowed } from './sender-policy.ts';
export { mailIntakeConfigFromEnv } from './config.ts';
export { DEFAULT_MAX_MAIL_BYTES, MailRejected, startMailIntake, type MailHandler, type MailIntake, type MailIntakeConfig } from './smtp-intake.ts';
