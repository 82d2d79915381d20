// SCH-1, SCH-7: a rotation hands a shift from member to member in a rhythm of its own time zone.
// Shifts are computed on the wall-clock axis of the rotation's zone (zone.ts), so a 12:00–18:00
// America/New_York shift stays 12:00–18:00 on both sides of a daylight-saving change.
//
// Turns are counted in the rotation's own shift slots, and a slot that restrictions leave empty is
// not a turn: a weekday-only rotation therefore never lets the weekend "eat" someone's turn (the
// GoAlert #55 / OneUptime #2413 class of bug).
//
// Membership changes are dated versions. A version applies from the first slot that starts at or
// after its date, so past and current shifts never change; the new version continues from the
// member who would have been next (or from `startWith`).
import { Temporal } from '../kernel/time.ts';
import { compileWindows, windowPieces, type CompiledWindow, type Restriction, type Weekday } from './restriction.ts';
import { DAY, HOUR, MINUTE, WEEK, parseClock, weekdayOfLocal, zone, type Zone } from './zone.ts';

export interface Member {
  user: string;
  /** SCH-7: shown alongside whoever is on, never owns a page; shadows rotate among themselves. */
  shadow?: boolean;
}

export interface MembershipVersion {
  from: Temporal.Instant;
  members: Member[];
  /** Who takes the first slot of this version; default: whoever would have been next. */
  startWith?: string;
}

export type Rhythm =
  /** Hand-off every N wall-clock hours/days/weeks from the rotation's start. */
  | { kind: 'interval'; every: number; unit: 'hours' | 'days' | 'weeks' }
  /** Fixed daily wall-clock windows; each occurrence of a window is one shift (one turn). */
  | { kind: 'windows'; windows: { from: string; to: string }[]; days?: Weekday[] };

export interface Rotation {
  id: string;
  name: string;
  timeZone: string;
  start: Temporal.Instant;
  end?: Temporal.Instant;
  rhythm: Rhythm;
  /** The rotation has someone only inside these windows (all the time when empty). */
  restrictions: Restriction[];
  /** Sorted by `from`; the first applies from `start`. */
  versions: MembershipVersion[];
  /** 'all': every member is on during every shift (a pool); default 'rotate'. */
  mode?: 'rotate' | 'all';
  /**
   * Follows an external iCalendar feed (read-only): its shifts are the spans last read from the
   * feed (attached when the schedules are loaded), not turns of a rhythm.
   */
  ical?: IcalFeed;
}

/** A person's span read from an iCalendar feed, in epoch milliseconds. */
export interface IcalSpan { user: string; start: number; end: number }

export interface IcalFeed {
  url: string;
  refreshMinutes: number;
  /** The last good copy of the feed (empty until the first refresh). */
  spans: IcalSpan[];
}

/** A rendered piece of a shift, in epoch milliseconds. */
export interface RawShift {
  rotationId: string;
  user: string;
  start: number;
  end: number;
  shadow: boolean;
  slot: number;
  /** Stable identity of the shift piece (rotation, slot, person, unclipped start). */
  key: string;
}

interface CompiledVersion {
  k: number;
  regular: string[];
  shadows: string[];
  pos: number;
  shadowPos: number;
}

interface Compiled {
  rot: Rotation;
  z: Zone;
  interval: boolean;
  base: number; // interval: local start; windows: local midnight of the first day
  len: number; // interval slot length on the local axis
  windows: { from: number; length: number }[];
  dayMask: number;
  restr: CompiledWindow[];
  startMs: number;
  endMs: number;
  kFirst: number;
  period: number;
  prefix: Int32Array;
  perPeriod: number;
  versions: CompiledVersion[];
  all: boolean;
}

const UNIT_MS = { hours: HOUR, days: DAY, weeks: WEEK } as const;
const SLACK = 3 * HOUR;
const cache = new WeakMap<Rotation, Compiled>();

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function slotBounds(c: Compiled, k: number): [number, number] {
  if (c.interval) {
    const s = c.base + k * c.len;
    return [s, s + c.len];
  }
  const w = c.windows.length;
  const day = Math.floor(k / w);
  const win = c.windows[k - day * w];
  const s = c.base + day * DAY + win.from;
  return [s, s + win.length];
}

function slotAllowed(c: Compiled, k: number): boolean {
  if (c.interval) return true;
  const day = c.base + Math.floor(k / c.windows.length) * DAY;
  return (c.dayMask & (1 << weekdayOfLocal(day))) !== 0;
}

function slotActive(c: Compiled, k: number): boolean {
  if (!slotAllowed(c, k)) return false;
  if (c.restr.length === 0) return true;
  const [a, b] = slotBounds(c, k);
  return windowPieces(c.restr, a, b).length > 0;
}

