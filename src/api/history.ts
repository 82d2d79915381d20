// RP-3: the query-string fields every history list shares (pages, emergencies, escalations): the
// period, a search, and a page of results at a time; and the period read as instants, or null
// when it is not one (the route answers 400 with its own code, never 500).
import { Type } from '@sinclair/typebox';
import { Temporal } from '../kernel/time.ts';
import { Str } from './schemas.ts';

export const HistoryFields = {
  /** Started at or after this instant (ISO-8601, e.g. 2026-11-17T00:00:00Z). */
  from: Type.Optional(Str(40, 1)),
  /** Started before this instant. */
  to: Type.Optional(Str(40, 1)),
  /** Words of the title (or subject), or the number. */
  q: Type.Optional(Str(200)),
  limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })),
  offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,7}$' })),
};

export interface Period {
  from?: Temporal.Instant;
  to?: Temporal.Instant;
}

function instantOrNull(s: string): Temporal.Instant | null {
  try {
    return Temporal.Instant.from(s);
  } catch {
    return null;
  }
}

/** The period of a history query, or null when from/to is not an instant or from is not before to. */
export function periodOf(q: { from?: string; to?: string }): Period | null {
  const from = q.from ? instantOrNull(q.from) : undefined;
  const to = q.to ? instantOrNull(q.to) : undefined;
  if (from === null || to === null || (from && to && Temporal.Instant.compare(from, to) >= 0)) return null;
  return { from, to };
}

export const BAD_PERIOD = 'from and to are ISO-8601 instants (e.g. 2026-11-17T00:00:00Z), from before to.';

/** limit (1…500, default `fallback`) and offset of a history query. */
export function pageOf(q: { limit?: string; offset?: string }, fallback = 200): { limit: number; offset: number } {
  return { limit: q.limit ? Math.min(Number(q.limit), 500) || 1 : fallback, offset: q.offset ? Number(q.offset) : 0 };
}
