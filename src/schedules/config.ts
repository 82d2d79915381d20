// The workspace shape for schedules as plain data (what `hotline apply -f workspace.yaml` reads),
// turned into validated model objects. Top-level keys owned by schedules: rotations, schedules,
// rotation_groups, schedule_overrides, schedule_swaps; every other key is ignored here.
import { invalid } from '../kernel/errors.ts';
import type { Temporal } from '../kernel/time.ts';
import { days, instantIn, list, num, obj, optStr, str, timeZone, uniqueIds, window, windows, type Plain } from './config-parse.ts';
import { DEMO_HANDOFF_REMINDER_MINUTES, ICAL_REFRESH_MINUTES } from './defaults.ts';
import type { Edits, Override, Swap } from './final-schedule.ts';
import type { DriWindow, RotationGroup } from './group.ts';
import type { IcalFeed, Member, MembershipVersion, Rhythm, Rotation } from './rotation.ts';
import { scheduleMembers, type Layer, type Schedule } from './schedule.ts';

export { DEMO_HANDOFF_REMINDER_MINUTES, HANDOFF_REMINDER_RANGE_MINUTES } from './defaults.ts';

/** SCH-2: AMER overlapping schedules (America/New_York). */
export const DEMO_AMER_ZONE = 'America/New_York';
export const DEMO_AMER_WINDOWS = [
  { id: 'amer-1', name: 'AMER 1', from: '12:00', to: '18:00' },
  { id: 'amer-2', name: 'AMER 2', from: '13:00', to: '19:00' },
  { id: 'amer-3', name: 'AMER 3', from: '14:00', to: '20:00' },
] as const;
/** SCH-3: the DRI sub-schedule of the AMER group. */
export const DEMO_AMER_DRI = [
  { schedule: 'amer-1', from: '12:00', to: '14:30' },
  { schedule: 'amer-2', from: '14:30', to: '17:30' },
  { schedule: 'amer-3', from: '17:30', to: '20:00' },
] as const;
/** SCH-5: US-government shifts (America/Los_Angeles); the older variant had two 6-hour shifts. */
export const DEMO_USGOV_ZONE = 'America/Los_Angeles';
export const DEMO_USGOV_SHIFTS = ['05:00-13:00', '13:00-21:00', '21:00-05:00'] as const;
export const DEMO_USGOV_ENTITLED_HOURS = { from: '05:00', to: '17:00' } as const;
/** SCH-6: the bot that takes a weekday US-government shift an engineer gives up. */
export const DEMO_FALLBACK_USER = 'support-bot@example.com';

export interface SchedulesWorkspace {
  rotations: Rotation[];
  schedules: Schedule[];
  groups: RotationGroup[];
  edits: Required<Edits>;
}

export interface ParseOptions {
  /** When given, every person named must be one of these (the workspace's people). */
  knownUsers?: readonly string[];
}

function member(v: unknown, path: string, known: Set<string> | null): Member {
  const m: Member = typeof v === 'string' ? { user: v.trim() } : { user: str(obj(v, path).user, `${path}.user`), ...((v as Plain).shadow ? { shadow: true } : {}) };
  checkUser(m.user, path, known);
  return m;
}

function checkUser(user: string, path: string, known: Set<string> | null): void {
  if (known && !known.has(user)) throw invalid('schedules.unknown_user', `${path}: ${user} is not a person of this workspace; add them to the people list first or fix the e-mail.`, { path, user });
}

function rhythm(o: Plain, path: string): Rhythm {
  if (o.handoff !== undefined && o.windows !== undefined) throw invalid('schedules.bad_rhythm', `${path}: give either handoff (every N hours/days/weeks) or windows (daily shifts), not both.`, { path });
  if (o.windows !== undefined) {
    const ws = windows(o.windows, `${path}.windows`);
    if (ws.length === 0) throw invalid('schedules.bad_rhythm', `${path}.windows is empty; list the daily shifts, e.g. ["12:00-18:00"].`, { path });
    const d = days(o.days, `${path}.days`);
    return { kind: 'windows', windows: ws.map((w) => ({ from: w.from, to: w.to })), ...(d ? { days: d } : {}) };
  }
  const h = obj(o.handoff ?? { every: 1, unit: 'weeks' }, `${path}.handoff`);
  const unit = str(h.unit ?? 'weeks', `${path}.handoff.unit`);
  if (unit !== 'hours' && unit !== 'days' && unit !== 'weeks') throw invalid('schedules.bad_rhythm', `${path}.handoff.unit must be hours, days or weeks (got "${unit}").`, { path, value: unit });
  return { kind: 'interval', every: num(h.every ?? 1, `${path}.handoff.every`, 1, 9000), unit };
}