/** Active slots before k (k ≥ 0), via the weekly period of the restriction pattern. */
function activeBefore(c: Compiled, k: number): number {
  const q = Math.floor(k / c.period);
  return q * c.perPeriod + c.prefix[k - q * c.period];
}

function estimateSlot(c: Compiled, local: number): number {
  if (c.interval) return Math.floor((local - c.base) / c.len);
  return Math.floor((local - c.base) / DAY) * c.windows.length;
}

function firstSlotFrom(c: Compiled, ms: number): number {
  let k = Math.max(c.kFirst, estimateSlot(c, c.z.localOf(ms)) - 2 * (c.interval ? 1 : c.windows.length));
  while (c.z.toInstant(slotBounds(c, k)[0]) < ms) k++;
  return k;
}

function compile(rot: Rotation): Compiled {
  const hit = cache.get(rot);
  if (hit) return hit;
  const z = zone(rot.timeZone);
  const startMs = rot.start.epochMilliseconds;
  const localStart = z.localOf(startMs);
  const interval = rot.rhythm.kind === 'interval';
  const c: Compiled = {
    rot,
    z,
    interval,
    base: 0,
    len: 0,
    windows: [],
    dayMask: 0b11111110,
    restr: compileWindows(rot.restrictions),
    startMs,
    endMs: rot.end ? rot.end.epochMilliseconds : Infinity,
    kFirst: 0,
    period: 1,
    prefix: new Int32Array([0, 1]),
    perPeriod: 1,
    versions: [],
    all: rot.mode === 'all',
  };
  if (rot.rhythm.kind === 'interval') {
    c.base = localStart;
    c.len = rot.rhythm.every * UNIT_MS[rot.rhythm.unit];
  } else {
    c.base = Math.floor(localStart / DAY) * DAY;
    c.windows = rot.rhythm.windows
      .map((w) => {
        const from = parseClock(w.from)!;
        const to = parseClock(w.to)!;
        return { from: from * MINUTE, length: (to > from ? to - from : to - from + 1440) * MINUTE };
      })
      .sort((x, y) => x.from - y.from);
    if (rot.rhythm.days) {
      c.dayMask = 0;
      for (const d of rot.rhythm.days) c.dayMask |= 1 << d;
    }
    while (slotBounds(c, c.kFirst)[0] < localStart) c.kFirst++;
  }
  const everySlotActive = c.restr.length === 0 && c.dayMask === 0b11111110;
  if (!everySlotActive) {
    c.period = interval ? WEEK / MINUTE / gcd(c.len / MINUTE, WEEK / MINUTE) : 7 * c.windows.length;
    c.prefix = new Int32Array(c.period + 1);
    for (let j = 0; j < c.period; j++) c.prefix[j + 1] = c.prefix[j] + (slotActive(c, j) ? 1 : 0);
    c.perPeriod = c.prefix[c.period];
  }
  let prev: CompiledVersion | null = null;
  for (const v of rot.versions) {
    const regular = v.members.filter((m) => !m.shadow).map((m) => m.user);
    const shadows = v.members.filter((m) => m.shadow).map((m) => m.user);
    const k: number = prev ? Math.max(prev.k, firstSlotFrom(c, Math.max(startMs, v.from.epochMilliseconds))) : c.kFirst;
    const turn = prev ? activeBefore(c, k) - activeBefore(c, prev.k) : 0;
    const cv: CompiledVersion = {
      k,
      regular,
      shadows,
      pos: startPosition(regular, prev?.regular ?? [], prev ? prev.pos + turn : 0, v.startWith),
      shadowPos: startPosition(shadows, prev?.shadows ?? [], prev ? prev.shadowPos + turn : 0, v.startWith),
    };
    c.versions.push(cv);
    prev = cv;
  }
  cache.set(rot, c);
  return c;
}

/** Index in `next` of the member who continues the rotation: startWith, else the first of the
 *  previous order (from its next turn on) who is still a member. */
function startPosition(next: string[], previous: string[], prevTurn: number, startWith?: string): number {
  if (next.length === 0) return 0;
  if (startWith && next.includes(startWith)) return next.indexOf(startWith);
  for (let i = 0; i < previous.length; i++) {
    const idx = next.indexOf(previous[(prevTurn + i) % previous.length]);
    if (idx >= 0) return idx;
  }
  return 0;
}

function versionFor(c: Compiled, k: number): CompiledVersion | null {
  for (let i = c.versions.length - 1; i >= 0; i--) if (c.versions[i].k <= k) return c.versions[i];
  return null;
}

