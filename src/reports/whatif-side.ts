// RP-2: one side of a what-if — the period's real emergency arrivals replayed against one set of
// schedules. Each arrival goes as the workflow routes a new emergency (SCH-3, WF-6): to the group's
// DRI if free, else to a free overlapping engineer (a concurrent emergency), else to the manager
// on call (it waited for the manager). An engineer is busy until the emergency they took was
// resolved or handed over, as it really was: handling times are history, only the people change.
import { finalSchedule, renderGroup, singleEngineerIntervals, type SchedulesWorkspace } from '../schedules/index.ts';
import type { Temporal } from '../kernel/time.ts';
import { addHoursByWeek, isNight, weekIndex, type Week } from './whatif-calendar.ts';

export interface Arrival {
  /** The ticket number (or another reference) shown in the result. */
  ref: string;
  /** The rotation group the emergency paged. */
  group: string;
  atMs: number;
  /** When it was resolved or handed over. */
  endMs: number;
}

export type Outcome = 'dri' | 'concurrent_engineer' | 'manager' | 'uncovered';

export interface Routed { outcome: Outcome; user: string | null }

export interface Figures {
  arrivals: number;
  /** The first on-call engineer was already busy with another emergency. */
  concurrent: number;
  /** Nobody on call was free (or nobody was on call): the manager on call took it. */
  waitedForManager: number;
  /** Of those, arrivals with nobody of the group on call at all. */
  uncovered: number;
  /** Hours with exactly one engineer on call, summed over the groups looked at. */
  singleEngineerHours: number;
  /** Arrivals that came while their group had a single engineer on. */
  singleEngineerArrivals: number;
  nightPages: number;
}

export interface Load { emergencies: number; handlingHours: number; pages: number; nightPages: number }

export interface SideResult {
  totals: Figures;
  weeks: Figures[];
  people: Map<string, Load>;
  routed: Routed[];
  /** Groups named by arrivals or the proposal that this side does not define. */
  missingGroups: string[];
}

export interface SideInput {
  since: Temporal.Instant;
  until: Temporal.Instant;
  /** Sorted by atMs. */
  arrivals: readonly Arrival[];
  groups: readonly string[];
  weeks: readonly Week[];
  /** WF-6: the schedule whose person is the manager on call for a group's emergencies. */
  managerScheduleOf: (group: string) => string | undefined;
  /** A person's own zone for night pages; the group's zone when unknown. */
  zoneOf: (user: string) => string | undefined;
}

export const emptyFigures = (): Figures => ({ arrivals: 0, concurrent: 0, waitedForManager: 0, uncovered: 0, singleEngineerHours: 0, singleEngineerArrivals: 0, nightPages: 0 });

interface Piece { startMs: number; endMs: number; user: string | null; order: number }

/** A forward-only cursor over pieces sorted by start: which pieces cover `t` (t never goes back). */
class Sweep {
  private next = 0;
  private active: Piece[] = [];
  constructor(private readonly pieces: Piece[]) {
    pieces.sort((a, b) => a.startMs - b.startMs || a.order - b.order);
  }
  at(t: number): Piece[] {
    while (this.next < this.pieces.length && this.pieces[this.next].startMs <= t) this.active.push(this.pieces[this.next++]);
    this.active = this.active.filter((p) => p.endMs > t);
    return this.active;
  }
}

interface GroupState { zone: string; owners: Sweep; dri: Sweep; single: Sweep }

function groupState(w: SchedulesWorkspace, id: string, input: SideInput, weekSingle: number[]): GroupState | undefined {
  const g = w.groups.find((x) => x.id === id);
  if (!g) return undefined;
  const r = renderGroup(g, input.since, input.until, w.edits);
  // The bot that takes a given-up shift (SCH-6) is not an engineer who can take an emergency.
  const owners = r.schedules.flatMap((s, order) => s.entries.filter((e) => !e.shadow && e.source.kind !== 'fallback').map((e) => ({ startMs: e.startMs, endMs: e.endMs, user: e.user, order })));
  const dri = r.dri.map((d, order) => ({ startMs: d.startMs, endMs: d.endMs, user: d.user, order }));
  const single = singleEngineerIntervals(g, input.since, input.until, w.edits).intervals.map((s, order) => ({ startMs: s.startMs, endMs: s.endMs, user: s.user, order }));
  for (const s of single) addHoursByWeek(input.weeks, s.startMs, s.endMs, weekSingle);
  return { zone: g.timeZone, owners: new Sweep(owners), dri: new Sweep(dri), single: new Sweep(single) };
}

