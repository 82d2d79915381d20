// Small readers for the plain data a workspace YAML file gives; each failure is a DomainError
// that names the path of the bad value and says what to write instead.
import { Temporal, isValidTimeZone } from '../kernel/time.ts';
import { invalid } from '../kernel/errors.ts';
import type { Restriction, Weekday } from './restriction.ts';
import { parseClock } from './zone.ts';

export type Plain = Record<string, unknown>;

export function obj(v: unknown, path: string): Plain {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw invalid('schedules.bad_shape', `${path} must be a mapping (key: value).`, { path });
  return v as Plain;
}

export function list(v: unknown, path: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalid('schedules.bad_shape', `${path} must be a list.`, { path });
  return v;
}

export function str(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw invalid('schedules.missing_field', `${path} is required and must be a non-empty string.`, { path });
  return v.trim();
}

export function optStr(v: unknown, path: string): string | undefined {
  return v === undefined || v === null ? undefined : str(v, path);
}

export function num(v: unknown, path: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw invalid('schedules.bad_number', `${path} must be a whole number from ${min} to ${max}.`, { path, value: v });
  return v;
}

export function timeZone(v: unknown, path: string): string {
  const tz = str(v, path);
  if (!isValidTimeZone(tz)) throw invalid('schedules.unknown_time_zone', `${path}: "${tz}" is not an IANA time zone; use a name such as America/New_York or Europe/London.`, { path, value: tz });
  return tz;
}

export function clock(v: unknown, path: string): string {
  const s = typeof v === 'number' ? String(v) : str(v, path);
  if (parseClock(s) === null) throw invalid('schedules.bad_clock', `${path}: "${s}" is not a wall-clock time; write HH:MM, e.g. 12:00 or 24:00.`, { path, value: s });
  return s.trim().padStart(5, '0');
}

/**
 * An instant: ISO with Z or an offset ("2026-07-14T16:00:00Z"), or a wall-clock date-time read in
 * `tz` ("2026-07-14T12:00", "2026-07-14"). Wall-clock inside a DST gap moves forward.
 */
export function instantIn(v: unknown, tz: string, path: string): Temporal.Instant {
  const s = v instanceof Date ? v.toISOString() : str(v, path);
  try {
    if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(s)) return Temporal.Instant.from(s);
    return Temporal.PlainDateTime.from(s).toZonedDateTime(tz, { disambiguation: 'compatible' }).toInstant();
  } catch {
    throw invalid('schedules.bad_instant', `${path}: "${s}" is not a date-time; write 2026-07-14T12:00 (wall clock in ${tz}) or 2026-07-14T16:00:00Z.`, { path, value: s });
  }
}

const DAY_NAMES: Record<string, Weekday> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };
const DAY_SETS: Record<string, Weekday[]> = { weekdays: [1, 2, 3, 4, 5], weekends: [6, 7], all: [1, 2, 3, 4, 5, 6, 7] };

export function days(v: unknown, path: string): Weekday[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' && DAY_SETS[v.toLowerCase()]) return DAY_SETS[v.toLowerCase()];
  const out: Weekday[] = [];
  for (const [i, d] of list(v, path).entries()) {
    const key = typeof d === 'string' ? d.toLowerCase().slice(0, 3) : '';
    const n = typeof d === 'number' ? d : DAY_NAMES[key];
    if (!n || n < 1 || n > 7 || !Number.isInteger(n)) throw invalid('schedules.bad_day', `${path}[${i}]: "${String(d)}" is not a weekday; use mon…sun, 1…7, or the words weekdays/weekends/all.`, { path, value: d });
    out.push(n as Weekday);
  }
  if (out.length === 0) throw invalid('schedules.bad_day', `${path} is empty; leave it out to mean every day.`, { path });
  return [...new Set(out)].sort();
}

/** "12:00-18:00" or { from, to } (plus days). */
export function window(v: unknown, path: string): Restriction {
  if (typeof v === 'string') {
    const m = /^\s*(\S+)\s*[-–]\s*(\S+)\s*$/.exec(v);
    if (!m) throw invalid('schedules.bad_clock', `${path}: "${v}" is not a window; write 12:00-18:00.`, { path, value: v });
    return { from: clock(m[1], path), to: clock(m[2], path) };
  }
  const o = obj(v, path);
  const d = days(o.days, `${path}.days`);
  return { ...(d ? { days: d } : {}), from: clock(o.from, `${path}.from`), to: clock(o.to, `${path}.to`) };
}

export function windows(v: unknown, path: string): Restriction[] {
  return list(v, path).map((w, i) => window(w, `${path}[${i}]`));
}

export function uniqueIds<T extends { id: string }>(items: T[], path: string): Map<string, T> {
  const m = new Map<string, T>();
  for (const it of items) {
    if (m.has(it.id)) throw invalid('schedules.duplicate_id', `${path}: id "${it.id}" is used twice; give each one its own id.`, { path, id: it.id });
    m.set(it.id, it);
  }
  return m;
}
