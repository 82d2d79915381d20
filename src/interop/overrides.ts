// PagerDuty and Opsgenie overrides put one person on call instead of whoever is on; a Hotline
// override names whom it replaces. So one vendor override becomes one Hotline override per person
// it displaces (user + replaces), and a plain "user" where the schedule had nobody.
import { Temporal } from '../kernel/time.ts';
import { finalSchedule, parseSchedulesConfig } from '../schedules/index.ts';
import type { Plain, WorkspaceDoc } from './document.ts';

/** The one schedule `sid` of the document, parsed by the schedules capability's own rules. */
export function parseOne(doc: WorkspaceDoc, sid: string, withOverrides = false) {
  const sched = doc.schedules.find((s) => s.id === sid)!;
  const rotIds = new Set((sched.layers as Plain[]).flatMap((l) => (l.rotation ? [l.rotation] : (l.rotations as string[]) ?? [])));
  const parsed = parseSchedulesConfig({
    rotations: doc.rotations.filter((r) => rotIds.has(r.id as string)),
    schedules: [sched],
    schedule_overrides: withOverrides ? doc.schedule_overrides.filter((o) => o.schedule === sid) : [],
  });
  return { schedule: parsed.schedules[0], edits: parsed.edits };
}

/** `onlyRotations`: the override takes the place of these rotations' people only (Opsgenie's per-rotation overrides). */
export function overridePieces(doc: WorkspaceDoc, sid: string, vendorId: string, start: Temporal.Instant, end: Temporal.Instant, user: string, onlyRotations?: ReadonlySet<string>): Plain[] {
  const { schedule } = parseOne(doc, sid);
  const f = finalSchedule(schedule, start, end);
  const base = `${sid}-${vendorId.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const out: Plain[] = [];
  const piece = (s: Temporal.Instant, e: Temporal.Instant, replaces?: string) =>
    out.push({ id: `${base}-${out.length + 1}`, schedule: sid, start: s.toString(), end: e.toString(), user, ...(replaces ? { replaces } : {}) });
  const mine = (e: (typeof f.entries)[number]) => !onlyRotations || (e.source.kind === 'layer' && onlyRotations.has(e.source.rotationId));
  for (const e of f.entries) if (!e.shadow && e.user !== user && mine(e)) piece(e.start, e.end, e.user);
  if (!onlyRotations) for (const g of f.gaps) piece(g.start, g.end);
  return out;
}
