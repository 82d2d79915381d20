// SCH-2, SCH-9: a schedule stacks rotation layers; the highest layer that has someone (a non-shadow
// member) at an instant wins there, and every person of that layer is on (several at once when a
// layer holds several rotations, or a rotation in 'all' mode).
import type { Restriction } from './restriction.ts';
import { mergeIntervals, type Interval } from './restriction.ts';
import { rotationShiftsMs, type Rotation } from './rotation.ts';

export interface Layer {
  id: string;
  name: string;
  rotations: Rotation[];
}

/** SCH-5/SCH-6: who takes the gaps the schedule declares coverable (e.g. the support bot). */
export interface Fallback {
  user: string;
  /** Windows (schedule time zone) in which a gap goes to the fallback user; empty = always. */
  coverable: Restriction[];
}

export interface Schedule {
  id: string;
  name: string;
  /** Display zone, and the zone of the fallback's coverable windows. */
  timeZone: string;
  /** Bottom first: a later layer wins over an earlier one where it has someone. */
  layers: Layer[];
  fallback?: Fallback;
}

export type EntrySource =
  | { kind: 'layer'; layerId: string; rotationId: string }
  | { kind: 'swap'; swapId: string; layerId: string; rotationId: string }
  | { kind: 'override'; overrideId: string }
  | { kind: 'fallback' };

/** A piece of the final schedule in epoch milliseconds (internal form). */
export interface RawEntry {
  user: string;
  start: number;
  end: number;
  shadow: boolean;
  source: EntrySource;
  key: string;
  /** Precedence when one person has overlapping pieces: fallback 0 / shadow 0 < layer 1 < swap 2 < overrides 3, 4, … */
  rank: number;
}

/** First index of `list` (sorted, non-overlapping) whose end is after `at`. */
function firstEndingAfter(list: readonly Interval[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Parts of [s, e) not covered by `reserved` (sorted, non-overlapping). */
export function uncovered(s: number, e: number, reserved: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let cur = s;
  for (let j = firstEndingAfter(reserved, s); j < reserved.length && reserved[j].start < e; j++) {
    if (reserved[j].start > cur) out.push({ start: cur, end: reserved[j].start });
    cur = Math.max(cur, reserved[j].end);
  }
  if (cur < e) out.push({ start: cur, end: e });
  return out;
}

/** Entries of the layers alone (no overrides, swaps or fallback) over [fromMs, toMs). */
export function layeredEntriesMs(schedule: Schedule, fromMs: number, toMs: number): RawEntry[] {
  const out: RawEntry[] = [];
  let reserved: Interval[] = [];
  for (let li = schedule.layers.length - 1; li >= 0; li--) {
    const layer = schedule.layers[li];
    const owned: Interval[] = [];
    for (const rot of layer.rotations) {
      for (const sh of rotationShiftsMs(rot, fromMs, toMs)) {
        if (!sh.shadow) owned.push({ start: sh.start, end: sh.end });
        const source: EntrySource = { kind: 'layer', layerId: layer.id, rotationId: rot.id };
        for (const p of reserved.length ? uncovered(sh.start, sh.end, reserved) : [sh]) {
          const key = p.start === sh.start ? sh.key : `${sh.key}@${p.start}`;
          out.push({ user: sh.user, start: p.start, end: p.end, shadow: sh.shadow, source, key, rank: sh.shadow ? 0 : 1 });
        }
      }
    }
    if (owned.length) reserved = mergeIntervals(reserved.concat(owned));
  }
  if (schedule.layers.length > 1 || schedule.layers[0]?.rotations.length > 1) out.sort((a, b) => a.start - b.start);
  return out;
}

export function findLayer(schedule: Schedule, layerId: string): Layer | undefined {
  return schedule.layers.find((l) => l.id === layerId);
}

/** Every person who can appear on the schedule's layers (any membership version). */
export function scheduleMembers(schedule: Schedule): { users: string[]; shadows: string[] } {
  const users = new Set<string>();
  const shadows = new Set<string>();
  for (const l of schedule.layers)
    for (const r of l.rotations) {
      for (const v of r.versions) for (const m of v.members) (m.shadow ? shadows : users).add(m.user);
      for (const sp of r.ical?.spans ?? []) users.add(sp.user);
    }
  return { users: [...users], shadows: [...shadows] };
}
