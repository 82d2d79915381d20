// The proof that a moved schedule is the same schedule: at every hand-off instant of the window
// (either side's), the people the vendor's own rendering puts on call equal the people Hotline's
// final schedule puts on call. Every disagreement is listed; none is smoothed over.
import { Temporal } from '../kernel/time.ts';
import { finalSchedule } from '../schedules/index.ts';
import type { Difference, RenderedSchedule, ScheduleProof, WorkspaceDoc } from './document.ts';
import { parseOne } from './overrides.ts';

interface Piece { s: number; e: number; user: string }

const onAt = (pieces: readonly Piece[], t: number) => [...new Set(pieces.filter((p) => p.s <= t && t < p.e).map((p) => p.user))].sort();

export function proveSchedule(doc: WorkspaceDoc, r: RenderedSchedule): ScheduleProof {
  const from = Temporal.Instant.from(r.from);
  const to = Temporal.Instant.from(r.to);
  const { schedule, edits } = parseOne(doc, r.scheduleId, true);
  const final = finalSchedule(schedule, from, to, edits);
  const hotline: Piece[] = final.entries.filter((e) => !e.shadow).map((e) => ({ s: e.startMs, e: e.endMs, user: e.user }));
  const vendor: Piece[] = r.entries.map((e) => ({ s: Temporal.Instant.from(e.start).epochMilliseconds, e: Temporal.Instant.from(e.end).epochMilliseconds, user: e.user }));
  const lo = from.epochMilliseconds;
  const hi = to.epochMilliseconds;
  const instants = [...new Set([lo, ...[...hotline, ...vendor].flatMap((p) => [p.s, p.e])])].filter((t) => t >= lo && t < hi).sort((a, b) => a - b);
  const differences: Difference[] = [];
  for (const t of instants) {
    const v = onAt(vendor, t);
    const h = onAt(hotline, t);
    if (v.join('\n') !== h.join('\n')) differences.push({ at: new Date(t).toISOString(), vendor: v, hotline: h });
  }
  return { schedule: r.scheduleId, source: r.source, from: r.from, to: r.to, instants: instants.length, differences };
}
