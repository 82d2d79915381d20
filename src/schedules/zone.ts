// Wall-clock ↔ instant conversion for schedule rendering. Rendering a year of shifts (or asking
// "who is on now" for hundreds of schedules) converts thousands of wall-clock times, and each
// Temporal zoned conversion in the polyfill costs 10–20 µs; so the zone's offset transitions are
// read once from Temporal and memoised, and every later conversion is arithmetic. The memo is a
// pure cache: the same (zone, time) always gives the same answer.
//
// The "local axis": a wall-clock date-time is represented as the epoch milliseconds it would have
// if it were UTC. Adding N wall-clock days/hours is then plain addition, which is what keeps a
// 12:00–18:00 shift at 12:00–18:00 across daylight-saving changes (SCH-1).
import { Temporal } from '../kernel/time.ts';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const WEEK = 7 * DAY;

interface Transition {
  at: number; // epoch ms
  before: number; // offset ms before
  after: number; // offset ms after
}
interface Bucket {
  start: number;
  offset0: number;
  transitions: Transition[];
}

// Buckets of ~1 year; transitions are at least weeks apart in every real zone.
const BUCKET = 366 * DAY;

function computeBucket(tz: string, index: number): Bucket {
  const start = index * BUCKET;
  const end = start + BUCKET;
  let z = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(tz);
  const offset0 = z.offsetNanoseconds / 1e6;
  const transitions: Transition[] = [];
  let before = offset0;
  for (;;) {
    const next = z.getTimeZoneTransition('next');
    if (!next || next.epochMilliseconds >= end) break;
    const after = next.offsetNanoseconds / 1e6;
    transitions.push({ at: next.epochMilliseconds, before, after });
    before = after;
    z = next;
  }
  return { start, offset0, transitions };
}

/** One IANA zone with its memoised offset transitions. */
export class Zone {
  private buckets = new Map<number, Bucket>();
  private last: Bucket | null = null;
  constructor(readonly id: string) {}

  private bucket(ms: number): Bucket {
    const last = this.last;
    if (last && ms >= last.start && ms < last.start + BUCKET) return last;
    const index = Math.floor(ms / BUCKET);
    let b = this.buckets.get(index);
    if (!b) {
      b = computeBucket(this.id, index);
      this.buckets.set(index, b);
    }
    this.last = b;
    return b;
  }

  /** UTC offset (ms) at instant `ms`. */
  offsetAt(ms: number): number {
    const b = this.bucket(ms);
    let off = b.offset0;
    const ts = b.transitions;
    for (let i = 0; i < ts.length; i++) {
      if (ms >= ts[i].at) off = ts[i].after;
      else break;
    }
    return off;
  }

  /** Local-axis value of instant `ms`. */
  localOf(ms: number): number {
    return ms + this.offsetAt(ms);
  }

  private transitionIn(from: number, to: number): number {
    for (const ms of [from, to]) {
      for (const t of this.bucket(ms).transitions) if (t.at > from && t.at <= to) return t.at;
    }
    return to;
  }

  /**
   * Instant (epoch ms) of local-axis value `local`. Ambiguous wall-clock times (clocks going back)
   * take the first occurrence; wall-clock times that do not exist (clocks going forward) map to the
   * transition instant itself. Both choices keep the mapping monotonic, so consecutive shifts never
   * overlap and never leave a hole: a shift ending in the skipped hour simply ends at the jump.
   */
  toInstant(local: number): number {
    const early = this.offsetAt(local - 15 * HOUR);
    const late = this.offsetAt(local + 15 * HOUR);
    if (early === late) return local - early;
    const a = local - early;
    const b = local - late;
    const aValid = this.offsetAt(a) === early;
    const bValid = this.offsetAt(b) === late;
    if (aValid && bValid) return Math.min(a, b);
    if (aValid) return a;
    if (bValid) return b;
    return this.transitionIn(Math.min(a, b), Math.max(a, b));
  }
}

const zones = new Map<string, Zone>();

export function zone(tz: string): Zone {
  let z = zones.get(tz);
  if (!z) {
    z = new Zone(tz);
    zones.set(tz, z);
  }
  return z;
}

/** UTC offset (ms) of `tz` at instant `ms`. */
export function offsetAt(tz: string, ms: number): number {
  return zone(tz).offsetAt(ms);
}

/** Local-axis value of instant `ms` in `tz`. */
export function localOf(tz: string, ms: number): number {
  return zone(tz).localOf(ms);
}

/** Instant (epoch ms) of local-axis value `local` in `tz` (see Zone.toInstant). */
export function toInstantMs(tz: string, local: number): number {
  return zone(tz).toInstant(local);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local-axis value. */
export function weekdayOfLocal(local: number): number {
  const days = Math.floor(local / DAY);
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** Local-axis value of a wall-clock date-time. */
export function localOfPlain(p: Temporal.PlainDateTime): number {
  return p.toZonedDateTime('UTC').epochMilliseconds;
}

export function plainOfLocal(local: number): Temporal.PlainDateTime {
  return Temporal.Instant.fromEpochMilliseconds(local).toZonedDateTimeISO('UTC').toPlainDateTime();
}

/** Minutes after midnight of "HH:MM" (24:00 allowed, meaning the end of the day). */
export function parseClock(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}
