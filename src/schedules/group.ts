// SCH-2, SCH-3, SCH-9, SCH-10: a rotation group (e.g. AMER) holds overlapping schedules and a DRI
// sub-schedule. The DRI window names the schedule whose person takes the first emergency; if that
// schedule has nobody on at the instant, the answer says so instead of inventing a DRI.
import { Temporal } from '../kernel/time.ts';
import { DEMO_HANDOFF_REMINDER_MINUTES } from './defaults.ts';
import { finalEntriesMs, onCallAt, toFinalEntry, type Edits, type FinalSchedule, type OnCallNow } from './final-schedule.ts';
import {
  compileWindows,
  intersectIntervals,
  mergeIntervals,
  subtractIntervals,
  windowInstants,
  type Interval,
  type Restriction,
} from './restriction.ts';
import type { RawEntry, Schedule } from './schedule.ts';
import { PersonSpan, span, type TimeSpan } from './span.ts';

export interface DriWindow extends Restriction {
  /** The schedule whose on-call person is DRI in this window (SCH-3)… */
  scheduleId?: string;
  /** …or a named person. */
  user?: string;
  /** Zone of this window when it differs from the group's (follow-the-sun groups). */
  timeZone?: string;
}

export interface RotationGroup {
  id: string;
  name: string;
  timeZone: string;
  schedules: Schedule[];
  /** Hours the group is expected to cover (group zone); empty = around the clock. */
  coverage: Restriction[];
  /** SCH-3: DRI windows in the group zone; where windows overlap, the earlier one in the list wins. */
  dri: DriWindow[];
  /** SCH-10: minutes before a hand-off that the outgoing engineer is reminded. */
  handoffReminderMinutes?: number;
}

export interface DriAnswer {
  status: 'on_call' | 'not_on_call' | 'no_dri_window';
  user: string | null;
  scheduleId?: string;
  message: string;
}

export interface GroupOnCall {
  at: Temporal.Instant;
  schedules: OnCallNow[];
  owners: string[];
  shadows: string[];
  dri: DriAnswer;
}

const ms = (i: Temporal.Instant) => i.epochMilliseconds;
const inst = (n: number) => Temporal.Instant.fromEpochMilliseconds(n);
const hhmm = (w: DriWindow) => `${w.from}–${w.to}`;

function activeDriWindow(group: RotationGroup, at: number): DriWindow | undefined {
  return group.dri.find((w) => windowInstants(compileWindows([w]), w.timeZone ?? group.timeZone, at, at + 1).length > 0);
}

/** SCH-2/3/9: who is on each schedule and in the group at `at`, and who is DRI. */
export function groupOnCallAt(group: RotationGroup, at: Temporal.Instant, edits: Edits = {}): GroupOnCall {
  const schedules = group.schedules.map((s) => onCallAt(s, at, edits));
  const owners = [...new Set(schedules.flatMap((s) => s.owners))];
  const shadows = [...new Set(schedules.flatMap((s) => s.shadows))].filter((u) => !owners.includes(u));
  return { at, schedules, owners, shadows, dri: driAt(group, schedules, owners, ms(at)) };
}

function driAt(group: RotationGroup, schedules: OnCallNow[], owners: string[], at: number): DriAnswer {
  const w = activeDriWindow(group, at);
  if (!w) return { status: 'no_dri_window', user: null, message: `No DRI window of ${group.name} is open now; whoever is on call takes the first emergency.` };
  if (w.scheduleId) {
    const s = schedules.find((x) => x.scheduleId === w.scheduleId);
    const name = group.schedules.find((x) => x.id === w.scheduleId)?.name ?? w.scheduleId;
    if (s && s.owners.length) return { status: 'on_call', user: s.owners[0], scheduleId: w.scheduleId, message: `${s.owners[0]} (${name}) is DRI for ${hhmm(w)}.` };
    return { status: 'not_on_call', user: null, scheduleId: w.scheduleId, message: `${name} is DRI for ${hhmm(w)} but nobody is on it now; ${owners.length ? `ask ${owners.join(', ')} to take the first emergency` : 'nobody in the group is on call'}.` };
  }
  const u = w.user ?? null;
  if (u && owners.includes(u)) return { status: 'on_call', user: u, message: `${u} is DRI for ${hhmm(w)}.` };
  return { status: 'not_on_call', user: u, message: `${u} is DRI for ${hhmm(w)} but is not on call now; ${owners.length ? `ask ${owners.join(', ')}` : 'nobody in the group is on call'}.` };
}

