// RP-1: each report's table from the rows its queries return. Pure: rows and the zone in, a table
// out; the figures (percentiles, buckets, hours of the week, shifts, night) come from the rule files.
import { Temporal } from '../kernel/time.ts';
import { openAtArrival, peakOpen, type Span } from './concurrency.ts';
import { DAYS, hourOfWeek, isNight, shiftOf, SHIFTS, weekOf } from './hour-of-week.ts';
import { BUCKETS, durationFigures } from './percentiles.ts';
import type { Cell, GroupBy } from './report.ts';

export interface Dims { region: string | null; organisation: string | null; form: string | null }
export interface Table { columns: string[]; rows: Cell[][] }

const NONE: Record<GroupBy, string> = { region: '(no region)', organisation: '(no organisation)', form: '(no form)' };
const keyOf = (d: Dims, g: GroupBy | undefined): string => (g ? d[g] ?? NONE[g] : 'all');
const sortKeys = (keys: Iterable<string>) => [...keys].sort((a, b) => (a === 'all' ? -1 : b === 'all' ? 1 : a.localeCompare(b)));
const round = (n: number | null) => (n === null ? null : Math.round(n));

function groupBy<T extends Dims>(rows: readonly T[], g: GroupBy | undefined): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = keyOf(r, g);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

const DURATION_COLUMNS = ['count', 'median_seconds', 'p90_seconds', ...BUCKETS.map((b) => b.label)];

/** PG-1: per group, how long pages waited for an acknowledgement. */
export function ackTable(rows: readonly (Dims & { seconds: number })[], g: GroupBy | undefined): Table {
  const groups = groupBy(rows, g);
  return {
    columns: [g ?? 'group', ...DURATION_COLUMNS],
    rows: sortKeys(groups.keys()).map((k) => {
      const f = durationFigures(groups.get(k)!.map((r) => r.seconds));
      return [k, f.count, round(f.medianSeconds), round(f.p90Seconds), ...f.buckets];
    }),
  };
}

/** Per group and kind (ticket / emergency): time to the first public reply by staff; unanswered apart. */
export function firstReplyTable(rows: readonly (Dims & { emergency: boolean; seconds: readonly (number | null)[] })[], g: GroupBy | undefined): Table {
  const groups = groupBy(rows, g);
  const out: Cell[][] = [];
  for (const k of sortKeys(groups.keys())) {
    for (const kind of ['ticket', 'emergency'] as const) {
      const list = groups.get(k)!.filter((r) => r.emergency === (kind === 'emergency')).flatMap((r) => r.seconds);
      if (!list.length) continue;
      const answered = list.filter((x): x is number => x !== null);
      const f = durationFigures(answered);
      out.push([k, kind, list.length - answered.length, f.count, round(f.medianSeconds), round(f.p90Seconds), ...f.buckets]);
    }
  }
  return { columns: [g ?? 'group', 'kind', 'unanswered', ...DURATION_COLUMNS], rows: out };
}

export interface Breach extends Dims { number: number; subject: string; priority: string; createdAt: string; breachedAt: string; emergency: boolean }

export function breachTable(rows: readonly Breach[]): Table {
  return {
    columns: ['ticket', 'breached_at', 'created_at', 'priority', 'emergency', 'region', 'organisation', 'form', 'subject'],
    rows: rows.map((r) => [r.number, r.breachedAt, r.createdAt, r.priority, r.emergency ? 'yes' : 'no', r.region, r.organisation, r.form, r.subject]),
  };
}

/** TK-7: breaches per week (Monday in `zone`), every week of the period present, even at 0. */
export function breachTrendTable(rows: readonly Breach[], since: Temporal.Instant, until: Temporal.Instant, zone: string): Table {
  const counts = new Map<string, { all: number; emergency: number }>();
  const last = weekOf(until.subtract({ milliseconds: 1 }), zone);
  for (let w = weekOf(since, zone); w <= last; w = Temporal.PlainDate.from(w).add({ days: 7 }).toString()) counts.set(w, { all: 0, emergency: 0 });
  for (const r of rows) {
    const c = counts.get(weekOf(Date.parse(r.breachedAt), zone))!;
    c.all++;
    if (r.emergency) c.emergency++;
  }
  return { columns: ['week', 'breaches', 'emergency_breaches'], rows: [...counts].map(([w, c]) => [w, c.all, c.emergency]) };
}

/** SM-1..SM-3: per group, escalations filed and how they ended (open: not resolved or rejected yet). */
export function escalationTable(rows: readonly (Dims & { state: string })[], g: GroupBy | undefined): Table {
  const groups = groupBy(rows, g);
  return {
    columns: [g ?? 'group', 'filed', 'resolved', 'rejected', 'open'],
    rows: sortKeys(groups.keys()).map((k) => {
      const list = groups.get(k)!;
      const n = (s: string) => list.filter((r) => r.state === s).length;
      return [k, list.length, n('resolved'), n('rejected'), list.length - n('resolved') - n('rejected')];
    }),
  };
}

export function labelTable(rows: readonly { labels: string[] }[]): Table {
  const counts = new Map<string, number>();
  for (const r of rows) for (const l of r.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return { columns: ['label', 'escalations'], rows: [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])) };
}

export interface EmergencySpan { id: string; createdAt: string; resolvedAt: string | null }

/** Spans in epoch ms; one still open ends at `end` (the period's end, or now if sooner). */
function spansOf(rows: readonly EmergencySpan[], end: number): Span[] {
  return rows.map((r) => ({ id: r.id, start: Date.parse(r.createdAt), end: r.resolvedAt ? Date.parse(r.resolvedAt) : end }));
}

