import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../kernel/errors.ts';
import { parseSchedulesConfig } from './config.ts';
import { DEMO_SCHEDULES_DOCUMENT } from './demo.ts';
import { finalSchedule } from './final-schedule.ts';
import { groupOnCallAt } from './group.ts';
import { I } from './fixtures.test-helpers.ts';

const rot = (extra: Record<string, unknown> = {}) => ({ id: 'r', time_zone: 'America/New_York', start: '2026-01-05T00:00', windows: ['12:00-18:00'], members: ['a@x', 'b@x'], ...extra });
const sched = (extra: Record<string, unknown> = {}) => ({ id: 's', layers: [{ rotation: 'r' }], ...extra });

function codeOf(doc: unknown, opts = {}): string {
  try {
    parseSchedulesConfig(doc, opts);
    return 'ok';
  } catch (e) {
    if (!isDomainError(e)) throw e;
    expect(e.kind).toBe('invalid');
    expect(e.message.length).toBeGreaterThan(20);
    return e.code;
  }
}

describe('SCH-1..SCH-6: workspace config is validated with clear errors', () => {
  it.each<[string, unknown, string, Record<string, unknown>?]>([
    ['SCH-1: a valid rotation and schedule', { rotations: [rot()], schedules: [sched()] }, 'ok'],
    ['SCH-1: unknown time zone', { rotations: [rot({ time_zone: 'America/Gotham' })] }, 'schedules.unknown_time_zone'],
    ['SCH-1: rotation end before start', { rotations: [rot({ end: '2026-01-01T00:00' })] }, 'schedules.end_before_start'],
    ['SCH-1: a wall-clock time that is not HH:MM', { rotations: [rot({ windows: ['12:00-25:00'] })] }, 'schedules.bad_clock'],
    ['SCH-1: both hand-off rhythms at once', { rotations: [rot({ handoff: { every: 1, unit: 'weeks' } })] }, 'schedules.bad_rhythm'],
    ['SCH-1: hand-off unit that is not hours/days/weeks', { rotations: [rot({ windows: undefined, handoff: { every: 1, unit: 'months' } })] }, 'schedules.bad_rhythm'],
    ['SCH-1: weekday that does not exist', { rotations: [rot({ restrictions: [{ days: ['funday'], from: '09:00', to: '17:00' }] })] }, 'schedules.bad_day'],
    ['SCH-1: member not in the workspace people list', { rotations: [rot()] }, 'schedules.unknown_user', { knownUsers: ['a@x'] }],
    ['SCH-1: removing someone who is not a member', { rotations: [rot({ changes: [{ at: '2026-02-01T00:00', remove: ['zed@x'] }] })] }, 'schedules.unknown_member'],
    ['SCH-1: membership changes out of order', { rotations: [rot({ changes: [{ at: '2025-12-01T00:00', add: ['c@x'] }] })] }, 'schedules.changes_out_of_order'],
    ['SCH-1: bad instant', { rotations: [rot({ start: 'next tuesday' })] }, 'schedules.bad_instant'],
    ['SCH-2: schedule naming an unknown rotation', { rotations: [rot()], schedules: [sched({ layers: [{ rotation: 'nope' }] })] }, 'schedules.unknown_rotation'],
    ['SCH-2: duplicate ids', { rotations: [rot(), rot()] }, 'schedules.duplicate_id'],
    ['SCH-3: DRI window naming a schedule outside the group', { rotations: [rot()], schedules: [sched()], rotation_groups: [{ id: 'g', time_zone: 'UTC', schedules: ['s'], dri: [{ from: '12:00', to: '14:30', schedule: 'other' }] }] }, 'schedules.unknown_schedule'],
    ['SCH-6: override ending before it starts', { rotations: [rot()], schedules: [sched()], schedule_overrides: [{ id: 'o', schedule: 's', start: '2026-02-02T12:00', end: '2026-02-02T10:00', user: 'a@x' }] }, 'schedules.end_before_start'],
    ['SCH-6: override replacing someone who is not on the schedule', { rotations: [rot()], schedules: [sched()], schedule_overrides: [{ id: 'o', schedule: 's', start: '2026-02-02T12:00', end: '2026-02-02T14:00', user: 'a@x', replaces: 'zed@x' }] }, 'schedules.unknown_member'],
    ['SCH-6: override with neither user nor replaces', { rotations: [rot()], schedules: [sched()], schedule_overrides: [{ id: 'o', schedule: 's', start: '2026-02-02T12:00', end: '2026-02-02T14:00' }] }, 'schedules.bad_override'],
    ['SCH-6: swap naming one person twice', { rotations: [rot()], schedules: [sched()], schedule_swaps: [{ id: 'w', schedule: 's', start: '2026-02-02T12:00', end: '2026-02-03T12:00', users: ['a@x', 'a@x'] }] }, 'schedules.bad_swap'],
    ['SCH-10: hand-off reminder that is not a number of minutes', { rotations: [rot()], schedules: [sched()], rotation_groups: [{ id: 'g', time_zone: 'UTC', schedules: ['s'], handoff_reminder_minutes: 'soon' }] }, 'schedules.bad_number'],
  ])('%s', (_name, doc, code, opts) => {
    expect(codeOf(doc, opts)).toBe(code);
  });

  it('SCH-6: wall-clock override times are read in the schedule zone; ISO instants stay instants', () => {
    const ws = parseSchedulesConfig({
      rotations: [rot()],
      schedules: [sched()],
      schedule_overrides: [
        { id: 'o1', schedule: 's', start: '2026-07-15T12:00', end: '2026-07-15T13:00', user: 'c@x', replaces: 'a@x' },
        { id: 'o2', schedule: 's', start: '2026-07-15T20:00:00Z', end: '2026-07-15T21:00:00Z', user: 'c@x' },
      ],
    });
    expect(ws.edits.overrides.map((o) => `${o.start}`)).toEqual(['2026-07-15T16:00:00Z', '2026-07-15T20:00:00Z']);
  });

  it('SCH-1: add/remove changes become dated membership versions', () => {
    const ws = parseSchedulesConfig({ rotations: [rot({ changes: [{ at: '2026-02-01T00:00', add: ['c@x'], remove: ['a@x'] }] })] });
    expect(ws.rotations[0].versions.map((v) => v.members.map((m) => m.user))).toEqual([['a@x', 'b@x'], ['b@x', 'c@x']]);
  });
});

