// RP-2 what-if staffing: the same real arrivals and handling times replayed against the schedules
// as they were and as proposed, side by side, week by week, person by person, with the difference
// (proposed − actual) so a lead sees what a change would have bought before adopting it.
import type { Temporal } from '../kernel/time.ts';
import type { SchedulesWorkspace } from '../schedules/index.ts';
import { weeksOf } from './whatif-calendar.ts';
import { emptyFigures, replaySide, type Arrival, type Figures, type Load, type Routed } from './whatif-side.ts';

export type { Arrival, Figures, Load, Outcome, Routed } from './whatif-side.ts';

export interface WhatIfInput {
  since: Temporal.Instant;
  until: Temporal.Instant;
  arrivals: readonly Arrival[];
  actual: SchedulesWorkspace;
  proposed: SchedulesWorkspace;
  /** Groups to look at besides those the arrivals paged (the ones the proposal changes). */
  groups?: readonly string[];
  /** Weeks start on Monday 00:00 in this zone. */
  zone: string;
  managerScheduleOf: (group: string) => string | undefined;
  zoneOf?: (user: string) => string | undefined;
}

export interface WeekRow { week: string; actual: Figures; proposed: Figures; difference: Figures }
export interface PersonRow { user: string; actual: Load; proposed: Load; difference: Load }
export interface ChangedArrival { ref: string; group: string; at: string; actual: Routed; proposed: Routed }

export interface WhatIfResult {
  since: string;
  until: string;
  zone: string;
  groups: string[];
  /** Groups one side does not define: everything that paged them went to the manager. */
  missingGroups: { actual: string[]; proposed: string[] };
  totals: { actual: Figures; proposed: Figures; difference: Figures };
  weeks: WeekRow[];
  people: PersonRow[];
  /** Arrivals routed differently (outcome changed), first CHANGED_LIMIT of them. */
  changed: ChangedArrival[];
  changedTotal: number;
}

export const CHANGED_LIMIT = 500;

const round = (n: number) => Math.round(n * 100) / 100;
const roundFigures = (f: Figures): Figures => ({ ...f, singleEngineerHours: round(f.singleEngineerHours) });

function minus<T extends Figures | Load>(a: T, b: T): T {
  const x = a as unknown as Record<string, number>;
  const y = b as unknown as Record<string, number>;
  return Object.fromEntries(Object.keys(x).map((k) => [k, round(x[k] - y[k])])) as unknown as T;
}

const noLoad = (): Load => ({ emergencies: 0, handlingHours: 0, pages: 0, nightPages: 0 });
const roundLoad = (l: Load): Load => ({ ...l, handlingHours: round(l.handlingHours) });

/** RP-2: both sides of the what-if over [since, until). */
export function whatIf(input: WhatIfInput): WhatIfResult {
  const sinceMs = input.since.epochMilliseconds;
  const untilMs = input.until.epochMilliseconds;
  const arrivals = input.arrivals.filter((a) => a.atMs >= sinceMs && a.atMs < untilMs).sort((a, b) => a.atMs - b.atMs);
  const groups = [...new Set([...arrivals.map((a) => a.group), ...(input.groups ?? [])])].sort();
  const weeks = weeksOf(sinceMs, untilMs, input.zone);
  const side = { since: input.since, until: input.until, arrivals, groups, weeks, managerScheduleOf: input.managerScheduleOf, zoneOf: input.zoneOf ?? (() => undefined) };
  const actual = replaySide(input.actual, side);
  const proposed = replaySide(input.proposed, side);

  const users = [...new Set([...actual.people.keys(), ...proposed.people.keys()])].sort();
  const people = users.map((user) => {
    const a = roundLoad(actual.people.get(user) ?? noLoad());
    const p = roundLoad(proposed.people.get(user) ?? noLoad());
    return { user, actual: a, proposed: p, difference: minus(p, a) };
  });
  const changed: ChangedArrival[] = [];
  let changedTotal = 0;
  arrivals.forEach((a, i) => {
    if (actual.routed[i].outcome === proposed.routed[i].outcome) return;
    changedTotal++;
    if (changed.length < CHANGED_LIMIT) changed.push({ ref: a.ref, group: a.group, at: new Date(a.atMs).toISOString(), actual: actual.routed[i], proposed: proposed.routed[i] });
  });
  const ta = roundFigures(actual.totals);
  const tp = roundFigures(proposed.totals);
  return {
    since: input.since.toString(),
    until: input.until.toString(),
    zone: input.zone,
    groups,
    missingGroups: { actual: actual.missingGroups, proposed: proposed.missingGroups },
    totals: { actual: ta, proposed: tp, difference: minus(tp, ta) },
    weeks: weeks.map((w, i) => {
      const a = roundFigures(actual.weeks[i] ?? emptyFigures());
      const p = roundFigures(proposed.weeks[i] ?? emptyFigures());
      return { week: w.week, actual: a, proposed: p, difference: minus(p, a) };
    }),
    people,
    changed,
    changedTotal,
  };
}

/** Who would take each arrival (sorted by atMs) on these schedules: the routing a what-if replays, alone. */
export function routeArrivals(w: SchedulesWorkspace, input: Pick<WhatIfInput, 'since' | 'until' | 'arrivals' | 'managerScheduleOf' | 'zoneOf'>): Routed[] {
  const weeks = weeksOf(input.since.epochMilliseconds, input.until.epochMilliseconds, 'UTC');
  const groups = [...new Set(input.arrivals.map((a) => a.group))];
  return replaySide(w, { ...input, groups, weeks, zoneOf: input.zoneOf ?? (() => undefined) }).routed;
}