/** WF-6: per local date and 8-hour shift in `zone`: arrivals, those that arrived while another was open, the peak open at once. */
export function shiftTable(rows: readonly EmergencySpan[], since: Temporal.Instant, end: number, zone: string): Table {
  const spans = spansOf(rows, end);
  const open = openAtArrival(spans);
  const byShift = new Map<string, { date: string; shift: string; spans: Span[]; arrivals: number; concurrent: number }>();
  const start = since.epochMilliseconds;
  for (const s of spans) {
    if (s.start < start) continue;
    const { date, shift } = shiftOf(s.start, zone);
    const k = `${date} ${shift}`;
    const b = byShift.get(k) ?? { date, shift, spans: [], arrivals: 0, concurrent: 0 };
    b.arrivals++;
    if (open.get(s.id)! > 0) b.concurrent++;
    byShift.set(k, b);
  }
  // the peak counts every emergency open during the shift, including those that arrived before it:
  // shifts in order, spans by arrival, one pass keeping those still open (as whatif-side's sweep)
  const keys = [...byShift.keys()].sort();
  const bounds = keys.map((k) => {
    const b = byShift.get(k)!;
    const day = Temporal.PlainDate.from(b.date);
    const sh = SHIFTS.find((x) => x.name === b.shift)!;
    const from = day.toZonedDateTime({ timeZone: zone, plainTime: Temporal.PlainTime.from({ hour: sh.from }) }).toInstant().epochMilliseconds;
    const to = (sh.to === 24 ? day.add({ days: 1 }).toZonedDateTime({ timeZone: zone }) : day.toZonedDateTime({ timeZone: zone, plainTime: Temporal.PlainTime.from({ hour: sh.to }) })).toInstant().epochMilliseconds;
    return { b, from, to };
  }).sort((x, y) => x.from - y.from);
  const byStart = [...spans].sort((x, y) => x.start - y.start);
  let next = 0;
  let live: Span[] = [];
  for (const { b, from, to } of bounds) {
    while (next < byStart.length && byStart[next].start < to) live.push(byStart[next++]);
    live = live.filter((s) => s.end > from);
    b.spans = live.map((s) => ({ ...s, start: Math.max(s.start, from), end: Math.min(s.end, to) }));
  }
  return {
    columns: ['date', 'shift', 'arrivals', 'concurrent_arrivals', 'peak_open'],
    rows: keys.map((k) => {
      const b = byShift.get(k)!;
      return [b.date, b.shift, b.arrivals, b.concurrent, peakOpen(b.spans)];
    }),
  };
}

/** WF-6: per hour of the week (168 rows, Monday 00 first) in `zone`: arrivals, and those that arrived while another was open. */
export function heatmapTable(rows: readonly EmergencySpan[], since: Temporal.Instant, end: number, zone: string): Table {
  const spans = spansOf(rows, end);
  const open = openAtArrival(spans);
  const cells = Array.from({ length: 168 }, () => ({ arrivals: 0, concurrent: 0 }));
  for (const s of spans) {
    if (s.start < since.epochMilliseconds) continue;
    const c = cells[hourOfWeek(s.start, zone)];
    c.arrivals++;
    if (open.get(s.id)! > 0) c.concurrent++;
  }
  return { columns: ['day', 'hour', 'arrivals', 'concurrent_arrivals'], rows: cells.map((c, i) => [DAYS[Math.floor(i / 24)], i % 24, c.arrivals, c.concurrent]) };
}

export const VERDICTS = ['strict', 'exception', 'needs_more_info', 'not_emergency', 'downgraded', 'unqualified'] as const;

/** WF-4: per group, emergencies by verdict (counted in SQL, summed here per group). */
export function qualificationTable(rows: readonly (Dims & { verdict: string; n: number })[], g: GroupBy | undefined): Table {
  const groups = groupBy(rows, g);
  return {
    columns: [g ?? 'group', 'emergencies', ...VERDICTS],
    rows: sortKeys(groups.keys()).map((k) => {
      const list = groups.get(k)!;
      const n = (v: string) => list.filter((r) => r.verdict === v).reduce((a, r) => a + r.n, 0);
      return [k, list.reduce((a, r) => a + r.n, 0), ...VERDICTS.map(n)];
    }),
  };
}

export interface Engineer { id: string; name: string; email: string; zone: string; region: string | null }

/** Per engineer: pages that reached them, emergencies they owned (keyed by e-mail, as the emergency names its DRI), pages in their own night (22:00–07:00). */
export function loadTable(people: readonly Engineer[], pages: readonly { at: string; targets: string[] }[], owned: ReadonlyMap<string, number>): Table {
  const byId = new Map(people.map((p) => [p.id, { p, pages: 0, night: 0 }]));
  for (const pg of pages) {
    const at = Date.parse(pg.at);
    for (const id of new Set(pg.targets)) {
      const e = byId.get(id);
      if (!e) continue;
      e.pages++;
      if (isNight(at, e.p.zone)) e.night++;
    }
  }
  const rows = [...byId.values()].filter((e) => e.pages > 0 || (owned.get(e.p.email) ?? 0) > 0)
    .sort((a, b) => b.pages - a.pages || a.p.name.localeCompare(b.p.name))
    .map((e): Cell[] => [e.p.name, e.p.email, e.p.region, e.p.zone, e.pages, owned.get(e.p.email) ?? 0, e.night]);
  return { columns: ['engineer', 'email', 'region', 'zone', 'pages', 'emergencies_owned', 'night_pages'], rows };
}
