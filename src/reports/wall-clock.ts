// RP-1: the wall clock of a zone at an instant, fast enough for every row of a report. A report
// over a month asks for tens of thousands of local hours; a zone's offset is looked up once per UTC
// hour (it is the same for the whole hour unless a change falls inside it, which is checked: those
// hours are looked up instant by instant), and the fields come from plain UTC arithmetic.
import { Temporal } from '../kernel/time.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const offsets = new Map<string, Map<number, number>>();

const exactOffset = (ms: number, zone: string) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).offsetNanoseconds / 1e6;

/** The zone's offset from UTC at `ms`, in milliseconds. */
export function offsetAt(ms: number, zone: string): number {
  let byHour = offsets.get(zone);
  if (!byHour) offsets.set(zone, (byHour = new Map()));
  const h = Math.floor(ms / HOUR);
  let off = byHour.get(h);
  if (off === undefined) {
    const first = exactOffset(h * HOUR, zone);
    // NaN: the offset changes within this hour
    off = first === exactOffset(h * HOUR + HOUR - 1, zone) ? first : Number.NaN;
    if (byHour.size > 50_000) byHour.clear();
    byHour.set(h, off);
  }
  return Number.isNaN(off) ? exactOffset(ms, zone) : off;
}

export interface WallClock {
  /** YYYY-MM-DD in the zone */
  date: string;
  hour: number;
  /** 1 = Monday … 7 = Sunday */
  dayOfWeek: number;
  /** epoch ms of the local date's midnight read as UTC: days apart are 86,400,000 apart */
  dayMs: number;
}

/** The local date, hour and weekday of `ms` in `zone`. */
export function wallClock(ms: number, zone: string): WallClock {
  const local = ms + offsetAt(ms, zone);
  const dayMs = Math.floor(local / DAY) * DAY;
  const d = new Date(dayMs);
  return { date: d.toISOString().slice(0, 10), hour: Math.floor((local - dayMs) / HOUR), dayOfWeek: ((d.getUTCDay() + 6) % 7) + 1, dayMs };
}

/** A local date (YYYY-MM-DD) some days after another. */
export const addDays = (dayMs: number, days: number): string => new Date(dayMs + days * DAY).toISOString().slice(0, 10);
