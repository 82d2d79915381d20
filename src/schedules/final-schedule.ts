// SCH-6, SCH-9: the final, merged schedule. Layers are resolved first, then swaps exchange the
// scheduled shifts of two people, then overrides apply in the order given (a later override can
// override an earlier one), then the fallback user takes the gaps the schedule declares coverable.
// "Who is on at T" is the same computation over [T, T+1 ms), so it can never disagree with the
// range rendering (the "current on-call ignores overrides" class of bug).
import { Temporal } from '../kernel/time.ts';
import { notFound } from '../kernel/errors.ts';
import {
  compileWindows,
  intersectIntervals,
  mergeIntervals,
  subtractIntervals,
  windowInstants,
  type Interval,
} from './restriction.ts';
import { Span, span, type TimeSpan } from './span.ts';
import { layeredEntriesMs, type EntrySource, type RawEntry, type Schedule } from './schedule.ts';

/**
 * SCH-6: an override of any length. `user` + `replaces`: user takes the named person's time;
 * `user` alone: user is added; `replaces` alone: the named person gives the time up (a gap, which
 * the fallback takes where coverable).
 */
export interface Override {
  id: string;
  scheduleId: string;
  start: Temporal.Instant;
  end: Temporal.Instant;
  user?: string;
  replaces?: string;
  /** SCH-7: the added person shadows (e.g. a trainee shadowing for a few days); never owns a page. */
  shadow?: boolean;
}

/** SCH-6: the two people exchange whatever each of them has in [start, end). */
export interface Swap {
  id: string;
  scheduleId: string;
  start: Temporal.Instant;
  end: Temporal.Instant;
  users: [string, string];
}

export interface Edits {
  overrides?: readonly Override[];
  swaps?: readonly Swap[];
}

export interface FinalEntry extends TimeSpan {
  readonly user: string;
  /** SCH-7: shown, paged alongside, never owns a page. */
  readonly shadow: boolean;
  readonly source: EntrySource;
  /** Stable identity of the piece (for calendar UIDs and hand-off job keys). */
  readonly key: string;
}

class EntrySpan extends Span implements FinalEntry {
  constructor(
    startMs: number,
    endMs: number,
    readonly user: string,
    readonly shadow: boolean,
    readonly source: EntrySource,
    readonly key: string,
  ) {
    super(startMs, endMs);
  }
}

export interface ScheduleWarning {
  code: 'schedule.override_no_effect' | 'schedule.swap_no_effect';
  id: string;
  message: string;
}

export interface FinalSchedule {
  scheduleId: string;
  from: Temporal.Instant;
  to: Temporal.Instant;
  /** Sorted by start, then user. */
  entries: FinalEntry[];
  /** Where nobody (other than shadows) is on. */
  gaps: TimeSpan[];
  warnings: ScheduleWarning[];
}

type Ranked = RawEntry;

function cut(e: Ranked, s: number, t: number): { before?: Ranked; inside?: Ranked; after?: Ranked } {
  const piece = (a: number, b: number): Ranked | undefined =>
    b > a ? { ...e, start: a, end: b, key: a === e.start ? e.key : `${e.key}@${a}` } : undefined;
  return { before: piece(e.start, Math.min(e.end, s)), inside: piece(Math.max(e.start, s), Math.min(e.end, t)), after: piece(Math.max(e.start, t), e.end) };
}

/** Entries kept sorted by start, so an edit touches only the entries near its range. */
interface SortedEntries {
  list: Ranked[];
  maxLen: number;
}

