// The timeline: one row per change, written in the change's transaction. It is the audit log
// and, for pages and emergencies, the story shown to people.
import type { Actor } from '../kernel/actor.ts';
import { newOrderedId } from '../kernel/ids.ts';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import { appendRow, type Tx } from './tx.ts';

export interface TimelineInput {
  subjectType: string;
  subjectId: string;
  action: string;
  detail?: Record<string, unknown>;
}

export interface TimelineEntry {
  id: string;
  subjectType: string;
  subjectId: string;
  at: string;
  actor: { kind: string; id: string | null; name: string | null };
  action: string;
  via: string | null;
  detail: Record<string, unknown>;
}

// Entries of one instant are read back by id: ordered ids keep them in the order they happened.
const timelineRow = (at: string, actor: Actor, e: TimelineInput) => ({
  id: newOrderedId(),
  subject_type: e.subjectType,
  subject_id: e.subjectId,
  at,
  actor_kind: actor.kind,
  actor_id: actor.userId,
  action: e.action,
  via: actor.via,
  detail: JSON.stringify(e.detail ?? {}),
});

/** Held until the transaction commits (see Appends): a change's entries share one INSERT. */
export async function recordTimeline(tx: Tx, now: Temporal.Instant, actor: Actor, e: TimelineInput): Promise<void> {
  await appendRow(tx, 'timeline', timelineRow(isoUtc(now), actor, e));
}

/** Many entries by one actor at one instant in one statement (a burst of events on the intake). */
export async function recordTimelines(tx: Tx, now: Temporal.Instant, actor: Actor, entries: TimelineInput[]): Promise<void> {
  const at = isoUtc(now);
  // 9 parameters a row: 500 rows stay far below either engine's limit on bound parameters
  for (let i = 0; i < entries.length; i += 500) {
    await tx.db.insertInto('timeline').values(entries.slice(i, i + 500).map((e) => timelineRow(at, actor, e))).execute();
  }
}

export async function listTimeline(tx: Tx, subjectType: string, subjectId: string, limit = 500): Promise<TimelineEntry[]> {
  await tx.appends?.flush(tx.db); // this transaction's own entries too
  const rows = await tx.db
    .selectFrom('timeline as t')
    .leftJoin('users as u', 'u.id', 't.actor_id')
    .select(['t.id', 't.subject_type', 't.subject_id', 't.at', 't.actor_kind', 't.actor_id', 'u.name as actor_name', 't.action', 't.via', 't.detail'])
    .where('t.subject_type', '=', subjectType)
    .where('t.subject_id', '=', subjectId)
    .orderBy('t.at')
    .orderBy('t.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    at: r.at,
    actor: { kind: r.actor_kind, id: r.actor_id, name: r.actor_kind === 'system' ? 'Hotline' : r.actor_name },
    action: r.action,
    via: r.via,
    detail: r.detail ? JSON.parse(r.detail) : {},
  }));
}