function rotation(v: unknown, i: number, known: Set<string> | null): Rotation {
  const path = `rotations[${i}]`;
  const o = obj(v, path);
  const id = str(o.id, `${path}.id`);
  const tz = timeZone(o.time_zone, `${path}.time_zone`);
  const start = instantIn(o.start, tz, `${path}.start`);
  const end = o.end === undefined ? undefined : instantIn(o.end, tz, `${path}.end`);
  if (end && end.epochMilliseconds <= start.epochMilliseconds) throw invalid('schedules.end_before_start', `${path}: end is not after start; move end later or remove it.`, { path });
  let members = list(o.members, `${path}.members`).map((m, j) => member(m, `${path}.members[${j}]`, known));
  const versions: MembershipVersion[] = [{ from: start, members }];
  let last = start.epochMilliseconds;
  for (const [j, c] of list(o.changes, `${path}.changes`).entries()) {
    const cp = `${path}.changes[${j}]`;
    const co = obj(c, cp);
    const at = instantIn(co.at, tz, `${cp}.at`);
    if (at.epochMilliseconds <= last) throw invalid('schedules.changes_out_of_order', `${cp}.at must be after the rotation start and after the previous change.`, { path: cp });
    last = at.epochMilliseconds;
    if (co.members !== undefined) members = list(co.members, `${cp}.members`).map((m, k) => member(m, `${cp}.members[${k}]`, known));
    else {
      const remove = list(co.remove, `${cp}.remove`).map((u, k) => str(u, `${cp}.remove[${k}]`));
      for (const u of remove) if (!members.some((m) => m.user === u)) throw invalid('schedules.unknown_member', `${cp}.remove: ${u} is not a member of rotation ${id} at that date.`, { path: cp, user: u });
      const add = list(co.add, `${cp}.add`).map((m, k) => member(m, `${cp}.add[${k}]`, known));
      members = [...members.filter((m) => !remove.includes(m.user)), ...add.filter((a) => !members.some((m) => m.user === a.user))];
    }
    const startWith = optStr(co.start_with, `${cp}.start_with`);
    if (startWith && !members.some((m) => m.user === startWith)) throw invalid('schedules.unknown_member', `${cp}.start_with: ${startWith} is not in the rotation's members from that date.`, { path: cp, user: startWith });
    versions.push({ from: at, members, ...(startWith ? { startWith } : {}) });
  }
  const mode = o.mode === undefined ? 'rotate' : str(o.mode, `${path}.mode`);
  if (mode !== 'rotate' && mode !== 'all') throw invalid('schedules.bad_mode', `${path}.mode must be rotate or all.`, { path });
  const ical = icalFeed(o, path);
  return {
    id,
    name: optStr(o.name, `${path}.name`) ?? id,
    timeZone: tz,
    start,
    ...(end ? { end } : {}),
    rhythm: rhythm(o, path),
    restrictions: windows(o.restrictions, `${path}.restrictions`),
    versions,
    ...(mode === 'all' ? { mode: 'all' as const } : {}),
    ...(ical ? { ical } : {}),
  };
}

/** `ical_url` (+ `refresh_minutes`, default 15): the rotation follows that feed, read-only. */
function icalFeed(o: Plain, path: string): IcalFeed | undefined {
  if (o.ical_url === undefined) {
    if (o.refresh_minutes !== undefined) throw invalid('schedules.bad_ical', `${path}.refresh_minutes applies to a rotation with ical_url only.`, { path });
    return undefined;
  }
  const url = str(o.ical_url, `${path}.ical_url`).trim();
  let ok = false;
  try { ok = ['http:', 'https:'].includes(new URL(url).protocol); } catch { ok = false; }
  if (!ok) throw invalid('schedules.bad_ical', `${path}.ical_url must be an http or https URL of an iCalendar (.ics) feed.`, { path, value: url });
  if (o.handoff !== undefined || o.windows !== undefined || o.changes !== undefined) throw invalid('schedules.bad_ical', `${path}: a rotation that follows ical_url takes its shifts from the feed; remove handoff, windows and changes.`, { path });
  return { url, refreshMinutes: o.refresh_minutes === undefined ? ICAL_REFRESH_MINUTES : num(o.refresh_minutes, `${path}.refresh_minutes`, 1, 1440), spans: [] };
}

