// RP-2 what-if staffing, the pure replay: planted collisions, single-engineer hours, night pages,
// weeks in a zone with DST, and proposals refused for what they get wrong.
import { describe, expect, it } from 'vitest';
import { Temporal } from '../kernel/time.ts';
import { parseSchedulesConfig } from '../schedules/index.ts';
import { weeksOf } from './whatif-calendar.ts';
import { proposedSchedules, readProposal, type SchedulesDocument } from './whatif-proposal.ts';
import { whatIf, type Arrival } from './whatif.ts';

const NY = 'America/New_York';
const ny = (iso: string) => Temporal.PlainDateTime.from(iso).toZonedDateTime(NY).toInstant();
const rot = (id: string, hours: string, members: string[]) => ({ id, time_zone: NY, start: '2026-01-05T00:00', handoff: { every: 1, unit: 'weeks' }, restrictions: [hours], members });
const sched = (id: string) => ({ id, time_zone: NY, layers: [{ rotation: id }] });

/** AMER as two overlapping shifts: alice 12–18, carmen 13–19 (New York); the manager tara around the clock. */
const CURRENT: SchedulesDocument = {
  rotations: [rot('amer-1', '12:00-18:00', ['alice@x']), rot('amer-2', '13:00-19:00', ['carmen@x']), { id: 'managers', time_zone: NY, start: '2026-01-05T00:00', members: ['tara@x'] }],
  schedules: [sched('amer-1'), sched('amer-2'), sched('managers')],
  rotation_groups: [{ id: 'amer', time_zone: NY, schedules: ['amer-1', 'amer-2'], coverage: ['12:00-19:00'], dri: [{ schedule: 'amer-1', from: '12:00', to: '15:00' }, { schedule: 'amer-2', from: '15:00', to: '19:00' }] }],
};
const actual = parseSchedulesConfig(CURRENT);
const NO_EDITS = { overrides: [], swaps: [] };

const arrival = (ref: string, from: string, to: string): Arrival => ({ ref, group: 'amer', atMs: ny(from).epochMilliseconds, endMs: ny(to).epochMilliseconds });
/** Two planted collisions on Tuesday 2 June 2026: each second emergency comes while the only engineer on is busy. */
const PLANTED = [
  arrival('101', '2026-06-02T12:10', '2026-06-02T13:30'),
  arrival('102', '2026-06-02T12:20', '2026-06-02T12:50'), // only alice is on, and busy with 101
  arrival('103', '2026-06-02T18:05', '2026-06-02T18:40'),
  arrival('104', '2026-06-02T18:15', '2026-06-02T18:30'), // only carmen is on, and busy with 103
  arrival('105', '2026-06-02T15:00', '2026-06-02T15:20'), // a quiet one: the DRI takes it
];
const DAY = { since: ny('2026-06-02T00:00'), until: ny('2026-06-03T00:00') };

function run(proposal: string, arrivals = PLANTED, period = DAY) {
  const p = proposedSchedules(CURRENT, NO_EDITS, readProposal(proposal));
  return whatIf({ ...period, arrivals, actual: { ...actual, edits: NO_EDITS }, proposed: p.workspace, groups: p.groups, zone: NY, managerScheduleOf: () => 'managers', zoneOf: () => NY });
}

