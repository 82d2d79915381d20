// Wall-clock arithmetic the vendor mappers share: vendors count rotation turns from a start in the
// schedule's zone, and Hotline rotations are written as wall-clock date-times in that zone.
import { Temporal } from '../kernel/time.ts';
import type { Approximated } from './document.ts';

/** "2026-07-14T09:00" (seconds only when not zero): how a Hotline workspace writes a local start. */
export function localText(at: Temporal.Instant, tz: string): string {
  const p = at.toZonedDateTimeISO(tz).toPlainDateTime();
  const s = p.toString({ smallestUnit: 'second' });
  return s.endsWith(':00') ? s.slice(0, 16) : s;
}

export function clockText(hhmmss: string): string {
  return hhmmss.slice(0, 5);
}

/** A turn length in seconds as a Hotline hand-off rhythm, or null when it is not whole hours. */
export function handoff(seconds: number): { every: number; unit: 'hours' | 'days' | 'weeks' } | null {
  if (seconds > 0 && seconds % 604800 === 0) return { every: seconds / 604800, unit: 'weeks' };
  if (seconds > 0 && seconds % 86400 === 0) return { every: seconds / 86400, unit: 'days' };
  if (seconds > 0 && seconds % 3600 === 0) return { every: seconds / 3600, unit: 'hours' };
  return null;
}

const LOCAL_MS = { hours: 3_600_000, days: 86_400_000, weeks: 604_800_000 } as const;

/**
 * The start of the turn that contains `at`, counting turns of `rhythm` on the wall clock of `tz`
 * from `virtualStart`, and how many turns that is (negative before the virtual start).
 */
export function turnAt(virtualStart: Temporal.Instant, at: Temporal.Instant, tz: string, rhythm: { every: number; unit: 'hours' | 'days' | 'weeks' }): { turn: number; start: Temporal.Instant } {
  const vs = virtualStart.toZonedDateTimeISO(tz).toPlainDateTime();
  const a = at.toZonedDateTimeISO(tz).toPlainDateTime();
  const len = rhythm.every * LOCAL_MS[rhythm.unit];
  const diff = a.since(vs, { largestUnit: 'hours' }).total({ unit: 'milliseconds' });
  const turn = Math.floor(diff / len);
  const start = vs.add({ milliseconds: turn * len }).toZonedDateTime(tz, { disambiguation: 'compatible' }).toInstant();
  return { turn, start };
}

/** Members in the order that makes `turn` the first one. */
export function rotate<T>(list: readonly T[], turn: number): T[] {
  if (list.length === 0) return [];
  const k = ((turn % list.length) + list.length) % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * A weekly window (ISO weekday 1–7, start clock, length) as Hotline restrictions, which start on a
 * weekday and last at most a day: a Monday 09:00 + 5 days window becomes one piece per day.
 */
export function weeklyPieces(day: number, startMinutes: number, lengthMinutes: number): { days: string[]; from: string; to: string }[] {
  const out: { days: string[]; from: string; to: string }[] = [];
  let d = day - 1;
  let from = startMinutes;
  let left = lengthMinutes;
  while (left > 0) {
    const len = Math.min(left, 1440 - from);
    out.push({ days: [WEEKDAYS[d % 7]], from: hhmm(from), to: hhmm(from + len) });
    left -= len;
    from = 0;
    d++;
  }
  return out;
}

export const hhmm = (m: number): string => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h * 60 + (m || 0);
}

export function note(list: Approximated[], kind: string, source: string, how: string): void {
  list.push({ kind, source, how });
}

/**
 * Whether some turn of a rotation falls wholly outside its weekly windows. Vendors keep counting
 * such turns; a Hotline rotation does not (a turn with no hours is nobody's turn), so the order of
 * people drifts from the vendor's: the importer reports it and the proof shows where.
 * `windows`: [ISO weekday 1–7, start minute of day, length in minutes]; `offset`: minute of the week
 * (Monday 00:00 = 0) where the first turn starts.
 */
export function hasEmptyTurns(offset: number, turnMinutes: number, windows: readonly [number, number, number][]): boolean {
  if (windows.length === 0) return false;
  const WEEK = 10080;
  const g = gcd(turnMinutes, WEEK);
  const turns = WEEK / g;
  const starts = windows.map(([d, from, len]) => [(d - 1) * 1440 + from, len] as const);
  const covered = (a: number, b: number) => starts.some(([s, len]) => [s - WEEK, s, s + WEEK, s + 2 * WEEK].some((x) => x < b && x + len > a));
  for (let i = 0; i < turns; i++) {
    const a = (offset + i * turnMinutes) % WEEK;
    if (!covered(a, a + turnMinutes)) return true;
  }
  return false;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