function ownerEntries(group: RotationGroup, fromMs: number, toMs: number, edits: Edits): { scheduleId: string; entries: RawEntry[] }[] {
  return group.schedules.map((s) => ({ scheduleId: s.id, entries: finalEntriesMs(s, fromMs, toMs, edits).entries.filter((e) => !e.shadow) }));
}

export interface SingleEngineerInterval extends TimeSpan {
  readonly user: string;
}

/** SCH-2/9: intervals in which exactly one engineer (no shadows, no fallback bot) is on in the group. */
export function singleEngineerIntervals(group: RotationGroup, from: Temporal.Instant, to: Temporal.Instant, edits: Edits = {}): { intervals: SingleEngineerInterval[]; hours: number } {
  const events: { t: number; d: number; user: string }[] = [];
  for (const s of ownerEntries(group, ms(from), ms(to), edits))
    for (const e of s.entries) {
      if (e.source.kind === 'fallback') continue;
      events.push({ t: e.start, d: 1, user: e.user }, { t: e.end, d: -1, user: e.user });
    }
  events.sort((a, b) => a.t - b.t);
  const count = new Map<string, number>();
  const out: { start: number; end: number; user: string }[] = [];
  let i = 0;
  while (i < events.length) {
    const t = events[i].t;
    for (; i < events.length && events[i].t === t; i++) count.set(events[i].user, (count.get(events[i].user) ?? 0) + events[i].d);
    const on = [...count].filter(([, n]) => n > 0).map(([u]) => u);
    const next = i < events.length ? events[i].t : t;
    if (on.length === 1 && next > t) {
      const last = out[out.length - 1];
      if (last && last.end === t && last.user === on[0]) last.end = next;
      else out.push({ start: t, end: next, user: on[0] });
    }
  }
  const hours = out.reduce((h, x) => h + (x.end - x.start), 0) / 3_600_000;
  return { intervals: out.map((x) => new PersonSpan(x.start, x.end, x.user) as SingleEngineerInterval), hours };
}

/** SCH-9: parts of the group's expected hours in [from, to) where nobody owns pages. */
export function coverageGaps(group: RotationGroup, from: Temporal.Instant, to: Temporal.Instant, edits: Edits = {}): TimeSpan[] {
  const expected = windowInstants(compileWindows(group.coverage), group.timeZone, ms(from), ms(to));
  const covered = mergeIntervals(ownerEntries(group, ms(from), ms(to), edits).flatMap((s) => s.entries));
  return subtractIntervals(expected, covered).map((g) => span(g.start, g.end));
}

export interface ShiftChange {
  at: Temporal.Instant;
  scheduleId: string;
  outgoing: string[];
  incoming: string[];
  staying: string[];
  /** SCH-10: when the outgoing engineer is reminded. */
  remindAt: Temporal.Instant;
}

/** SCH-10: every change of who owns pages on `schedule` with `from ≤ at < to`. */
export function scheduleChanges(schedule: Schedule, from: Temporal.Instant, to: Temporal.Instant, edits: Edits = {}, reminderMinutes = DEMO_HANDOFF_REMINDER_MINUTES): ShiftChange[] {
  const f = ms(from);
  const entries = finalEntriesMs(schedule, f - 1, ms(to), edits).entries.filter((e) => !e.shadow);
  const events: { t: number; d: number; user: string }[] = [];
  for (const e of entries) events.push({ t: e.start, d: 1, user: e.user }, { t: e.end, d: -1, user: e.user });
  events.sort((a, b) => a.t - b.t);
  const count = new Map<string, number>();
  const onNow = () => new Set([...count].filter(([, n]) => n > 0).map(([u]) => u));
  const out: ShiftChange[] = [];
  let i = 0;
  while (i < events.length) {
    const t = events[i].t;
    const before = onNow();
    for (; i < events.length && events[i].t === t; i++) count.set(events[i].user, (count.get(events[i].user) ?? 0) + events[i].d);
    if (t < f || t >= ms(to)) continue;
    const after = onNow();
    const outgoing = [...before].filter((u) => !after.has(u));
    const incoming = [...after].filter((u) => !before.has(u));
    if (!outgoing.length && !incoming.length) continue;
    out.push({ at: inst(t), scheduleId: schedule.id, outgoing, incoming, staying: [...after].filter((u) => before.has(u)), remindAt: inst(t - reminderMinutes * 60_000) });
  }
  return out;
}

