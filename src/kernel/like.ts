// Free-text filters are "contains, ignoring case": the user's % and _ are letters, not LIKE's
// wildcards, on both engines (SQLite has no default escape character, so it is named). Only builds
// a query fragment, so pure rule files (the ticket search compiler) may use it too.
import { sql, type RawBuilder } from 'kysely';

/** The text with LIKE's wildcards and the escape character itself taken literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The right-hand side of `lower(column) like …`: contains `text`, ignoring case. */
export function containsLike(text: string): RawBuilder<string> {
  return sql<string>`${`%${escapeLike(text.toLowerCase())}%`} escape '\\'`;
}