describe('RP-2 what-if staffing (pure)', () => {
  it('RP-2: a proposal with both engineers on 12:00–19:00 provably removes the two planted collisions', () => {
    const r = run(`rotations:\n  - { id: amer-1, time_zone: ${NY}, start: '2026-01-05T00:00', restrictions: ['12:00-19:00'], members: [alice@x] }\n  - { id: amer-2, time_zone: ${NY}, start: '2026-01-05T00:00', restrictions: ['12:00-19:00'], members: [carmen@x] }\n`);
    expect(r.totals.actual).toMatchObject({ arrivals: 5, concurrent: 2, waitedForManager: 2, uncovered: 0, singleEngineerHours: 2, singleEngineerArrivals: 4 });
    expect(r.totals.proposed).toMatchObject({ arrivals: 5, concurrent: 2, waitedForManager: 0, singleEngineerHours: 0, singleEngineerArrivals: 0 });
    expect(r.totals.difference).toMatchObject({ waitedForManager: -2, singleEngineerHours: -2, concurrent: 0 });
    expect(r.changed.map((c) => [c.ref, c.actual.outcome, c.actual.user, c.proposed.outcome, c.proposed.user])).toEqual([
      ['102', 'manager', 'tara@x', 'concurrent_engineer', 'carmen@x'],
      ['104', 'manager', 'tara@x', 'concurrent_engineer', 'alice@x'],
    ]);
    const tara = r.people.find((p) => p.user === 'tara@x')!;
    expect([tara.actual.emergencies, tara.proposed.emergencies, tara.difference.pages]).toEqual([2, 0, -2]);
    expect(r.groups).toEqual(['amer']);
  });

  it('RP-2: moving AMER 2 to 14:00–19:00 adds a single-engineer hour (13:00–14:00) and nothing else', () => {
    const r = run(`rotations:\n  - { id: amer-2, time_zone: ${NY}, start: '2026-01-05T00:00', restrictions: ['14:00-19:00'], members: [carmen@x] }\n`, []);
    expect(r.totals.actual.singleEngineerHours).toBe(2);
    expect(r.totals.proposed.singleEngineerHours).toBe(3);
    expect(r.totals.difference).toEqual({ arrivals: 0, concurrent: 0, waitedForManager: 0, uncovered: 0, singleEngineerHours: 1, singleEngineerArrivals: 0, nightPages: 0 });
  });

  it('RP-2: an emergency with nobody of the group on is uncovered and waits for the manager; at 23:00 it is a night page', () => {
    const r = run(`rotation_groups:\n  - { id: amer, time_zone: ${NY}, schedules: [amer-1, amer-2] }\n`, [arrival('201', '2026-06-02T23:00', '2026-06-02T23:40'), arrival('202', '2026-06-02T13:30', '2026-06-02T14:00')]);
    for (const side of [r.totals.actual, r.totals.proposed]) expect(side).toMatchObject({ arrivals: 2, uncovered: 1, waitedForManager: 1, concurrent: 0, nightPages: 1 });
    expect(r.people.find((p) => p.user === 'tara@x')!.actual).toEqual({ emergencies: 1, handlingHours: 0.67, pages: 1, nightPages: 1 });
    // The DRI window of 13:30 names AMER 1: alice takes it.
    expect(r.people.find((p) => p.user === 'alice@x')!.actual.emergencies).toBe(1);
  });

  it('RP-2: figures per week, weeks starting Monday in the zone; the week of the spring DST change is 167 hours', () => {
    const weeks = weeksOf(ny('2026-03-04T00:00').epochMilliseconds, ny('2026-03-18T00:00').epochMilliseconds, NY);
    expect(weeks.map((w) => [w.week, (w.endMs - w.startMs) / 3_600_000])).toEqual([['2026-03-02', 119], ['2026-03-09', 168], ['2026-03-16', 48]]);
    const dst = weeksOf(ny('2026-03-02T00:00').epochMilliseconds, ny('2026-03-09T00:00').epochMilliseconds, NY);
    expect((dst[0].endMs - dst[0].startMs) / 3_600_000).toBe(167);

    const two = { since: ny('2026-06-01T00:00'), until: ny('2026-06-15T00:00') };
    const later = PLANTED.map((a) => ({ ...a, ref: a.ref + 'b', atMs: a.atMs + 7 * 86_400_000, endMs: a.endMs + 7 * 86_400_000 }));
    const r = run(`rotations:\n  - { id: amer-1, time_zone: ${NY}, start: '2026-01-05T00:00', restrictions: ['12:00-19:00'], members: [alice@x] }\n`, [...PLANTED, ...later], two);
    expect(r.weeks.map((w) => w.week)).toEqual(['2026-06-01', '2026-06-08']);
    for (const w of r.weeks) {
      expect(w.actual).toMatchObject({ arrivals: 5, waitedForManager: 2, singleEngineerHours: 14 });
      expect(w.proposed).toMatchObject({ arrivals: 5, waitedForManager: 1, singleEngineerHours: 7 });
      expect(w.difference).toMatchObject({ waitedForManager: -1, singleEngineerHours: -7 });
    }
  });

  it('RP-2: a proposal that is not YAML is refused naming the line; one naming an unknown rotation names the path', () => {
    expect(() => readProposal('rotations:\n  - { id: amer-1, members: [alice@x\n')).toThrow(expect.objectContaining({ code: 'whatif.bad_yaml', message: expect.stringMatching(/line \d+/) }));
    expect(() => readProposal('users: []\n')).toThrow(expect.objectContaining({ code: 'whatif.empty_proposal' }));
    expect(() => readProposal('- a\n- b\n')).toThrow(expect.objectContaining({ code: 'whatif.bad_proposal' }));
    expect(() => run('schedules:\n  - { id: amer-1, layers: [ { rotation: amer-9 } ] }\n')).toThrow(expect.objectContaining({ code: 'schedules.unknown_rotation', message: expect.stringContaining('schedules[0].layers[0]') }));
  });

  it('RP-2: a proposal accepts JSON as well as YAML, and real overrides stay on the schedules it leaves alone', () => {
    const override = { id: 'o1', scheduleId: 'amer-2', start: ny('2026-06-02T13:00'), end: ny('2026-06-02T19:00'), user: 'dmitri@x', replaces: 'carmen@x' };
    const p = proposedSchedules(CURRENT, { overrides: [override], swaps: [] }, readProposal({ rotations: [rot('amer-1', '12:00-19:00', ['alice@x'])] }));
    expect(p.groups).toEqual(['amer']);
    expect(p.workspace.edits.overrides.map((o) => o.id)).toEqual(['o1']);
    const redrawn = proposedSchedules(CURRENT, { overrides: [override], swaps: [] }, readProposal({ rotations: [rot('amer-2', '12:00-19:00', ['carmen@x'])] }));
    expect(redrawn.workspace.edits.overrides).toEqual([]);
  });
});