/** Replays the arrivals against one set of schedules. */
export function replaySide(w: SchedulesWorkspace, input: SideInput): SideResult {
  const weeks = input.weeks.map(emptyFigures);
  const weekSingle = input.weeks.map(() => 0);
  const states = new Map<string, GroupState | undefined>();
  for (const id of input.groups) states.set(id, groupState(w, id, input, weekSingle));
  const managerPieces = new Map<string, Piece[]>();
  const managerAt = (scheduleId: string | undefined, t: number): string | null => {
    if (!scheduleId) return null;
    let pieces = managerPieces.get(scheduleId);
    if (!pieces) {
      const s = w.schedules.find((x) => x.id === scheduleId);
      pieces = s ? finalSchedule(s, input.since, input.until, w.edits).entries.filter((e) => !e.shadow).map((e, order) => ({ startMs: e.startMs, endMs: e.endMs, user: e.user, order })) : [];
      managerPieces.set(scheduleId, pieces);
    }
    return pieces.find((p) => p.startMs <= t && t < p.endMs)?.user ?? null;
  };

  const busyUntil = new Map<string, number>();
  const free = (u: string, t: number) => (busyUntil.get(u) ?? -Infinity) <= t;
  const people = new Map<string, Load>();
  const routed: Routed[] = [];
  const totals = emptyFigures();

  for (const a of input.arrivals) {
    const st = states.get(a.group);
    const wi = weekIndex(input.weeks, a.atMs);
    const bump = (k: keyof Figures) => {
      totals[k]++;
      if (wi >= 0) weeks[wi][k]++;
    };
    bump('arrivals');
    const owners = st ? [...new Set([...st.owners.at(a.atMs)].sort((x, y) => x.order - y.order).map((p) => p.user as string))] : [];
    const driPiece = st?.dri.at(a.atMs)[0];
    const dri = driPiece?.user && owners.includes(driPiece.user) ? driPiece.user : (owners[0] ?? null);
    if (st && st.single.at(a.atMs).length > 0) bump('singleEngineerArrivals');
    let r: Routed;
    if (dri && free(dri, a.atMs)) r = { outcome: 'dri', user: dri };
    else {
      const other = owners.find((u) => u !== dri && free(u, a.atMs));
      if (other) r = { outcome: 'concurrent_engineer', user: other };
      else r = { outcome: dri ? 'manager' : 'uncovered', user: managerAt(input.managerScheduleOf(a.group), a.atMs) };
      if (dri) bump('concurrent');
      if (!other) bump('waitedForManager');
      if (!dri) bump('uncovered');
    }
    routed.push(r);
    if (!r.user) continue;
    if (r.outcome !== 'manager' && r.outcome !== 'uncovered') busyUntil.set(r.user, Math.max(a.endMs, a.atMs + 1));
    const load = people.get(r.user) ?? { emergencies: 0, handlingHours: 0, pages: 0, nightPages: 0 };
    load.emergencies++;
    load.pages++;
    load.handlingHours += Math.max(0, a.endMs - a.atMs) / 3_600_000;
    if (isNight(a.atMs, input.zoneOf(r.user) ?? st?.zone ?? 'UTC')) {
      load.nightPages++;
      bump('nightPages');
    }
    people.set(r.user, load);
  }
  weekSingle.forEach((h, i) => (weeks[i].singleEngineerHours = h));
  totals.singleEngineerHours = weekSingle.reduce((s, h) => s + h, 0);
  return { totals, weeks, people, routed, missingGroups: input.groups.filter((g) => !states.get(g)) };
}