/** SCH-10: the hand-offs of every schedule of the group, in time order. */
export function groupChanges(group: RotationGroup, from: Temporal.Instant, to: Temporal.Instant, edits: Edits = {}): ShiftChange[] {
  const minutes = group.handoffReminderMinutes ?? DEMO_HANDOFF_REMINDER_MINUTES;
  return group.schedules.flatMap((s) => scheduleChanges(s, from, to, edits, minutes)).sort((a, b) => ms(a.at) - ms(b.at) || (a.scheduleId < b.scheduleId ? -1 : 1));
}

export interface DriEntry extends TimeSpan {
  readonly scheduleId?: string;
  /** null: the DRI window is open but its schedule (or person) has nobody on. */
  readonly user: string | null;
}

export interface GroupRendering {
  schedules: FinalSchedule[];
  dri: DriEntry[];
}

/** Parts of `open` (sorted, non-overlapping) covered by each entry, labelled with its person. */
function intersectLabelled(open: readonly Interval[], entries: readonly RawEntry[]): { start: number; end: number; user: string }[] {
  const out: { start: number; end: number; user: string }[] = [];
  for (const e of entries) {
    let lo = 0;
    let hi = open.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (open[mid].end <= e.start) lo = mid + 1;
      else hi = mid;
    }
    for (let j = lo; j < open.length && open[j].start < e.end; j++) {
      const s = Math.max(open[j].start, e.start);
      const t = Math.min(open[j].end, e.end);
      if (t > s) out.push({ start: s, end: t, user: e.user });
    }
  }
  return out;
}

/** SCH-2/3/9: the group's final schedules over [from, to) and its DRI sub-schedule. */
export function renderGroup(group: RotationGroup, from: Temporal.Instant, to: Temporal.Instant, edits: Edits = {}): GroupRendering {
  const f = ms(from);
  const t = ms(to);
  const rendered = group.schedules.map((s) => ({ s, r: finalEntriesMs(s, f, t, edits) }));
  const dri: { start: number; end: number; scheduleId?: string; user: string | null }[] = [];
  let claimed: Interval[] = [];
  for (const w of group.dri) {
    const whole = windowInstants(compileWindows([w]), w.timeZone ?? group.timeZone, f, t);
    const open = claimed.length ? subtractIntervals(whole, claimed) : whole;
    claimed = mergeIntervals(claimed.concat(whole));
    if (w.scheduleId) {
      const owners = rendered.find((x) => x.s.id === w.scheduleId)?.r.entries.filter((e) => !e.shadow) ?? [];
      for (const p of intersectLabelled(open, owners)) dri.push({ ...p, scheduleId: w.scheduleId });
      for (const p of subtractIntervals(open, mergeIntervals(owners))) dri.push({ start: p.start, end: p.end, scheduleId: w.scheduleId, user: null });
    } else {
      const mine: Interval[] = mergeIntervals(rendered.flatMap((x) => x.r.entries.filter((e) => !e.shadow && e.user === w.user)));
      for (const p of intersectIntervals(open, mine)) dri.push({ start: p.start, end: p.end, user: w.user ?? null });
      for (const p of subtractIntervals(open, mine)) dri.push({ start: p.start, end: p.end, user: null });
    }
  }
  dri.sort((a, b) => a.start - b.start);
  return {
    schedules: rendered.map(({ s, r }) => ({
      scheduleId: s.id,
      from,
      to,
      entries: r.entries.map(toFinalEntry),
      gaps: r.gaps.map((g) => span(g.start, g.end)),
      warnings: r.warnings,
    })),
    dri: dri.map((d) => new PersonSpan(d.start, d.end, d.user, d.scheduleId)),
  };
}
