// SCH-9: until when the people on call in a group stay on, and who comes next — what the on-call
// person's screen shows beside "who is on call now". Pure: the caller hands in the instant.
import { Temporal } from '../kernel/time.ts';
import type { Edits } from './final-schedule.ts';
import { groupOnCallAt, renderGroup, type RotationGroup } from './group.ts';

/** How far ahead the next change is looked for; a group that never changes within it answers null. */
export const NEXT_CHANGE_HORIZON_DAYS = 8;

export interface GroupNext {
  /** When the group's owners or its DRI next change; null: not within the horizon. */
  until: Temporal.Instant | null;
  /** Who owns pages, and who is DRI, from `until` on. */
  next: { owners: string[]; dri: string | null } | null;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * The first instant after `at` at which the owners or the DRI differ from those at `at`. Only the
 * edges of rendered pieces can be such instants, so each edge is evaluated in time order.
 */
export function groupNextChange(group: RotationGroup, at: Temporal.Instant, edits: Edits = {}): GroupNext {
  const from = at.epochMilliseconds;
  const to = from + NEXT_CHANGE_HORIZON_DAYS * 86_400_000;
  const now = groupOnCallAt(group, at, edits);
  const r = renderGroup(group, at, Temporal.Instant.fromEpochMilliseconds(to), edits);
  const edges = new Set<number>();
  for (const s of r.schedules) for (const e of s.entries) if (!e.shadow) edges.add(e.startMs).add(e.endMs);
  for (const d of r.dri) edges.add(d.startMs).add(d.endMs);
  for (const t of [...edges].filter((t) => t > from && t < to).sort((a, b) => a - b)) {
    const then = groupOnCallAt(group, Temporal.Instant.fromEpochMilliseconds(t), edits);
    if (!sameSet(then.owners, now.owners) || then.dri.user !== now.dri.user) {
      return { until: then.at, next: { owners: then.owners, dri: then.dri.user } };
    }
  }
  return { until: null, next: null };
}
