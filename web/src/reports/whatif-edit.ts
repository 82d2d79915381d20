// RP-2: the copy of a rotation group the what-if screen edits, and the proposal made from it. A
// proposal holds only the rotations that changed (same ids replace the current ones), in the
// workspace format `hotline apply` reads, so the API's refusals name paths in it.
import type { Definitions, Plain } from './whatif-api.ts';

const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** The last whole calendar quarter before `now` (UTC dates): the default period to replay. */
export function lastQuarter(now: Date): { since: string; until: string } {
  const q = Math.floor(now.getUTCMonth() / 3);
  const until = new Date(Date.UTC(now.getUTCFullYear(), q * 3, 1));
  const since = new Date(Date.UTC(now.getUTCFullYear(), q * 3 - 3, 1));
  return { since: ymd(since), until: ymd(until) };
}

const idOf = (v: unknown) => (v && typeof v === 'object' && typeof (v as Plain).id === 'string' ? ((v as Plain).id as string) : '');
const refs = (o: Plain, one: string, many: string): string[] =>
  [o[one], ...(Array.isArray(o[many]) ? (o[many] as unknown[]) : [])].filter((x): x is string => typeof x === 'string');

/** The rotations a group's schedules are drawn from (a schedule without layers is its rotation). */
export function rotationsOfGroup(d: Definitions, groupId: string): Plain[] {
  const g = d.rotation_groups.find((x) => idOf(x) === groupId);
  if (!g) return [];
  const ids: string[] = [];
  for (const s of refs(g, '', 'schedules')) {
    const sched = d.schedules.find((x) => idOf(x) === s);
    const layers = sched && Array.isArray(sched.layers) ? (sched.layers as Plain[]) : [];
    for (const r of layers.length ? layers.flatMap((l) => refs(l, 'rotation', 'rotations')) : [s]) if (!ids.includes(r)) ids.push(r);
  }
  return ids.map((id) => d.rotations.find((r) => idOf(r) === id)).filter((r): r is Plain => !!r);
}

/** A member as written: an e-mail, or `{user, shadow}`. */
export const memberEmail = (m: unknown): string => (typeof m === 'string' ? m : String((m as Plain)?.user ?? ''));

/** Wall-clock windows as one line ("12:00-18:00, 20:00-22:00"), or null when some carry days. */
export function windowsText(v: unknown): string | null {
  if (v === undefined) return '';
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return null;
  return v.join(', ');
}
export const parseWindows = (text: string): string[] => text.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);

/** The rotations that differ from the current ones, as a proposal; null when nothing changed. */
export function proposalOf(current: Plain[], edited: Record<string, Plain>): { rotations: Plain[] } | null {
  const changed = current.map((r) => edited[idOf(r)]).filter((e, i): e is Plain => !!e && JSON.stringify(e) !== JSON.stringify(current[i]));
  return changed.length ? { rotations: changed } : null;
}

/** Where a refusal points: `rotations[1].members[2]` → the rotation sent second, its members. */
export function errorTarget(path: unknown, sent: Plain[]): { rotation: string; field: string } | null {
  if (typeof path !== 'string') return null;
  const m = /^rotations\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (!m) return null;
  const r = sent[Number(m[1])];
  return r ? { rotation: idOf(r), field: m[2] ?? '' } : null;
}
