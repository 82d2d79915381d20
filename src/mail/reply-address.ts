// TK-8 e-mail intake threading: every ticket has a reply address `support+<ticket-token>@domain`,
// so a customer's reply finds its ticket even when the mail client drops In-Reply-To. Pure: no I/O.
import { invalid } from '../kernel/errors.ts';

export interface ReplyAddressScheme {
  /** Mailbox before the separator; the demo workspace uses `support`. */
  localPart: string;
  domain: string;
  separator: string;
}

export const DEFAULT_REPLY_LOCAL_PART = 'support';
export const DEFAULT_REPLY_SEPARATOR = '+';

const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

export function replyAddressScheme(domain: string, localPart = DEFAULT_REPLY_LOCAL_PART, separator = DEFAULT_REPLY_SEPARATOR): ReplyAddressScheme {
  return { localPart, domain, separator };
}

export function formatReplyAddress(token: string, scheme: ReplyAddressScheme): string {
  if (!TOKEN.test(token)) {
    throw invalid('mail.bad_reply_token', `Reply token "${token}" must be 1–64 letters, digits, "-" or "_"; generate it with newSecret().`, { token });
  }
  return `${scheme.localPart}${scheme.separator}${token}@${scheme.domain}`;
}

/** The bare address out of `Name <addr>` or `<addr>` forms; lower-case domain, local part kept. */
export function bareAddress(input: string): string {
  const m = /<([^<>]+)>\s*$/.exec(input);
  const addr = (m ? m[1]! : input).trim();
  const at = addr.lastIndexOf('@');
  return at < 0 ? addr : `${addr.slice(0, at)}@${addr.slice(at + 1).toLowerCase()}`;
}

/**
 * The ticket token of a reply address, or undefined when the address does not follow the scheme.
 * Mailbox and domain compare case-insensitively (RFC 5321 leaves local parts to the receiver, and
 * people retype them); the token keeps its case because tokens are case-sensitive secrets.
 */
export function parseReplyAddress(address: string, scheme: ReplyAddressScheme): string | undefined {
  const addr = bareAddress(address);
  const at = addr.lastIndexOf('@');
  if (at < 0) return undefined;
  const local = addr.slice(0, at);
  const domain = addr.slice(at + 1);
  if (domain !== scheme.domain.toLowerCase()) return undefined;
  const prefix = `${scheme.localPart}${scheme.separator}`.toLowerCase();
  if (!local.toLowerCase().startsWith(prefix)) return undefined;
  const token = local.slice(prefix.length);
  return TOKEN.test(token) ? token : undefined;
}

/** First reply token among the envelope recipients, then To, then Cc (forwarded and Bcc'd mail). */
export function findReplyToken(
  mail: { envelope?: { rcptTo: string[] }; to: { address: string }[]; cc?: { address: string }[] },
  scheme: ReplyAddressScheme,
): string | undefined {
  const candidates = [...(mail.envelope?.rcptTo ?? []), ...mail.to.map((a) => a.address), ...(mail.cc ?? []).map((a) => a.address)];
  for (const c of candidates) {
    const token = parseReplyAddress(c, scheme);
    if (token) return token;
  }
  return undefined;
}