describe('SCH-1..SCH-7: the demo workspace schedules (examples/demo.yaml)', () => {
  const KEYS = ['rotations', 'schedules', 'rotation_groups', 'schedule_overrides', 'schedule_swaps'];
  const file = YAML.parse(readFileSync(new URL('../../examples/demo.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;
  const section = Object.fromEntries(KEYS.filter((k) => k in file).map((k) => [k, file[k]]));
  const people = Array.isArray(file.users) ? (file.users as { email: string }[]).map((u) => u.email) : undefined;

  it('SCH-1: the schedules section of examples/demo.yaml validates against the roster', () => {
    const ws = parseSchedulesConfig(section, people ? { knownUsers: people } : {});
    expect(ws.rotations.map((r) => r.id)).toEqual(['amer-1', 'amer-2', 'amer-3', 'emea', 'apac', 'support-managers', 'directors', 'apac-backup', 'us-government', 'us-government-managers', 'customer-emergencies-shadow']);
    expect(ws.groups.map((g) => g.id)).toEqual(['amer', 'customer-emergencies', 'us-government', 'support-managers']);
    // The file and DEMO_SCHEDULES_DOCUMENT say the same thing.
    expect(JSON.parse(JSON.stringify(section))).toEqual(JSON.parse(JSON.stringify(DEMO_SCHEDULES_DOCUMENT)));
  });

  it('SCH-5/SCH-6/SCH-7: the demo file gives the US-government bot fallback and the shadow', () => {
    const ws = parseSchedulesConfig(section);
    const usgov = ws.schedules.find((s) => s.id === 'us-government')!;
    const day = finalSchedule(usgov, I('2026-12-01T00:00:00Z'), I('2026-12-02T00:00:00Z'), ws.edits);
    expect(day.entries.filter((e) => e.source.kind === 'fallback').map((e) => [e.user, `${e.start}`, `${e.end}`])).toEqual([['support-bot@example.com', '2026-12-01T13:00:00Z', '2026-12-01T21:00:00Z']]);
    const shadow = ws.schedules.find((s) => s.id === 'customer-emergencies-shadow')!;
    const entries = finalSchedule(shadow, I('2026-07-15T16:00:00Z'), I('2026-07-15T17:00:00Z')).entries;
    expect(entries.map((e) => [e.user, e.shadow])).toEqual([['cody.lee@example.com', true]]);
    expect(groupOnCallAt({ id: 'x', name: 'x', timeZone: 'UTC', schedules: [shadow], coverage: [], dri: [] }, I('2026-07-15T16:30:00Z')).owners).toEqual([]);
  });
});
