// Timeline geometry for the on-call page: positions as percentages of a range, day ticks in a zone,
// and the Monday that starts a week in the group's zone.
import { Temporal } from 'temporal-polyfill';

export const HOUR = 3_600_000;

export function weekStart(zone: string, offsetWeeks: number, now = Temporal.Now.instant()): { since: string; until: string } {
  const today = now.toZonedDateTimeISO(zone).toPlainDate();
  const monday = today.subtract({ days: today.dayOfWeek - 1 }).add({ weeks: offsetWeeks });
  const since = monday.toZonedDateTime({ timeZone: zone }).toInstant();
  const until = monday.add({ days: 7 }).toZonedDateTime({ timeZone: zone }).toInstant();
  return { since: since.toString(), until: until.toString() };
}

export const pct = (t: number, since: number, until: number) => Math.max(0, Math.min(100, ((t - since) / (until - since)) * 100));

/** Each local midnight of `zone` in [since, until): its position and a label such as "Mon 14". */
export function dayTicks(zone: string, since: number, until: number): { at: number; label: string }[] {
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: '2-digit', month: 'short' });
  const out: { at: number; label: string }[] = [];
  let z = Temporal.Instant.fromEpochMilliseconds(since).toZonedDateTimeISO(zone).startOfDay();
  while (z.epochMilliseconds < until) {
    if (z.epochMilliseconds >= since) out.push({ at: z.epochMilliseconds, label: fmt.format(new Date(z.epochMilliseconds)) });
    z = z.add({ days: 1 }).startOfDay();
  }
  return out;
}

export function fmtIn(zone: string, ms: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(ms));
}