function schedule(v: unknown, i: number, rotations: Map<string, Rotation>, known: Set<string> | null): Schedule {
  const path = `schedules[${i}]`;
  const o = obj(v, path);
  const id = str(o.id, `${path}.id`);
  const layers: Layer[] = list(o.layers, `${path}.layers`).map((l, j) => {
    const lp = `${path}.layers[${j}]`;
    const lo = obj(l, lp);
    const ids = lo.rotation !== undefined ? [str(lo.rotation, `${lp}.rotation`)] : list(lo.rotations, `${lp}.rotations`).map((r, k) => str(r, `${lp}.rotations[${k}]`));
    if (ids.length === 0) throw invalid('schedules.empty_layer', `${lp} names no rotation; add rotation: <id>.`, { path: lp });
    const rots = ids.map((rid) => {
      const r = rotations.get(rid);
      if (!r) throw invalid('schedules.unknown_rotation', `${lp}: no rotation with id "${rid}"; define it under rotations.`, { path: lp, id: rid });
      return r;
    });
    return { id: optStr(lo.id, `${lp}.id`) ?? `layer-${j + 1}`, name: optStr(lo.name, `${lp}.name`) ?? `Layer ${j + 1}`, rotations: rots };
  });
  if (layers.length === 0) throw invalid('schedules.no_layers', `${path} has no layers; add layers: [{ rotation: <id> }].`, { path });
  let fallback: Schedule['fallback'];
  if (o.fallback !== undefined) {
    const f = obj(o.fallback, `${path}.fallback`);
    const user = str(f.user, `${path}.fallback.user`);
    checkUser(user, `${path}.fallback.user`, known);
    fallback = { user, coverable: windows(f.coverable, `${path}.fallback.coverable`) };
  }
  return { id, name: optStr(o.name, `${path}.name`) ?? id, timeZone: o.time_zone === undefined ? layers[0].rotations[0].timeZone : timeZone(o.time_zone, `${path}.time_zone`), layers, ...(fallback ? { fallback } : {}) };
}

function group(v: unknown, i: number, schedules: Map<string, Schedule>, known: Set<string> | null): RotationGroup {
  const path = `rotation_groups[${i}]`;
  const o = obj(v, path);
  const tz = timeZone(o.time_zone, `${path}.time_zone`);
  const scheds = list(o.schedules, `${path}.schedules`).map((s, j) => {
    const sid = str(s, `${path}.schedules[${j}]`);
    const found = schedules.get(sid);
    if (!found) throw invalid('schedules.unknown_schedule', `${path}.schedules[${j}]: no schedule with id "${sid}"; define it under schedules.`, { path, id: sid });
    return found;
  });
  const dri: DriWindow[] = list(o.dri, `${path}.dri`).map((d, j) => {
    const dp = `${path}.dri[${j}]`;
    const w = window(d, dp);
    const dobj = obj(d, dp);
    const sid = optStr(dobj.schedule, `${dp}.schedule`);
    const user = optStr(dobj.user, `${dp}.user`);
    if (!!sid === !!user) throw invalid('schedules.bad_dri', `${dp}: name exactly one of schedule (whose person is DRI) or user.`, { path: dp });
    if (sid && !scheds.some((s) => s.id === sid)) throw invalid('schedules.unknown_schedule', `${dp}.schedule: "${sid}" is not one of this group's schedules.`, { path: dp, id: sid });
    if (user) checkUser(user, `${dp}.user`, known);
    const wtz = dobj.time_zone === undefined ? undefined : timeZone(dobj.time_zone, `${dp}.time_zone`);
    return { ...w, ...(sid ? { scheduleId: sid } : { user }), ...(wtz ? { timeZone: wtz } : {}) };
  });
  const minutes = o.handoff_reminder_minutes === undefined ? DEMO_HANDOFF_REMINDER_MINUTES : num(o.handoff_reminder_minutes, `${path}.handoff_reminder_minutes`, 0, 24 * 60);
  return { id: str(o.id, `${path}.id`), name: optStr(o.name, `${path}.name`) ?? str(o.id, `${path}.id`), timeZone: tz, schedules: scheds, coverage: windows(o.coverage, `${path}.coverage`), dri, handoffReminderMinutes: minutes };
}

