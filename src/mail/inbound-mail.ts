// The shape of one received e-mail as the ticket intake sees it (TK-8), built from the parser's
// output and the SMTP envelope (the SMTP adapter, adapter-smtp.ts, builds it).

export interface MailAddress {
  address: string;
  name: string;
}

export interface InboundAttachment {
  filename: string | null;
  contentType: string;
  size: number;
  content: Buffer;
  contentId: string | null;
}

export interface InboundMail {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress | null;
  subject: string;
  text: string;
  html: string | null;
  /** The Date header as ISO-8601 UTC, or null when absent or unreadable. */
  date: string | null;
  attachments: InboundAttachment[];
  /** RFC 3834 auto-replies and bulk mail: never answer these automatically (mail loops). */
  autoSubmitted: boolean;
  envelope: { mailFrom: string | null; rcptTo: string[]; remoteAddress: string; clientHostname: string };
  sizeBytes: number;
}
