// Weekly wall-clock windows ("Mon–Fri 12:00–18:00", "21:00–05:00" across midnight) and the
// interval arithmetic the schedule rules share. Intervals are half-open [start, end) in epoch ms
// (or local-axis ms, see zone.ts).
import { DAY, MINUTE, localOf, parseClock, toInstantMs, weekdayOfLocal } from './zone.ts';

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * A wall-clock window that starts on each of `days` (ISO weekdays; all days when absent) at `from`
 * and lasts until `to`; `to` at or before `from` means the window ends the next day (crosses
 * midnight); `from` equal to `to` means 24 hours.
 */
export interface Restriction {
  days?: Weekday[];
  from: string;
  to: string;
}

export interface Interval {
  start: number;
  end: number;
}

export interface CompiledWindow {
  dayMask: number; // bit (weekday) set when the window starts on that weekday
  from: number; // ms after local midnight
  length: number; // ms
}

export const ALL_DAYS_MASK = 0b11111110;

export function compileWindows(rs: readonly Restriction[]): CompiledWindow[] {
  return rs.map((r) => {
    const from = parseClock(r.from);
    const to = parseClock(r.to);
    if (from === null || to === null) throw new Error(`bad clock time in window ${r.from}–${r.to}`);
    let mask = 0;
    for (const d of r.days ?? [1, 2, 3, 4, 5, 6, 7]) mask |= 1 << d;
    const minutes = to > from ? to - from : to - from + 1440;
    return { dayMask: mask, from: from * MINUTE, length: minutes * MINUTE };
  });
}

/** Parts of the local-axis interval [a, b) inside the windows (all of it when there are none). */
export function windowPieces(ws: readonly CompiledWindow[], a: number, b: number): Interval[] {
  if (ws.length === 0) return b > a ? [{ start: a, end: b }] : [];
  const out: Interval[] = [];
  const firstDay = Math.floor(a / DAY) - 1;
  const lastDay = Math.floor((b - 1) / DAY);
  for (let d = firstDay; d <= lastDay; d++) {
    const dayStart = d * DAY;
    const bit = 1 << weekdayOfLocal(dayStart);
    for (const w of ws) {
      if ((w.dayMask & bit) === 0) continue;
      const s = Math.max(a, dayStart + w.from);
      const e = Math.min(b, dayStart + w.from + w.length);
      if (e > s) out.push({ start: s, end: e });
    }
  }
  return ws.length === 1 && out.length <= 1 ? out : mergeIntervals(out);
}

/** Instant intervals (epoch ms) within [from, to) where the windows are open in `tz`. */
export function windowInstants(ws: readonly CompiledWindow[], tz: string, from: number, to: number): Interval[] {
  if (ws.length === 0) return to > from ? [{ start: from, end: to }] : [];
  // Widen by a day on the local axis so pieces cut by a DST jump at the range edge are not lost.
  const pieces = windowPieces(ws, localOf(tz, from) - DAY, localOf(tz, to) + DAY);
  const out: Interval[] = [];
  for (const p of pieces) {
    const s = Math.max(from, toInstantMs(tz, p.start));
    const e = Math.min(to, toInstantMs(tz, p.end));
    if (e > s) out.push({ start: s, end: e });
  }
  return mergeIntervals(out);
}

/** Sorted, non-overlapping union; touching intervals are joined. */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  if (list.length === 0) return [];
  let isSorted = true;
  for (let i = 1; i < list.length && isSorted; i++) if (list[i].start < list[i - 1].start) isSorted = false;
  const sorted = isSorted ? list : [...list].sort((x, y) => x.start - y.start);
  const out: Interval[] = [{ start: sorted[0].start, end: sorted[0].end }];
  for (let i = 1; i < sorted.length; i++) {
    const cur = sorted[i];
    const last = out[out.length - 1];
    if (cur.start <= last.end) {
      if (cur.end > last.end) last.end = cur.end;
    } else out.push({ start: cur.start, end: cur.end });
  }
  return out;
}

/** `a` minus `b`; both sorted and non-overlapping. */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const iv of a) {
    let s = iv.start;
    while (j < b.length && b[j].end <= s) j++;
    let k = j;
    while (k < b.length && b[k].start < iv.end) {
      if (b[k].start > s) out.push({ start: s, end: b[k].start });
      s = Math.max(s, b[k].end);
      k++;
    }
    if (s < iv.end) out.push({ start: s, end: iv.end });
  }
  return out;
}

/** Intersection of two sorted, non-overlapping lists. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i].start, b[j].start);
    const e = Math.min(a[i].end, b[j].end);
    if (e > s) out.push({ start: s, end: e });
    if (a[i].end < b[j].end) i++;
    else j++;
  }
  return out;
}

export function totalMs(list: readonly Interval[]): number {
  let t = 0;
  for (const iv of list) t += iv.end - iv.start;
  return t;
}
