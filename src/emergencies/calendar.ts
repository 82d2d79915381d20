// Weekday/weekend and business days, always judged in a named zone: the zone of the region whose
// rotation is on call (config.regions), or config.defaultZone when no region answers.
import { Temporal } from '../kernel/time.ts';
import type { EmergencyConfig } from './config.ts';
import type { Region } from './decision.ts';

export function zoneForRegion(region: Region | null, config: EmergencyConfig): string {
  return region ? config.regions[region].zone : config.defaultZone;
}

export function isBusinessDay(date: Temporal.PlainDate, config: EmergencyConfig): boolean {
  return !config.weekendDays.includes(date.dayOfWeek) && !config.holidays.includes(date.toString());
}

/** Weekend (or holiday) at `now` in `zone`. */
export function isWeekend(now: Temporal.Instant, zone: string, config: EmergencyConfig): boolean {
  return !isBusinessDay(now.toZonedDateTimeISO(zone).toPlainDate(), config);
}

/** The next business day strictly after the local date of `now` in `zone`. */
export function nextBusinessDay(now: Temporal.Instant, zone: string, config: EmergencyConfig): Temporal.PlainDate {
  let d = now.toZonedDateTimeISO(zone).toPlainDate().add({ days: 1 });
  for (let i = 0; i < 60 && !isBusinessDay(d, config); i++) d = d.add({ days: 1 });
  return d;
}

export function localDate(at: Temporal.Instant, zone: string): Temporal.PlainDate {
  return at.toZonedDateTimeISO(zone).toPlainDate();
}

export function parseDate(date: string | Temporal.PlainDate): Temporal.PlainDate {
  return typeof date === 'string' ? Temporal.PlainDate.from(date) : date;
}

export function minutesBetween(from: Temporal.Instant, to: Temporal.Instant): number {
  return (to.epochMilliseconds - from.epochMilliseconds) / 60_000;
}
