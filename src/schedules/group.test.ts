import { describe, expect, it } from 'vitest';
import { parseSchedulesConfig } from './config.ts';
import { DEMO_SCHEDULES_DOCUMENT } from './demo.ts';
import type { Edits } from './final-schedule.ts';
import { coverageGaps, groupChanges, groupOnCallAt, renderGroup, singleEngineerIntervals } from './group.ts';
import { I, brief } from './fixtures.test-helpers.ts';

const ws = parseSchedulesConfig(DEMO_SCHEDULES_DOCUMENT);
const amer = ws.groups.find((g) => g.id === 'amer')!;
const BRUNO = 'bruno.costa@example.com'; // AMER 1 in the weeks of 2026-07-13 and 2026-12-14
const DMITRI = 'dmitri.volkov@example.com'; // AMER 2
const FRANK = 'frank.osei@example.com'; // AMER 3

describe('SCH-2/SCH-3: the AMER group at fixed instants', () => {
  it.each([
    ['SCH-2: July 16:30 UTC (12:30 EDT) — only AMER 1 is on, and is DRI', '2026-07-15T16:30:00Z', [BRUNO], 'on_call', BRUNO, 'amer-1'],
    ['SCH-2: July 23:30 UTC (19:30 EDT) — only AMER 3 is on, and is DRI', '2026-07-15T23:30:00Z', [FRANK], 'on_call', FRANK, 'amer-3'],
    ['SCH-2: December 16:30 UTC (11:30 EST) — before the AMER window: nobody, no DRI window', '2026-12-16T16:30:00Z', [], 'no_dri_window', null, undefined],
    ['SCH-2: December 23:30 UTC (18:30 EST) — AMER 2 and AMER 3 are on; AMER 3 is DRI', '2026-12-16T23:30:00Z', [DMITRI, FRANK], 'on_call', FRANK, 'amer-3'],
  ])('%s', (_name, at, owners, status, dri, driSchedule) => {
    const r = groupOnCallAt(amer, I(at));
    expect(r.owners).toEqual(owners);
    expect(r.dri.status).toBe(status);
    expect(r.dri.user).toBe(dri);
    expect(r.dri.scheduleId).toBe(driSchedule);
  });

  it('SCH-3: when the DRI schedule has nobody on, the answer says so and names who is on instead', () => {
    const edits: Edits = { overrides: [{ id: 'gone', scheduleId: 'amer-1', start: I('2026-07-15T16:00:00Z'), end: I('2026-07-15T17:00:00Z'), replaces: BRUNO }] };
    const r = groupOnCallAt(amer, I('2026-07-15T16:30:00Z'), edits);
    expect(r.dri.status).toBe('not_on_call');
    expect(r.dri.user).toBeNull();
    expect(r.dri.message).toContain('AMER 1');
    const later = groupOnCallAt(amer, I('2026-07-15T17:30:00Z'), edits);
    expect(later.dri).toMatchObject({ status: 'on_call', user: BRUNO });
    expect(later.dri.message).toContain('AMER 1');
    expect(groupOnCallAt(amer, I('2026-07-15T17:30:00Z'), edits).owners).toEqual([BRUNO, DMITRI]);
  });

  it('SCH-3: the DRI sub-schedule over a day follows AMER 1 → AMER 2 → AMER 3 at 14:30 and 17:30 New York time', () => {
    const r = renderGroup(amer, I('2026-07-15T12:00:00Z'), I('2026-07-16T06:00:00Z'));
    expect(brief(r.dri.map((d) => ({ ...d, user: d.user ?? 'nobody', start: d.start, end: d.end })))).toEqual([
      `${BRUNO} 2026-07-15T16:00Z–2026-07-15T18:30Z`,
      `${DMITRI} 2026-07-15T18:30Z–2026-07-15T21:30Z`,
      `${FRANK} 2026-07-15T21:30Z–2026-07-16T00:00Z`,
    ]);
  });
});

describe('SCH-3/SCH-4: the follow-the-sun group has a DRI around the clock', () => {
  const sun = ws.groups.find((g) => g.id === 'customer-emergencies')!;

  it.each([
    ['SCH-4: 02:00 UTC (11:00 Tokyo) — the APAC engineer', '2026-07-15T02:00:00Z', 'apac'],
    ['SCH-4: 10:00 UTC (11:00 London) — the EMEA engineer', '2026-07-15T10:00:00Z', 'emea'],
    ['SCH-4: 16:30 UTC (12:30 New York) — AMER 1 per the AMER DRI plan', '2026-07-15T16:30:00Z', 'amer-1'],
    ['SCH-4: 19:00 UTC (15:00 New York) — AMER 2', '2026-07-15T19:00:00Z', 'amer-2'],
  ])('%s', (_name, at, schedule) => {
    const r = groupOnCallAt(sun, I(at));
    expect(r.dri).toMatchObject({ status: 'on_call', scheduleId: schedule });
    expect(r.owners).toContain(r.dri.user);
  });

  it('SCH-3: over a week the DRI sub-schedule has exactly one DRI at every instant (no overlap, no hole)', () => {
    const r = renderGroup(sun, I('2026-10-20T00:00:00Z'), I('2026-11-10T00:00:00Z'));
    const d = [...r.dri].sort((a, b) => a.startMs - b.startMs);
    expect(d[0].startMs).toBe(I('2026-10-20T00:00:00Z').epochMilliseconds);
    for (let i = 1; i < d.length; i++) expect(d[i].startMs).toBe(d[i - 1].endMs);
    expect(d.every((x) => x.user !== null)).toBe(true);
  });
});

