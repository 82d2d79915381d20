// The shape of one received e-mail as the ticket intake sees it (TK-8), built from mailparser's
// output and the SMTP envelope.
import type { AddressObject, ParsedMail } from 'mailparser';

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

function flatten(obj: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = obj === undefined ? [] : Array.isArray(obj) ? obj : [obj];
  const out: MailAddress[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const e of entries) {
      if (e.group) walk(e.group);
      else if (e.address) out.push({ address: e.address, name: e.name ?? '' });
    }
  };
  list.forEach((o) => walk(o.value));
  return out;
}

function isAutoSubmitted(parsed: ParsedMail): boolean {
  const h = parsed.headers;
  const auto = String(h.get('auto-submitted') ?? 'no').toLowerCase();
  const precedence = String(h.get('precedence') ?? '').toLowerCase();
  return auto !== 'no' || ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence) || h.has('x-autoreply') || h.has('x-autorespond');
}

export function toInboundMail(
  parsed: ParsedMail,
  envelope: InboundMail['envelope'],
  sizeBytes: number,
): InboundMail {
  const refs = parsed.references === undefined ? [] : Array.isArray(parsed.references) ? parsed.references : parsed.references.split(/\s+/);
  const date = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null;
  return {
    messageId: parsed.messageId ?? null,
    inReplyTo: parsed.inReplyTo ?? null,
    references: refs.filter(Boolean),
    from: flatten(parsed.from)[0] ?? null,
    to: flatten(parsed.to),
    cc: flatten(parsed.cc),
    replyTo: flatten(parsed.replyTo)[0] ?? null,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    date,
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      size: a.size,
      content: a.content,
      contentId: a.contentId ?? null,
    })),
    autoSubmitted: isAutoSubmitted(parsed),
    envelope,
    sizeBytes,
  };
}
