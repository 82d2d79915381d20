// RP-1: where an instant falls in a person's or a region's week. Hours are wall-clock hours in the
// zone, so across a daylight-saving change the same UTC time lands one hour apart (14:30Z is 09:30
// in New York in February and 10:30 after the second Sunday of March). Each rule takes an instant or
// its epoch milliseconds (the reports' rows carry those).
import type { Temporal } from '../kernel/time.ts';
import { addDays, wallClock } from './wall-clock.ts';

export const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

const msOf = (at: Temporal.Instant | number) => (typeof at === 'number' ? at : at.epochMilliseconds);

/** 0 = Monday 00:00–01:00 … 167 = Sunday 23:00–24:00, in `zone`. */
export function hourOfWeek(at: Temporal.Instant | number, zone: string): number {
  const z = wallClock(msOf(at), zone);
  return (z.dayOfWeek - 1) * 24 + z.hour;
}

/** Night for load reports: 22:00 to 07:00 on the person's own clock. */
export const NIGHT = { from: 22, to: 7 } as const;

export function isNight(at: Temporal.Instant | number, zone: string): boolean {
  const h = wallClock(msOf(at), zone).hour;
  return h >= NIGHT.from || h < NIGHT.to;
}

/** The three 8-hour shifts of a day, in the zone's wall-clock hours. */
export const SHIFTS: readonly { name: string; from: number; to: number }[] = [
  { name: 'night 00-08', from: 0, to: 8 },
  { name: 'day 08-16', from: 8, to: 16 },
  { name: 'evening 16-24', from: 16, to: 24 },
];

/** The local date and shift an instant falls in. */
export function shiftOf(at: Temporal.Instant | number, zone: string): { date: string; shift: string } {
  const z = wallClock(msOf(at), zone);
  return { date: z.date, shift: SHIFTS.find((s) => z.hour >= s.from && z.hour < s.to)!.name };
}

/** Monday of the instant's week in `zone`, as a date: the key of weekly trends. */
export function weekOf(at: Temporal.Instant | number, zone: string): string {
  const z = wallClock(msOf(at), zone);
  return addDays(z.dayMs, -(z.dayOfWeek - 1));
}