describe('SCH-2/SCH-9: hours with a single engineer', () => {
  it('SCH-2: in July the first (16–17 UTC) and last (23–24 UTC) hour have one engineer', () => {
    const r = singleEngineerIntervals(amer, I('2026-07-15T12:00:00Z'), I('2026-07-16T06:00:00Z'));
    expect(brief(r.intervals)).toEqual([`${BRUNO} 2026-07-15T16:00Z–2026-07-15T17:00Z`, `${FRANK} 2026-07-15T23:00Z–2026-07-16T00:00Z`]);
    expect(r.hours).toBe(2);
  });

  it('SCH-2: in December they move one hour later (17–18 and 00–01 UTC)', () => {
    const r = singleEngineerIntervals(amer, I('2026-12-16T12:00:00Z'), I('2026-12-17T06:00:00Z'));
    expect(brief(r.intervals)).toEqual([`${BRUNO} 2026-12-16T17:00Z–2026-12-16T18:00Z`, `${FRANK} 2026-12-17T00:00Z–2026-12-17T01:00Z`]);
  });
});

describe('SCH-9: coverage gaps', () => {
  it('SCH-9: the AMER window (12:00–20:00 New York) is fully covered over a month', () => {
    expect(coverageGaps(amer, I('2026-07-01T00:00:00Z'), I('2026-08-01T00:00:00Z'))).toEqual([]);
  });

  it('SCH-9: a gap report finds a planted hole and nothing else', () => {
    const edits: Edits = { overrides: [{ id: 'hole', scheduleId: 'amer-1', start: I('2026-07-15T16:00:00Z'), end: I('2026-07-15T17:00:00Z'), replaces: BRUNO }] };
    const gaps = coverageGaps(amer, I('2026-07-01T00:00:00Z'), I('2026-08-01T00:00:00Z'), edits);
    expect(gaps.map((g) => `${g.start}–${g.end}`)).toEqual(['2026-07-15T16:00:00Z–2026-07-15T17:00:00Z']);
  });

  it('SCH-4: AMER + EMEA + APAC follow the sun: no gap over a whole year, through every DST change', () => {
    const sun = ws.groups.find((g) => g.id === 'customer-emergencies')!;
    expect(coverageGaps(sun, I('2026-01-06T00:00:00Z'), I('2027-01-06T00:00:00Z'))).toEqual([]);
    // Before the rotations start there is nobody: the report shows it.
    expect(coverageGaps(sun, I('2026-01-01T00:00:00Z'), I('2026-01-06T00:00:00Z')).length).toBeGreaterThan(0);
  });

  it('SCH-4: the support-manager rotation covers weekends too', () => {
    const sm = ws.groups.find((g) => g.id === 'support-managers')!;
    expect(coverageGaps(sm, I('2026-01-05T05:00:00Z'), I('2026-03-01T00:00:00Z'))).toEqual([]);
    expect(groupOnCallAt(sm, I('2026-01-10T15:00:00Z')).owners).toHaveLength(1); // a Saturday
  });
});

describe('SCH-10: shift hand-offs', () => {
  it('SCH-10: every change of the AMER schedules with outgoing/incoming people and a reminder 30 minutes before', () => {
    const changes = groupChanges(amer, I('2026-07-15T12:00:00Z'), I('2026-07-16T06:00:00Z'));
    expect(changes.map((c) => `${c.at} ${c.scheduleId} -${c.outgoing.join(',')} +${c.incoming.join(',')}`)).toEqual([
      `2026-07-15T16:00:00Z amer-1 - +${BRUNO}`,
      `2026-07-15T17:00:00Z amer-2 - +${DMITRI}`,
      `2026-07-15T18:00:00Z amer-3 - +${FRANK}`,
      `2026-07-15T22:00:00Z amer-1 -${BRUNO} +`,
      `2026-07-15T23:00:00Z amer-2 -${DMITRI} +`,
      `2026-07-16T00:00:00Z amer-3 -${FRANK} +`,
    ]);
    expect(changes[3].remindAt.toString()).toBe('2026-07-15T21:30:00Z');
  });

  it('SCH-10: the reminder lead time is configurable (15 minutes)', () => {
    const changes = groupChanges({ ...amer, handoffReminderMinutes: 15 }, I('2026-07-15T12:00:00Z'), I('2026-07-16T06:00:00Z'));
    expect(changes[3].remindAt.toString()).toBe('2026-07-15T21:45:00Z');
  });

  it('SCH-10: a weekly hand-off names both people', () => {
    const sm = ws.groups.find((g) => g.id === 'support-managers')!;
    const changes = groupChanges(sm, I('2026-01-10T00:00:00Z'), I('2026-01-14T00:00:00Z'));
    expect(changes.map((c) => [c.at.toString(), c.outgoing, c.incoming])).toEqual([['2026-01-12T05:00:00Z', ['tara.brooks@example.com'], ['walter.kim@example.com']]]);
  });
});