function range(o: Plain, tz: string, path: string): { start: Temporal.Instant; end: Temporal.Instant } {
  const start = instantIn(o.start, tz, `${path}.start`);
  const end = instantIn(o.end, tz, `${path}.end`);
  if (end.epochMilliseconds <= start.epochMilliseconds) throw invalid('schedules.end_before_start', `${path}: end is not after start; swap them or fix the dates.`, { path });
  return { start, end };
}

function scheduleOf(o: Plain, path: string, schedules: Map<string, Schedule>): Schedule {
  const sid = str(o.schedule, `${path}.schedule`);
  const s = schedules.get(sid);
  if (!s) throw invalid('schedules.unknown_schedule', `${path}.schedule: no schedule with id "${sid}".`, { path, id: sid });
  return s;
}

function onSchedule(s: Schedule, user: string, path: string): void {
  const { users, shadows } = scheduleMembers(s);
  if (!users.includes(user) && !shadows.includes(user)) throw invalid('schedules.unknown_member', `${path}: ${user} is not a member of schedule ${s.id}; pick someone from its rotations.`, { path, user, schedule: s.id });
}

function override(v: unknown, i: number, schedules: Map<string, Schedule>, known: Set<string> | null): Override {
  const path = `schedule_overrides[${i}]`;
  const o = obj(v, path);
  const s = scheduleOf(o, path, schedules);
  const user = optStr(o.user, `${path}.user`);
  const replaces = optStr(o.replaces, `${path}.replaces`);
  if (!user && !replaces) throw invalid('schedules.bad_override', `${path}: give user (who covers), replaces (who gives the time up), or both.`, { path });
  if (user) checkUser(user, `${path}.user`, known);
  if (replaces) onSchedule(s, replaces, `${path}.replaces`);
  const shadow = o.shadow === true;
  if (shadow && (!user || replaces)) throw invalid('schedules.bad_override', `${path}: shadow applies to an added person only (user without replaces).`, { path });
  return { id: str(o.id, `${path}.id`), scheduleId: s.id, ...range(o, s.timeZone, path), ...(user ? { user } : {}), ...(replaces ? { replaces } : {}), ...(shadow ? { shadow } : {}) };
}

function swap(v: unknown, i: number, schedules: Map<string, Schedule>): Swap {
  const path = `schedule_swaps[${i}]`;
  const o = obj(v, path);
  const s = scheduleOf(o, path, schedules);
  const users = list(o.users, `${path}.users`).map((u, j) => str(u, `${path}.users[${j}]`));
  if (users.length !== 2 || users[0] === users[1]) throw invalid('schedules.bad_swap', `${path}.users must name two different people.`, { path });
  for (const u of users) onSchedule(s, u, `${path}.users`);
  return { id: str(o.id, `${path}.id`), scheduleId: s.id, ...range(o, s.timeZone, path), users: [users[0], users[1]] };
}

/** Validates the schedules part of a workspace document and returns model objects. */
export function parseSchedulesConfig(doc: unknown, opts: ParseOptions = {}): SchedulesWorkspace {
  const root = obj(doc ?? {}, 'workspace');
  const known = opts.knownUsers ? new Set(opts.knownUsers) : null;
  const rotations = list(root.rotations, 'rotations').map((r, i) => rotation(r, i, known));
  const rotMap = uniqueIds(rotations, 'rotations');
  const schedules = list(root.schedules, 'schedules').map((s, i) => schedule(s, i, rotMap, known));
  const schedMap = uniqueIds(schedules, 'schedules');
  const groups = list(root.rotation_groups, 'rotation_groups').map((g, i) => group(g, i, schedMap, known));
  uniqueIds(groups, 'rotation_groups');
  const overrides = list(root.schedule_overrides, 'schedule_overrides').map((o, i) => override(o, i, schedMap, known));
  uniqueIds(overrides, 'schedule_overrides');
  const swaps = list(root.schedule_swaps, 'schedule_swaps').map((s, i) => swap(s, i, schedMap));
  uniqueIds(swaps, 'schedule_swaps');
  return { rotations, schedules, groups, edits: { overrides, swaps } };
}