/** Shift pieces of `rot` overlapping [fromMs, toMs), clipped to it unless `clip` is false. */
export function rotationShiftsMs(rot: Rotation, fromMs: number, toMs: number, clip = true): RawShift[] {
  if (rot.ical) return icalShiftsMs(rot, rot.ical, fromMs, toMs, clip);
  const c = compile(rot);
  const out: RawShift[] = [];
  const lo = Math.max(fromMs, c.startMs);
  const hi = Math.min(toMs, c.endMs);
  if (hi <= lo) return out;
  const back = c.interval ? 2 : 2 * c.windows.length;
  const z = c.z;
  const localLo = z.localOf(lo);
  const localHi = z.localOf(hi);
  let k = Math.max(c.kFirst, estimateSlot(c, localLo) - back);
  for (; ; k++) {
    const [a, b] = slotBounds(c, k);
    // Cheap tests on the wall-clock axis first; offsets differ by at most a few hours around a jump.
    if (a >= localHi + SLACK || (a > localHi - SLACK && z.toInstant(a) >= hi)) break;
    if (b <= localLo - SLACK || (b < localLo + SLACK && z.toInstant(b) <= lo) || !slotAllowed(c, k)) continue;
    const v = versionFor(c, k);
    if (!v || (v.regular.length === 0 && v.shadows.length === 0)) continue;
    const pieces = windowPieces(c.restr, a, b);
    if (pieces.length === 0) continue;
    const turn = c.all ? 0 : activeBefore(c, k) - activeBefore(c, v.k);
    const people: [string, boolean][] = [];
    if (c.all) {
      for (const u of v.regular) people.push([u, false]);
      for (const u of v.shadows) people.push([u, true]);
    } else {
      if (v.regular.length) people.push([v.regular[(v.pos + turn) % v.regular.length], false]);
      if (v.shadows.length) people.push([v.shadows[(v.shadowPos + turn) % v.shadows.length], true]);
    }
    for (const p of pieces) {
      const ps = z.toInstant(p.start);
      const pe = z.toInstant(p.end);
      if (pe <= lo || ps >= hi || pe <= ps) continue;
      const s = clip ? Math.max(lo, ps) : Math.max(c.startMs, ps);
      const e = clip ? Math.min(hi, pe) : Math.min(c.endMs, pe);
      for (const [user, shadow] of people) {
        out.push({ rotationId: rot.id, user, start: s, end: e, shadow, slot: k, key: `${rot.id}/${k}/${user}/${ps}` });
      }
    }
  }
  return out;
}

/** An iCalendar rotation's shifts: its spans inside the rotation's start/end and the range. */
function icalShiftsMs(rot: Rotation, feed: IcalFeed, fromMs: number, toMs: number, clip: boolean): RawShift[] {
  const startMs = rot.start.epochMilliseconds;
  const endMs = rot.end ? rot.end.epochMilliseconds : Number.MAX_SAFE_INTEGER;
  const lo = Math.max(fromMs, startMs);
  const hi = Math.min(toMs, endMs);
  const out: RawShift[] = [];
  feed.spans.forEach((sp, k) => {
    const s = Math.max(sp.start, startMs);
    const e = Math.min(sp.end, endMs);
    if (e <= lo || s >= hi || e <= s) return;
    out.push({ rotationId: rot.id, user: sp.user, start: clip ? Math.max(lo, s) : s, end: clip ? Math.min(hi, e) : e, shadow: false, slot: k, key: `${rot.id}/ical/${sp.user}/${sp.start}` });
  });
  return out.sort((a, b) => a.start - b.start);
}

export interface Shift {
  rotationId: string;
  user: string;
  start: Temporal.Instant;
  end: Temporal.Instant;
  shadow: boolean;
  slot: number;
}

/** SCH-1: the shifts of one rotation over [from, to), clipped to the range. */
export function rotationShifts(rot: Rotation, from: Temporal.Instant, to: Temporal.Instant, clip = true): Shift[] {
  return rotationShiftsMs(rot, from.epochMilliseconds, to.epochMilliseconds, clip).map((s) => ({
    rotationId: s.rotationId,
    user: s.user,
    start: instantOf(s.start),
    end: instantOf(s.end),
    shadow: s.shadow,
    slot: s.slot,
  }));
}

/** Members on `rot` at `at` (owners and shadows), with their whole shift pieces. */
export function rotationOnCallAt(rot: Rotation, at: Temporal.Instant): Shift[] {
  return rotationShifts(rot, at, at.add({ milliseconds: 1 }), false);
}

/**
 * A new rotation whose membership changes at `from` (a dated version): shifts starting before
 * `from` keep their people. Versions after `from` are dropped (this one replaces them).
 */
export function withMembers(rot: Rotation, from: Temporal.Instant, members: Member[], startWith?: string): Rotation {
  const kept = rot.versions.filter((v) => v.from.epochMilliseconds < from.epochMilliseconds);
  return { ...rot, versions: [...kept, { from, members, ...(startWith ? { startWith } : {}) }] };
}

export function instantOf(ms: number): Temporal.Instant {
  return Temporal.Instant.fromEpochMilliseconds(ms);
}
