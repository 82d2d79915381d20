// SCH-9 read use cases: who is on call (per schedule, per group, the DRI), the final schedule of a
// range, coverage gaps and single-engineer hours. Everything reads one loaded snapshot.
import { invalid, notFound } from '../kernel/errors.ts';
import { Temporal, isoUtc } from '../kernel/time.ts';
import { findUsers } from '../people/index.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';
import type { SchedulesWorkspace } from './config.ts';
import { finalSchedule, onCallAt, type FinalSchedule, type OnCallNow } from './final-schedule.ts';
import { groupNextChange } from './group-next.ts';
import { coverageGaps, groupOnCallAt, renderGroup, singleEngineerIntervals, type GroupOnCall, type GroupRendering, type RotationGroup } from './group.ts';
import type { Schedule } from './schedule.ts';
import type { TimeSpan } from './span.ts';
import { loadSchedules } from './store.ts';

/** Longest range one request may render (a quarter); callers page through longer ones. */
export const MAX_RANGE_DAYS = 92;

export type Loaded = SchedulesWorkspace & { version: number };

const norm = (s: string) => s.trim().toLowerCase();

export function findSchedule(w: Loaded, ref: string): Schedule {
  const s = w.schedules.find((x) => x.id === ref) ?? w.schedules.find((x) => norm(x.name) === norm(ref));
  if (!s) throw notFound('schedule.not_found', `No schedule "${ref}"; known: ${w.schedules.map((x) => x.id).join(', ') || 'none (apply a workspace file with schedules:)'}.`, { ref });
  return s;
}

export function findGroup(w: Loaded, ref: string): RotationGroup {
  const g = w.groups.find((x) => x.id === ref) ?? w.groups.find((x) => norm(x.name) === norm(ref));
  if (!g) throw notFound('schedule.group_not_found', `No rotation group "${ref}"; known: ${w.groups.map((x) => x.id).join(', ') || 'none'}.`, { ref });
  return g;
}

export function checkRange(since: Temporal.Instant, until: Temporal.Instant): void {
  if (until.epochMilliseconds <= since.epochMilliseconds) throw invalid('schedule.bad_range', 'until must be after since; swap them or widen the range.', { since: isoUtc(since), until: isoUtc(until) });
  if (until.epochMilliseconds - since.epochMilliseconds > MAX_RANGE_DAYS * 86_400_000) throw invalid('schedule.range_too_long', `A range may span at most ${MAX_RANGE_DAYS} days; ask for several shorter ranges.`, { maxDays: MAX_RANGE_DAYS });
}

/** Display name and id of each person named in an answer, so screens show names, not e-mails. */
export type People = Record<string, { id: string; name: string }>;

export interface OnCallAnswer {
  at: string;
  schedules: OnCallNow[];
  groups: (GroupOnCall & { groupId: string; name: string; timeZone: string; until: string | null; next: { owners: string[]; dri: string | null } | null })[];
  people: People;
}

/** Names of the people with these e-mails (fallback bots and unknown addresses are left out). */
export async function peopleNamed(tx: Tx, emails: Iterable<string>): Promise<People> {
  const users = await findUsers(tx, { emails: [...new Set(emails)] });
  return Object.fromEntries(users.map((u) => [u.email, { id: u.id, name: u.name }]));
}

