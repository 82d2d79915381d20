// TK-2: public replies and internal notes. Internal notes never reach the customer: every surface
// that shows comments to a customer filters through commentsVisibleTo.
import type { Temporal } from '../kernel/time.ts';
import { invalid } from '../kernel/errors.ts';

export interface TicketComment {
  id: string;
  ticketId: string;
  authorId: string;
  body: string;
  isPublic: boolean;
  createdAt: Temporal.Instant;
}

export const MAX_COMMENT_LENGTH = 65_536;

/** Validates and trims a comment body; throws invalid('comment.…'). */
export function checkCommentBody(body: unknown, maxLength = MAX_COMMENT_LENGTH): string {
  if (typeof body !== 'string' || body.trim() === '') throw invalid('comment.empty', 'A comment needs some text.', {});
  if (body.length > maxLength) throw invalid('comment.too_long', `The comment is ${body.length} characters; shorten it to at most ${maxLength} or attach the rest.`, { length: body.length, max: maxLength });
  return body.trim();
}

/** Customers see public comments only; staff see everything. */
export function commentsVisibleTo<C extends Pick<TicketComment, 'isPublic'>>(comments: readonly C[], viewer: { role: string }): C[] {
  return viewer.role === 'customer' ? comments.filter((c) => c.isPublic) : [...comments];
}

/** A customer may only write public comments (TK-2). */
export function checkCommentVisibility(isPublic: boolean, author: { role: string }): void {
  if (!isPublic && author.role === 'customer') throw invalid('comment.internal_by_customer', 'Customers cannot write internal notes; send it as a public reply.', {});
}
