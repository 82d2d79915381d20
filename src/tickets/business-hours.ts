// TK-7: business-hours calendars. Opening hours are wall-clock times in an IANA zone, so every
// window is converted to instants day by day: a night, a weekend, a holiday or a DST change
// shifts the due instant exactly as the local clock does.
import { Temporal } from '../kernel/time.ts';
import { invalid } from '../kernel/errors.ts';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
/** Local wall-clock range; `end` may be "24:00" (end of the day). Ranges do not cross midnight. */
export interface TimeRange { start: string; end: string }

export interface BusinessCalendar {
  id: string;
  name?: string;
  timeZone: string;
  weekly: Partial<Record<Weekday, TimeRange[]>>;
  /** Local dates (YYYY-MM-DD) with no business hours at all. */
  holidays: string[];
}

const ALL_DAY: TimeRange[] = [{ start: '00:00', end: '24:00' }];

export const CALENDAR_24X7: BusinessCalendar = {
  id: '24x7', name: 'Always open', timeZone: 'UTC',
  weekly: { 1: ALL_DAY, 2: ALL_DAY, 3: ALL_DAY, 4: ALL_DAY, 5: ALL_DAY, 6: ALL_DAY, 7: ALL_DAY }, holidays: [],
};

/**
 * Demo "24x5" (TK-7): Monday 00:00 to Friday 24:00. The seeds do not say in which zone the week
 * starts; the demo uses America/Los_Angeles (the seeds' support hours are given in Pacific Time).
 */
export const DEMO_CALENDAR_24X5: BusinessCalendar = {
  id: '24x5', name: '24x5 (Mon–Fri, Pacific Time)', timeZone: 'America/Los_Angeles',
  weekly: { 1: ALL_DAY, 2: ALL_DAY, 3: ALL_DAY, 4: ALL_DAY, 5: ALL_DAY }, holidays: [],
};

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
/** Longest stretch searched for open time before a calendar counts as empty. */
const MAX_SCAN_DAYS = 3 * 366;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function zoneOk(tz: string): boolean {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(tz);
    return true;
  } catch {
    return false;
  }
}

/** Checks a calendar from configuration; throws invalid('sla.bad_calendar', …). */
export function validateCalendar(cal: BusinessCalendar): BusinessCalendar {
  const fail = (message: string): never => { throw invalid('sla.bad_calendar', `Calendar "${cal.id}": ${message}`, { calendarId: cal.id }); };
  if (!zoneOk(cal.timeZone)) fail(`"${cal.timeZone}" is not an IANA time zone (e.g. America/New_York).`);
  let open = 0;
  for (const [day, ranges] of Object.entries(cal.weekly)) {
    if (!/^[1-7]$/.test(day)) fail(`weekday "${day}" must be 1 (Monday) … 7 (Sunday).`);
    const sorted = [...(ranges ?? [])].sort((a, b) => a.start.localeCompare(b.start));
    sorted.forEach((r, i) => {
      if (!HHMM.test(r.start) || r.start === '24:00' || !HHMM.test(r.end)) fail(`range ${r.start}–${r.end} on day ${day}: use HH:MM (end may be 24:00).`);
      if (minutesOf(r.end) <= minutesOf(r.start)) fail(`range ${r.start}–${r.end} on day ${day} ends before it starts; split ranges at midnight.`);
      if (i > 0 && minutesOf(r.start) < minutesOf(sorted[i - 1].end)) fail(`ranges on day ${day} overlap.`);
      open++;
    });
  }
  if (open === 0) fail('it has no opening hours; add at least one weekly range.');
  for (const h of cal.holidays) {
    try { Temporal.PlainDate.from(h, { overflow: 'reject' }); } catch { fail(`holiday "${h}" is not a date (YYYY-MM-DD).`); }
  }
  return cal;
}

function at(date: Temporal.PlainDate, hhmm: string, tz: string): Temporal.Instant {
  if (hhmm === '24:00') return date.add({ days: 1 }).toZonedDateTime({ timeZone: tz }).toInstant();
  // 'compatible': a start inside a spring-forward gap moves to the first valid instant after it.
  return date.toZonedDateTime({ timeZone: tz, plainTime: Temporal.PlainTime.from(hhmm) }).toInstant();
}

/** Open windows [start, end) in time order, from the local day containing `from` onwards. */
export function* openWindows(cal: BusinessCalendar, from: Temporal.Instant, maxDays = MAX_SCAN_DAYS): Generator<[Temporal.Instant, Temporal.Instant]> {
  const holidays = new Set(cal.holidays);
  let day = from.toZonedDateTimeISO(cal.timeZone).toPlainDate();
  for (let i = 0; i < maxDays; i++, day = day.add({ days: 1 })) {
    if (holidays.has(day.toString())) continue;
    const ranges = [...(cal.weekly[day.dayOfWeek as Weekday] ?? [])].sort((a, b) => a.start.localeCompare(b.start));
    for (const r of ranges) {
      const s = at(day, r.start, cal.timeZone);
      const e = at(day, r.end, cal.timeZone);
      if (Temporal.Instant.compare(e, s) > 0) yield [s, e];
    }
  }
}

const later = (a: Temporal.Instant, b: Temporal.Instant) => (Temporal.Instant.compare(a, b) >= 0 ? a : b);

/** Adds `ms` of open time to `start`. */
export function addBusinessMs(start: Temporal.Instant, ms: number, cal: BusinessCalendar): Temporal.Instant {
  if (ms <= 0) return start;
  let remaining = ms;
  for (const [s, e] of openWindows(cal, start)) {
    const from = later(s, start);
    const avail = e.epochMilliseconds - from.epochMilliseconds;
    if (avail <= 0) continue;
    if (remaining <= avail) return from.add({ milliseconds: remaining });
    remaining -= avail;
  }
  throw invalid('sla.calendar_empty', `Calendar "${cal.id}" has no open time within ${MAX_SCAN_DAYS} days of ${start.toString()}; check its weekly hours and holidays.`, { calendarId: cal.id });
}

/** Open time between two instants, in milliseconds (0 when `to` is not after `from`). */
export function businessMsBetween(from: Temporal.Instant, to: Temporal.Instant, cal: BusinessCalendar): number {
  if (Temporal.Instant.compare(to, from) <= 0) return 0;
  const days = Math.ceil((to.epochMilliseconds - from.epochMilliseconds) / 86_400_000) + 2;
  let total = 0;
  for (const [s, e] of openWindows(cal, from, days)) {
    if (Temporal.Instant.compare(s, to) >= 0) break;
    const a = later(s, from);
    const b = Temporal.Instant.compare(e, to) < 0 ? e : to;
    if (Temporal.Instant.compare(b, a) > 0) total += b.epochMilliseconds - a.epochMilliseconds;
  }
  return total;
}

export function isWithinBusinessHours(instant: Temporal.Instant, cal: BusinessCalendar): boolean {
  for (const [s, e] of openWindows(cal, instant.subtract({ hours: 48 }), 5)) {
    if (Temporal.Instant.compare(s, instant) <= 0 && Temporal.Instant.compare(instant, e) < 0) return true;
  }
  return false;
}

/** `dueAt(start, 240, calendar)`: the instant after 240 business minutes. */
export function dueAt(start: Temporal.Instant, minutes: number, cal: BusinessCalendar): Temporal.Instant {
  return addBusinessMs(start, minutes * 60_000, cal);
}