/** SCH-9: who is on call at `at`, for every schedule and group, or for one group. */
export async function whoIsOnCall(ctx: Ctx, q: { at?: Temporal.Instant; group?: string } = {}, tx?: Tx): Promise<OnCallAnswer> {
  const at = q.at ?? ctx.clock.now();
  return withTx(ctx, tx, async (tx) => {
    const w = await loadSchedules(tx);
    const groups = q.group ? [findGroup(w, q.group)] : w.groups;
    const schedules = q.group ? groups[0].schedules : w.schedules;
    const answer = {
      at: isoUtc(at),
      schedules: schedules.map((s) => onCallAt(s, at, w.edits)),
      groups: groups.map((g) => {
        const n = groupNextChange(g, at, w.edits);
        return { groupId: g.id, name: g.name, timeZone: g.timeZone, ...groupOnCallAt(g, at, w.edits), until: n.until ? isoUtc(n.until) : null, next: n.next };
      }),
    };
    const named = [...answer.schedules.flatMap((s) => [...s.owners, ...s.shadows]), ...answer.groups.flatMap((g) => [...g.owners, ...g.shadows, ...(g.dri.user ? [g.dri.user] : []), ...(g.next?.owners ?? []), ...(g.next?.dri ? [g.next.dri] : [])])];
    return { ...answer, people: await peopleNamed(tx, named) };
  });
}

/** SCH-9: the final, merged schedule over [since, until). */
export async function scheduleFinal(ctx: Ctx, ref: string, since: Temporal.Instant, until: Temporal.Instant, tx?: Tx): Promise<FinalSchedule & { name: string; timeZone: string }> {
  checkRange(since, until);
  return withTx(ctx, tx, async (tx) => {
    const w = await loadSchedules(tx);
    const s = findSchedule(w, ref);
    return { ...finalSchedule(s, since, until, w.edits), name: s.name, timeZone: s.timeZone };
  });
}

/** SCH-2/3/9: a group rendered over a range (each schedule's final entries and the DRI sub-schedule). */
export async function groupTimeline(ctx: Ctx, ref: string, since: Temporal.Instant, until: Temporal.Instant, tx?: Tx): Promise<GroupRendering & { groupId: string; name: string; timeZone: string; gaps: TimeSpan[]; names: Record<string, string>; people: People }> {
  checkRange(since, until);
  return withTx(ctx, tx, async (tx) => {
    const w = await loadSchedules(tx);
    const g = findGroup(w, ref);
    const r = renderGroup(g, since, until, w.edits);
    const people = await peopleNamed(tx, [...r.schedules.flatMap((s) => s.entries.map((e) => e.user)), ...r.dri.flatMap((d) => (d.user ? [d.user] : []))]);
    return { groupId: g.id, name: g.name, timeZone: g.timeZone, ...r, gaps: coverageGaps(g, since, until, w.edits), names: Object.fromEntries(g.schedules.map((s) => [s.id, s.name])), people };
  });
}

export interface GapsReport {
  ref: string;
  kind: 'group' | 'schedule';
  since: string;
  until: string;
  gaps: TimeSpan[];
  singleEngineer: { intervals: TimeSpan[]; hours: number };
}

/**
 * SCH-9: coverage gaps and single-engineer hours over the next `days`. `ref` is a rotation group
 * (gaps against its coverage hours) or a schedule (gaps where nobody owns pages).
 */
export async function scheduleGaps(ctx: Ctx, ref: string, days: number, from?: Temporal.Instant, tx?: Tx): Promise<GapsReport> {
  if (!Number.isInteger(days) || days < 1 || days > MAX_RANGE_DAYS) throw invalid('schedule.bad_days', `days must be a whole number from 1 to ${MAX_RANGE_DAYS}.`, { days });
  const since = from ?? ctx.clock.now();
  const until = since.add({ hours: 24 * days });
  return withTx(ctx, tx, async (tx) => {
    const w = await loadSchedules(tx);
    const g = w.groups.find((x) => x.id === ref || norm(x.name) === norm(ref));
    const group: RotationGroup = g ?? (() => {
      const s = findSchedule(w, ref);
      return { id: s.id, name: s.name, timeZone: s.timeZone, schedules: [s], coverage: [], dri: [] };
    })();
    return {
      ref: group.id,
      kind: g ? 'group' : 'schedule',
      since: isoUtc(since),
      until: isoUtc(until),
      gaps: g ? coverageGaps(group, since, until, w.edits) : finalSchedule(group.schedules[0], since, until, w.edits).gaps,
      singleEngineer: singleEngineerIntervals(group, since, until, w.edits),
    };
  });
}
