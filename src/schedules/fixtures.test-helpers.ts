// Builders for schedule tests: fixed instants, small rotations and schedules.
import { Temporal } from '../kernel/time.ts';
import type { Restriction } from './restriction.ts';
import type { Member, MembershipVersion, Rhythm, Rotation } from './rotation.ts';
import type { Layer, Schedule } from './schedule.ts';

export const I = (iso: string) => Temporal.Instant.from(iso);
export const wall = (iso: string, tz: string) => Temporal.PlainDateTime.from(iso).toZonedDateTime(tz).toInstant();

export function rotation(p: {
  id?: string;
  tz: string;
  start: Temporal.Instant;
  rhythm: Rhythm;
  members: (string | Member)[];
  restrictions?: Restriction[];
  changes?: MembershipVersion[];
  mode?: 'rotate' | 'all';
}): Rotation {
  return {
    id: p.id ?? 'r',
    name: p.id ?? 'r',
    timeZone: p.tz,
    start: p.start,
    rhythm: p.rhythm,
    restrictions: p.restrictions ?? [],
    versions: [{ from: p.start, members: p.members.map((m) => (typeof m === 'string' ? { user: m } : m)) }, ...(p.changes ?? [])],
    ...(p.mode ? { mode: p.mode } : {}),
  };
}

export function schedule(id: string, layers: Rotation[][], extra: Partial<Schedule> = {}): Schedule {
  const ls: Layer[] = layers.map((rots, i) => ({ id: `l${i + 1}`, name: `Layer ${i + 1}`, rotations: rots }));
  return { id, name: id, timeZone: layers[0][0].timeZone, layers: ls, ...extra };
}

/** Compact form of entries/shifts for assertions: "user start–end" in UTC. */
export function brief(xs: readonly { user: string; start: Temporal.Instant; end: Temporal.Instant; shadow?: boolean }[]): string[] {
  const t = (i: Temporal.Instant) => i.toString().replace(':00Z', 'Z');
  return xs.map((x) => `${x.user}${x.shadow ? '(shadow)' : ''} ${t(x.start)}–${t(x.end)}`);
}

export const hours = (a: Temporal.Instant, b: Temporal.Instant) => (b.epochMilliseconds - a.epochMilliseconds) / 3_600_000;
