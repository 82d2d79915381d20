// TK-2: what an uploaded attachment must satisfy before it is stored with its comment.
import { invalid } from '../kernel/errors.ts';

/** Per-file limit: 10 MiB unless the workspace says otherwise. */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_COMMENT = 20;

/** Attachment metadata; with an `id` the bytes are stored (ticket_attachments) and downloadable. */
export interface AttachmentMeta { id?: string; filename: string | null; contentType: string; size: number; sha256?: string }

export interface AttachmentUpload { filename: string | null; contentType: string; content: Uint8Array }

const CONTENT_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;.*)?$/i;

/** Throws a clear error for an oversize, empty-typed or too numerous upload; returns clean uploads. */
export function checkAttachments(files: AttachmentUpload[], maxBytes: number = DEFAULT_MAX_ATTACHMENT_BYTES): AttachmentUpload[] {
  if (files.length > MAX_ATTACHMENTS_PER_COMMENT) {
    throw invalid('attachment.too_many', `A comment carries at most ${MAX_ATTACHMENTS_PER_COMMENT} attachments; send the rest in another comment.`, { count: files.length, max: MAX_ATTACHMENTS_PER_COMMENT });
  }
  return files.map((f) => {
    if (f.content.byteLength > maxBytes) {
      throw invalid('attachment.too_large', `"${f.filename ?? 'attachment'}" is ${f.content.byteLength} bytes; the limit is ${maxBytes} bytes per file. Compress it or share a link instead.`, { filename: f.filename, size: f.content.byteLength, max: maxBytes });
    }
    const contentType = CONTENT_TYPE.test(f.contentType) ? f.contentType.trim().toLowerCase() : 'application/octet-stream';
    const filename = f.filename ? f.filename.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 255) : null;
    return { filename, contentType, content: f.content };
  });
}