function firstStartingAtOrAfter(list: readonly Ranked[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(st: SortedEntries, e: Ranked): void {
  st.list.splice(firstStartingAtOrAfter(st.list, e.start), 0, e);
  if (e.end - e.start > st.maxLen) st.maxLen = e.end - e.start;
}

function applyEdit(st: SortedEntries, s: number, t: number, match: (e: Ranked) => boolean, change: (inside: Ranked) => Ranked | null): boolean {
  const list = st.list;
  const hits: number[] = [];
  for (let i = firstStartingAtOrAfter(list, s - st.maxLen); i < list.length && list[i].start < t; i++) {
    if (list[i].end > s && match(list[i])) hits.push(i);
  }
  if (hits.length === 0) return false;
  const pieces: Ranked[] = [];
  for (let h = hits.length - 1; h >= 0; h--) {
    const [e] = list.splice(hits[h], 1);
    const { before, inside, after } = cut(e, s, t);
    if (before) pieces.push(before);
    const changed = inside ? change(inside) : null;
    if (changed) pieces.push(changed);
    if (after) pieces.push(after);
  }
  for (const p of pieces) insertSorted(st, p);
  return true;
}

interface IndexedEdit<T> {
  edit: T;
  s: number;
  t: number;
}
interface EditIndex {
  overrides: Map<string, IndexedEdit<Override>[]>;
  swaps: Map<string, IndexedEdit<Swap>[]>;
}
const EMPTY: readonly never[] = [];
const indexCache = new WeakMap<object, Map<string, IndexedEdit<Override | Swap>[]>>();

/** Edits grouped by schedule with their instants read once (memoised per edits array). */
function bySchedule<T extends Override | Swap>(list: readonly T[] | undefined): Map<string, IndexedEdit<T>[]> {
  if (!list || list.length === 0) return new Map();
  let m = indexCache.get(list) as Map<string, IndexedEdit<T>[]> | undefined;
  if (!m) {
    m = new Map();
    for (const edit of list) {
      const row = { edit, s: edit.start.epochMilliseconds, t: edit.end.epochMilliseconds };
      const l = m.get(edit.scheduleId);
      if (l) l.push(row);
      else m.set(edit.scheduleId, [row]);
    }
    indexCache.set(list, m as Map<string, IndexedEdit<Override | Swap>[]>);
  }
  return m;
}

function editIndex(edits: Edits): EditIndex {
  return { overrides: bySchedule(edits.overrides), swaps: bySchedule(edits.swaps) };
}

/** One person never has two overlapping entries: the higher-ranked one keeps the time. */
function normalise(entries: Ranked[]): Ranked[] {
  const byUser = new Map<string, Ranked[]>();
  for (const e of entries) {
    const list = byUser.get(e.user);
    if (list) list.push(e);
    else byUser.set(e.user, [e]);
  }
  const out: Ranked[] = [];
  for (const list of byUser.values()) {
    list.sort((a, b) => a.start - b.start);
    let overlaps = false;
    for (let i = 1; i < list.length && !overlaps; i++) if (list[i].start < list[i - 1].end) overlaps = true;
    // Touching pieces of the same shift (re-joined after a cut) are merged back.
    if (!overlaps) {
      for (const e of list) {
        const last = out[out.length - 1];
        if (last && last.end === e.start && last.user === e.user && sameSource(last, e) && baseKey(last.key) === baseKey(e.key)) last.end = e.end;
        else out.push(e);
      }
      continue;
    }
    let taken: Interval[] = [];
    for (const e of [...list].sort((a, b) => b.rank - a.rank || a.start - b.start)) {
      for (const p of subtractIntervals([{ start: e.start, end: e.end }], taken)) {
        out.push({ ...e, start: p.start, end: p.end, key: p.start === e.start ? e.key : `${e.key}@${p.start}` });
      }
      taken = mergeIntervals(taken.concat([{ start: e.start, end: e.end }]));
    }
  }
  return out;
}

function baseKey(key: string): string {
  const i = key.indexOf('@');
  return i < 0 ? key : key.slice(0, i);
}

function sameSource(a: RawEntry, b: RawEntry): boolean {
  if (a.shadow !== b.shadow || a.source.kind !== b.source.kind) return false;
  const x = a.source as Record<string, string>;
  const y = b.source as Record<string, string>;
  return x.layerId === y.layerId && x.rotationId === y.rotationId && x.swapId === y.swapId && x.overrideId === y.overrideId;
}

export interface RenderedMs {
  entries: RawEntry[];
  gaps: Interval[];
  warnings: ScheduleWarning[];
}

/** The final schedule over [fromMs, toMs) in epoch milliseconds (internal form). */
export function finalEntriesMs(schedule: Schedule, fromMs: number, toMs: number, edits: Edits = {}): RenderedMs {
  const warnings: ScheduleWarning[] = [];
  // Ranks: fallback 0 < layer 1 < swap 2 < overrides 3, 4, … in order; shadows rank below owners.
  const layered = layeredEntriesMs(schedule, fromMs, toMs);
  let maxLen = 0;
  for (const e of layered) if (e.end - e.start > maxLen) maxLen = e.end - e.start;
  const st: SortedEntries = { list: layered, maxLen };
  const index = editIndex(edits);

  for (const { edit: sw, s, t } of index.swaps.get(schedule.id) ?? EMPTY) {
    if (s >= toMs || t <= fromMs) continue;
    const [a, b] = sw.users;
    const hit = applyEdit(st, s, t, (e) => e.user === a || e.user === b, (e) => ({
      ...e,
      user: e.user === a ? b : a,
      rank: e.shadow ? 0 : 2,
      source: e.source.kind === 'layer' ? { kind: 'swap', swapId: sw.id, layerId: e.source.layerId, rotationId: e.source.rotationId } : e.source,
      key: `swap/${sw.id}/${e.key}`,
    }));
    if (!hit) warnings.push({ code: 'schedule.swap_no_effect', id: sw.id, message: `Neither ${a} nor ${b} is on this schedule between the swap's start and end, so the swap changes nothing; check its dates or people.` });
  }

  let rank = 3;
  for (const { edit: o, s: os, t: ot } of index.overrides.get(schedule.id) ?? EMPTY) {
    const r0 = rank++;
    if (os >= toMs || ot <= fromMs) continue;
    const s = Math.max(fromMs, os);
    const t = Math.min(toMs, ot);
    const source: EntrySource = { kind: 'override', overrideId: o.id };
    if (o.replaces) {
      const hit = applyEdit(st, s, t, (e) => e.user === o.replaces, (e) =>
        o.user ? { ...e, user: o.user, rank: e.shadow ? 0 : r0, source, key: `override/${o.id}/${e.start}` } : null,
      );
      if (!hit) warnings.push({ code: 'schedule.override_no_effect', id: o.id, message: `${o.replaces} is not on this schedule during the override, so it changes nothing; check its dates or the person it replaces.` });
    } else if (o.user) {
      insertSorted(st, { user: o.user, start: s, end: t, shadow: !!o.shadow, source, rank: o.shadow ? 0 : r0, key: `override/${o.id}/${s}` });
    }
  }
  let entries = st.list;
  entries = normalise(entries);
  const owned = mergeIntervals(entries.filter((e) => !e.shadow));
  let gaps = subtractIntervals([{ start: fromMs, end: toMs }], owned);
  if (schedule.fallback && gaps.length) {
    const fb = schedule.fallback;
    const coverable = windowInstants(compileWindows(fb.coverable), schedule.timeZone, fromMs, toMs);
    const fill = intersectIntervals(gaps, coverable);
    for (const f of fill) entries.push({ user: fb.user, start: f.start, end: f.end, shadow: false, source: { kind: 'fallback' }, rank: 0, key: `fallback/${f.start}` });
    gaps = subtractIntervals(gaps, fill);
  }
  entries.sort((a, b) => a.start - b.start || (a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
  return { entries, gaps, warnings };
}

export function toFinalEntry(e: RawEntry): FinalEntry {
  return new EntrySpan(e.start, e.end, e.user, e.shadow, e.source, e.key);
}

/** SCH-9: the final schedule over [from, to) with its sources, gaps and warnings. */
export function finalSchedule(schedule: Schedule, from: Temporal.Instant, to: Temporal.Instant, edits: Edits = {}): FinalSchedule {
  const r = finalEntriesMs(schedule, from.epochMilliseconds, to.epochMilliseconds, edits);
  return {
    scheduleId: schedule.id,
    from,
    to,
    entries: r.entries.map(toFinalEntry),
    gaps: r.gaps.map((g) => span(g.start, g.end)),
    warnings: r.warnings,
  };
}

export interface OnCallNow {
  scheduleId: string;
  /** People who own pages at the instant (no shadows). */
  owners: string[];
  /** SCH-7: paged alongside, never owners. */
  shadows: string[];
  entries: FinalEntry[];
}

/** SCH-9: who is on the schedule at `instant` — the range rendering evaluated at one instant. */
export function onCallAt(schedule: Schedule, instant: Temporal.Instant, edits: Edits = {}): OnCallNow {
  const ms = instant.epochMilliseconds;
  const r = finalEntriesMs(schedule, ms, ms + 1, edits);
  const owners = [...new Set(r.entries.filter((e) => !e.shadow).map((e) => e.user))];
  const shadows = [...new Set(r.entries.filter((e) => e.shadow && !owners.includes(e.user)).map((e) => e.user))];
  return { scheduleId: schedule.id, owners, shadows, entries: r.entries.map(toFinalEntry) };
}

/**
 * SCH-9: the whole entries (within ±`horizonHours`) that contain `instant` — "on call until 22:00".
 * Same rendering as finalSchedule, so it agrees with onCallAt.
 */
export function shiftsAt(schedule: Schedule, instant: Temporal.Instant, edits: Edits = {}, horizonHours = 36): FinalEntry[] {
  const ms = instant.epochMilliseconds;
  const h = horizonHours * 3_600_000;
  return finalEntriesMs(schedule, ms - h, ms + h, edits)
    .entries.filter((e) => e.start <= ms && ms < e.end)
    .map(toFinalEntry);
}

/** SCH-6: removing an override or a swap is dropping it; an unknown id is reported. */
export function removeOverride(edits: Edits, id: string): Edits {
  if (!(edits.overrides ?? []).some((o) => o.id === id)) throw notFound('schedule.override_not_found', `No override with id ${id}; list the schedule's overrides to find the right one.`, { id });
  return { ...edits, overrides: (edits.overrides ?? []).filter((o) => o.id !== id) };
}

export function removeSwap(edits: Edits, id: string): Edits {
  if (!(edits.swaps ?? []).some((s) => s.id === id)) throw notFound('schedule.swap_not_found', `No swap with id ${id}; list the schedule's swaps to find the right one.`, { id });
  return { ...edits, swaps: (edits.swaps ?? []).filter((s) => s.id !== id) };
}
