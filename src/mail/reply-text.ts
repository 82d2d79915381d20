// The new part of an e-mail reply (TK-8): what the sender wrote, without the quoted original that
// mail programs append. Quote headers differ by program and language (Gmail wraps "On … wrote:"
// across lines, Outlook writes a From/Sent/To/Subject block, German clients write "Am … schrieb …:"),
// so recognising them is left to email-reply-parser, which keeps up with those forms, rather than
// to hand-made patterns that each leak one of them.
import EmailReplyParser from 'email-reply-parser';

const parser = new EmailReplyParser();

/**
 * The text above the quoted original (and the signature). A message that is nothing but a quote
 * (a forward, say) is kept whole: an empty comment would lose what the sender meant to pass on.
 */
export function replyText(text: string): string {
  const whole = text.replace(/\r\n?/g, '\n');
  const fresh = withoutOutlookRule(parser.parseReply(whole)).trim();
  return fresh || whole.trim();
}

/**
 * Outlook draws a rule above its From/Sent/To/Subject block ("____…" in plain text, an <hr> the
 * parser renders as "----…"). email-reply-parser cuts at the block but leaves the rule behind, so a
 * run of dashes or underscores that ends the reply is dropped here.
 */
export function withoutOutlookRule(text: string): string {
  return text.replace(/(?:\n[ \t]*(?:-{3,}|_{3,})[ \t]*)+\s*$/, '');
}
