// TK-2, TK-8: the e-mail a requester gets when staff answer publicly. Built from the public
// comment alone — an internal note never reaches this function (see service-requester-mail.ts) —
// and threaded so the customer's reply lands back on the ticket.
import type { AttachmentMeta } from './attachment.ts';

export interface ReplyMailInput {
  ticket: { id: string; number: number; subject: string };
  comment: { body: string; attachments: readonly AttachmentMeta[] };
  /** The staff member's name, or null for the system's own messages. */
  authorName: string | null;
  /** Where the requester can read the conversation, e.g. https://hotline.example.com/support/<id>. */
  portalUrl: string;
}

export function requesterReplyMail(i: ReplyMailInput): { subject: string; text: string } {
  const files = i.comment.attachments.map((a) => `  - ${a.filename ?? 'attachment'} (${formatSize(a.size)})`);
  const lines = [
    i.comment.body.trim(),
    ...(files.length ? ['', 'Attached (download from the conversation page):', ...files] : []),
    '',
    '--',
    `${i.authorName ? `${i.authorName}, support` : 'Support'} — ticket #${i.ticket.number}`,
    'Reply to this e-mail to answer; your reply is added to the ticket.',
    `Conversation: ${i.portalUrl}`,
  ];
  return { subject: `[#${i.ticket.number}] ${i.ticket.subject}`, text: lines.join('\n') };
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
