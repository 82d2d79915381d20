// The replayed day: which day, where it starts, and how its instants read on the progress lines.
// The day is a New York calendar day because the demo's shift changes (SCH-10) are New York times.
import { Temporal } from 'temporal-polyfill';

export const REPLAY_ZONE = 'America/New_York';

export type DayResult = { ok: true; day: Temporal.PlainDate } | { ok: false; message: string };

/** --day YYYY-MM-DD, or the day before `now` in New York; a day not yet over cannot be replayed. */
export function replayDay(arg: string | undefined, now: Temporal.Instant): DayResult {
  const today = now.toZonedDateTimeISO(REPLAY_ZONE).toPlainDate();
  if (arg === undefined) return { ok: true, day: today.subtract({ days: 1 }) };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(arg)) return { ok: false, message: `--day must be a date as YYYY-MM-DD, not "${arg}".` };
  let day: Temporal.PlainDate;
  try {
    day = Temporal.PlainDate.from(arg, { overflow: 'reject' });
  } catch {
    return { ok: false, message: `--day ${arg} is not a calendar date.` };
  }
  if (Temporal.PlainDate.compare(day, today) >= 0) return { ok: false, message: `--day ${arg} is not over yet in New York (today is ${today}); replay a past day.` };
  return { ok: true, day };
}

/** 00:00 New York on the day (midnight exists on every DST change day in New York). */
export const dayStart = (day: Temporal.PlainDate): Temporal.Instant => day.toZonedDateTime({ timeZone: REPLAY_ZONE }).toInstant();

/** The instant of a New York wall-clock time on the day; a time in a DST gap moves forward. */
export const wallClock = (day: Temporal.PlainDate, hh: number, mm: number): Temporal.Instant =>
  day.toZonedDateTime({ timeZone: REPLAY_ZONE, plainTime: Temporal.PlainTime.from({ hour: hh, minute: mm }) }).toInstant();

/** The end of the replayed day: 00:00 New York the next day. */
export const dayEnd = (day: Temporal.PlainDate): Temporal.Instant => dayStart(day.add({ days: 1 }));

/** "09:14 NY" for the progress lines. */
export function nyTime(at: Temporal.Instant): string {
  const z = at.toZonedDateTimeISO(REPLAY_ZONE);
  return `${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')} NY`;
}

export const isWeekend = (day: Temporal.PlainDate): boolean => day.dayOfWeek >= 6;
