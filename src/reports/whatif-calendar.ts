// RP-2: the calendar of a what-if: the weeks a period is cut into (Monday 00:00 in the report's zone,
// so a DST week is still one week of wall-clock days) and what counts as a night page.
import { Temporal } from '../kernel/time.ts';

/** A page outside these local hours wakes someone: 22:00–07:00 in the person's own zone. */
export const NIGHT_FROM_HOUR = 22;
export const NIGHT_TO_HOUR = 7;

export interface Week {
  /** The Monday that starts it, as YYYY-MM-DD in the report's zone. */
  week: string;
  startMs: number;
  endMs: number;
}

/** Monday-to-Monday weeks covering [since, until), the first and last clipped to the period. */
export function weeksOf(sinceMs: number, untilMs: number, zone: string): Week[] {
  const first = Temporal.Instant.fromEpochMilliseconds(sinceMs).toZonedDateTimeISO(zone).toPlainDate();
  let monday = first.subtract({ days: first.dayOfWeek - 1 });
  const out: Week[] = [];
  for (;;) {
    const start = monday.toZonedDateTime({ timeZone: zone }).toInstant().epochMilliseconds;
    const next = monday.add({ weeks: 1 });
    const end = next.toZonedDateTime({ timeZone: zone }).toInstant().epochMilliseconds;
    if (start >= untilMs) break;
    out.push({ week: monday.toString(), startMs: Math.max(start, sinceMs), endMs: Math.min(end, untilMs) });
    monday = next;
  }
  return out;
}

/** The index of the week holding `ms` (weeks sorted, contiguous), or -1 outside them. */
export function weekIndex(weeks: readonly Week[], ms: number): number {
  let lo = 0;
  let hi = weeks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ms < weeks[mid].startMs) hi = mid - 1;
    else if (ms >= weeks[mid].endMs) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Hours of [start, end) falling in each week, added into `into` (one slot per week). */
export function addHoursByWeek(weeks: readonly Week[], startMs: number, endMs: number, into: number[]): void {
  for (let i = Math.max(0, weekIndex(weeks, startMs)); i < weeks.length && weeks[i].startMs < endMs; i++) {
    const s = Math.max(startMs, weeks[i].startMs);
    const e = Math.min(endMs, weeks[i].endMs);
    if (e > s) into[i] += (e - s) / 3_600_000;
  }
}

// A year of pages asks for the local hour thousands of times; a zone's offset is the same for a
// whole UTC hour (zones move by whole or half hours, at the top of an hour), so it is looked up once.
const localHours = new Map<string, Map<number, number>>();

/** Whether a page at `ms` reaches a person in `zone` at night. */
export function isNight(ms: number, zone: string): boolean {
  let byHour = localHours.get(zone);
  if (!byHour) localHours.set(zone, (byHour = new Map()));
  const utcHour = Math.floor(ms / 3_600_000);
  let offsetMin = byHour.get(utcHour);
  if (offsetMin === undefined) {
    offsetMin = Temporal.Instant.fromEpochMilliseconds(utcHour * 3_600_000).toZonedDateTimeISO(zone).offsetNanoseconds / 60e9;
    if (byHour.size > 50_000) byHour.clear();
    byHour.set(utcHour, offsetMin);
  }
  const h = Math.floor((((ms / 60_000 + offsetMin) % 1440) + 1440) % 1440 / 60);
  return h >= NIGHT_FROM_HOUR || h < NIGHT_TO_HOUR;
}
