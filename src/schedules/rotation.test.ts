import { describe, expect, it } from 'vitest';
import { rotationOnCallAt, rotationShifts, withMembers } from './rotation.ts';
import { I, brief, hours, rotation, wall } from './fixtures.test-helpers.ts';

const NY = 'America/New_York';
const LON = 'Europe/London';

describe('SCH-1: daily wall-clock windows keep their wall-clock hours across DST', () => {
  const amer1 = (tz: string) =>
    rotation({ tz, start: wall('2026-01-05T00:00', tz), rhythm: { kind: 'windows', windows: [{ from: '12:00', to: '18:00' }] }, members: ['a', 'b'] });

  it.each([
    // spring-forward week in New York (clocks jump on Sunday 2026-03-08)
    ['SCH-1: NY spring-forward, Saturday before', NY, '2026-03-07', '17:00', '23:00'],
    ['SCH-1: NY spring-forward, Sunday of the change', NY, '2026-03-08', '16:00', '22:00'],
    // fall-back week in New York (clocks go back on Sunday 2026-11-01)
    ['SCH-1: NY fall-back, Saturday before', NY, '2026-10-31', '16:00', '22:00'],
    ['SCH-1: NY fall-back, Sunday of the change', NY, '2026-11-01', '17:00', '23:00'],
    // Europe/London changes on other dates (2026-03-29 and 2026-10-25)
    ['SCH-1: London spring-forward, Saturday before', LON, '2026-03-28', '12:00', '18:00'],
    ['SCH-1: London spring-forward, Sunday of the change', LON, '2026-03-29', '11:00', '17:00'],
    ['SCH-1: London fall-back, Saturday before', LON, '2026-10-24', '11:00', '17:00'],
    ['SCH-1: London fall-back, Sunday of the change', LON, '2026-10-25', '12:00', '18:00'],
  ])('%s', (_name, tz, day, startUtc, endUtc) => {
    const shifts = rotationShifts(amer1(tz), I(`${day}T00:00:00Z`), I(`${day}T23:59:59Z`));
    expect(shifts).toHaveLength(1);
    expect(shifts[0].start.toString()).toBe(`${day}T${startUtc}:00Z`);
    expect(shifts[0].end.toString()).toBe(`${day}T${endUtc}:00Z`);
  });

  it('SCH-1: a day-long hand-off at 09:00 gives a 23-hour shift on spring-forward and a 25-hour one on fall-back (NY)', () => {
    const r = rotation({ tz: NY, start: wall('2026-01-05T09:00', NY), rhythm: { kind: 'interval', every: 1, unit: 'days' }, members: ['a', 'b', 'c'] });
    const spring = rotationOnCallAt(r, wall('2026-03-08T01:00', NY))[0];
    expect(hours(spring.start, spring.end)).toBe(23);
    expect(spring.start.toString()).toBe('2026-03-07T14:00:00Z');
    const fall = rotationOnCallAt(r, wall('2026-11-01T01:30', NY))[0];
    expect(hours(fall.start, fall.end)).toBe(25);
    // Every hand-off stays at 09:00 local through the year.
    for (const s of rotationShifts(r, I('2026-01-06T00:00:00Z'), I('2027-01-01T00:00:00Z'), false)) {
      expect(s.start.toZonedDateTimeISO(NY).toPlainTime().toString()).toBe('09:00:00');
    }
  });

  it('SCH-1: London spring-forward and fall-back weeks: consecutive daily shifts touch, never overlap or leave a hole', () => {
    const r = rotation({ tz: LON, start: wall('2026-01-05T01:30', LON), rhythm: { kind: 'interval', every: 1, unit: 'days' }, members: ['a', 'b'] });
    for (const [from, to] of [['2026-03-25T00:00:00Z', '2026-04-02T00:00:00Z'], ['2026-10-21T00:00:00Z', '2026-10-29T00:00:00Z']]) {
      const s = rotationShifts(r, I(from), I(to));
      for (let i = 1; i < s.length; i++) expect(s[i].start.equals(s[i - 1].end)).toBe(true);
    }
    // 01:30 does not exist on 2026-03-29: the hand-off happens at the jump (01:00 UTC).
    expect(rotationOnCallAt(r, I('2026-03-29T01:00:00Z'))[0].start.toString()).toBe('2026-03-29T01:00:00Z');
    // 01:30 happens twice on 2026-10-25: the hand-off is at the first one (00:30 UTC).
    expect(rotationOnCallAt(r, I('2026-10-25T00:30:00Z'))[0].start.toString()).toBe('2026-10-25T00:30:00Z');
  });

  it('SCH-1: an hourly rotation across NY spring-forward has no overlap and no hole', () => {
    const r = rotation({ tz: NY, start: wall('2026-03-07T00:00', NY), rhythm: { kind: 'interval', every: 1, unit: 'hours' }, members: ['a', 'b', 'c'] });
    const s = rotationShifts(r, I('2026-03-08T04:00:00Z'), I('2026-03-08T10:00:00Z'));
    for (let i = 1; i < s.length; i++) expect(s[i].start.equals(s[i - 1].end)).toBe(true);
    expect(s[0].start.toString()).toBe('2026-03-08T04:00:00Z');
    expect(s[s.length - 1].end.toString()).toBe('2026-03-08T10:00:00Z');
  });
});

describe('SCH-1: shifts across midnight and unusual zones', () => {
  it('SCH-1: a 21:00–05:00 shift crosses midnight, and lasts 7 h / 9 h on the DST nights (America/Los_Angeles)', () => {
    const LA = 'America/Los_Angeles';
    const r = rotation({ tz: LA, start: wall('2026-01-05T00:00', LA), rhythm: { kind: 'windows', windows: [{ from: '21:00', to: '05:00' }] }, members: ['a', 'b'] });
    const normal = rotationOnCallAt(r, wall('2026-01-20T23:59', LA))[0];
    expect(brief([normal])).toEqual(['b 2026-01-21T05:00Z–2026-01-21T13:00Z']);
    expect(rotationOnCallAt(r, wall('2026-01-21T00:30', LA))[0].start.equals(normal.start)).toBe(true);
    expect(hours(...(([s]) => [s.start, s.end] as const)(rotationOnCallAt(r, wall('2026-03-08T01:00', LA))))).toBe(7);
    expect(hours(...(([s]) => [s.start, s.end] as const)(rotationOnCallAt(r, wall('2026-11-01T00:30', LA))))).toBe(9);
  });

  it('SCH-1: a restriction window that crosses midnight (22:00–06:00) clips a daily rotation', () => {
    const r = rotation({ tz: 'UTC', start: I('2026-01-05T08:00:00Z'), rhythm: { kind: 'interval', every: 1, unit: 'days' }, restrictions: [{ from: '22:00', to: '06:00' }], members: ['a', 'b'] });
    expect(brief(rotationShifts(r, I('2026-01-05T00:00:00Z'), I('2026-01-07T00:00:00Z')))).toEqual([
      'a 2026-01-05T22:00Z–2026-01-06T06:00Z',
      'b 2026-01-06T22:00Z–2026-01-07T00:00Z',
    ]);
  });

  it('SCH-1: Asia/Kolkata (UTC+05:30, no DST): 12:00–18:00 is 06:30–12:30 UTC all year', () => {
    const tz = 'Asia/Kolkata';
    const r = rotation({ tz, start: wall('2026-01-05T00:00', tz), rhythm: { kind: 'interval', every: 1, unit: 'weeks' }, restrictions: [{ from: '12:00', to: '18:00' }], members: ['lakshmi', 'priya'] });
    for (const day of ['2026-01-07', '2026-07-15', '2026-11-02']) {
      const s = rotationShifts(r, I(`${day}T00:00:00Z`), I(`${day}T23:59:00Z`));
      expect(brief(s).map((x) => x.split(' ')[1])).toEqual([`${day}T06:30Z–${day}T12:30Z`]);
    }
  });

  it('SCH-1: Australia/Adelaide (UTC+10:30 / +09:30, DST ends 2026-04-05): 09:00–17:00 and a 25-hour day', () => {
    const tz = 'Australia/Adelaide';
    const r = rotation({ tz, start: wall('2026-01-05T09:00', tz), rhythm: { kind: 'interval', every: 1, unit: 'days' }, restrictions: [{ from: '09:00', to: '17:00' }], members: ['mei', 'noah'] });
    expect(brief(rotationShifts(r, I('2026-01-14T12:00:00Z'), I('2026-01-15T12:00:00Z')))).toEqual(['mei 2026-01-14T22:30Z–2026-01-15T06:30Z']);
    expect(brief(rotationShifts(r, I('2026-07-14T12:00:00Z'), I('2026-07-15T12:00:00Z'))).map((x) => x.split(' ')[1])).toEqual(['2026-07-14T23:30Z–2026-07-15T07:30Z']);
    const day = rotation({ tz, start: wall('2026-01-05T09:00', tz), rhythm: { kind: 'interval', every: 1, unit: 'days' }, members: ['mei', 'noah'] });
    const s = rotationOnCallAt(day, wall('2026-04-05T02:30', tz))[0];
    expect(s.start.toString()).toBe('2026-04-03T22:30:00Z');
    expect(hours(s.start, s.end)).toBe(25);
  });
});

describe('SCH-1: weekday-only rotations count turns in their own shift slots', () => {
  it('SCH-1: a daily rotation restricted to weekdays gives a, b, c in strict turn — the weekend eats no turn (GoAlert #55)', () => {
    const r = rotation({ tz: NY, start: wall('2026-01-05T09:00', NY), rhythm: { kind: 'interval', every: 1, unit: 'days' }, restrictions: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' }], members: ['a', 'b', 'c'] });
    const s = rotationShifts(r, I('2026-01-05T00:00:00Z'), I('2026-02-02T00:00:00Z'));
    expect(s).toHaveLength(20);
    expect(s.map((x) => x.user).join('')).toBe('abc'.repeat(7).slice(0, 20));
    expect(s.every((x) => x.start.toZonedDateTimeISO(NY).dayOfWeek <= 5)).toBe(true);
  });

  it('SCH-1: daily windows on weekdays only (US-government style) rotate through every member in turn', () => {
    const r = rotation({ tz: 'America/Los_Angeles', start: wall('2026-01-05T00:00', 'America/Los_Angeles'), rhythm: { kind: 'windows', windows: [{ from: '05:00', to: '13:00' }], days: [1, 2, 3, 4, 5] }, members: ['quinn', 'rosa', 'sam', 'tess'] });
    const users = rotationShifts(r, I('2026-01-05T00:00:00Z'), I('2026-02-02T00:00:00Z')).map((x) => x.user);
    expect(users).toEqual(Array.from({ length: 20 }, (_, i) => ['quinn', 'rosa', 'sam', 'tess'][i % 4]));
  });
});

describe('SCH-1: membership changes are dated versions', () => {
  const base = rotation({ tz: NY, start: wall('2026-01-05T00:00', NY), rhythm: { kind: 'interval', every: 1, unit: 'weeks' }, members: ['a', 'b', 'c'] });
  const range = [I('2026-01-05T05:00:00Z'), I('2026-03-02T05:00:00Z')] as const;

  it('SCH-1: adding d and removing b mid-week keeps past and current shifts; the rotation continues with whoever was next', () => {
    const change = wall('2026-01-21T12:00', NY); // Wednesday of c's week
    const changed = withMembers(base, change, [{ user: 'a' }, { user: 'c' }, { user: 'd' }]);
    const before = rotationShifts(base, ...range);
    const after = rotationShifts(changed, ...range);
    const upTo = (xs: typeof before) => brief(xs.filter((x) => x.start.epochMilliseconds < change.epochMilliseconds));
    expect(upTo(after)).toEqual(upTo(before));
    expect(after.map((x) => x.user)).toEqual(['a', 'b', 'c', 'a', 'c', 'd', 'a', 'c']);
  });

  it('SCH-1: removing the person on call now leaves their current shift to them', () => {
    const changed = withMembers(base, wall('2026-01-14T12:00', NY), [{ user: 'a' }, { user: 'c' }]); // during b's week
    expect(rotationOnCallAt(changed, wall('2026-01-15T12:00', NY))[0].user).toBe('b');
    expect(rotationShifts(changed, ...range).map((x) => x.user)).toEqual(['a', 'b', 'c', 'a', 'c', 'a', 'c', 'a']);
  });

  it('SCH-1: a version may name who starts', () => {
    const changed = withMembers(base, wall('2026-01-19T00:00', NY), [{ user: 'a' }, { user: 'b' }, { user: 'c' }], 'b');
    expect(rotationShifts(changed, ...range).map((x) => x.user).slice(0, 5)).toEqual(['a', 'b', 'b', 'c', 'a']);
  });
});

describe('SCH-7: shadows', () => {
  it('SCH-7: a shadow member rides along with every shift, marked shadow, and takes no turn from the owners', () => {
    const r = rotation({ tz: 'UTC', start: I('2026-01-05T00:00:00Z'), rhythm: { kind: 'interval', every: 1, unit: 'days' }, members: ['a', { user: 'cody', shadow: true }, 'b'] });
    expect(brief(rotationShifts(r, I('2026-01-05T00:00:00Z'), I('2026-01-07T00:00:00Z')))).toEqual([
      'a 2026-01-05T00:00Z–2026-01-06T00:00Z',
      'cody(shadow) 2026-01-05T00:00Z–2026-01-06T00:00Z',
      'b 2026-01-06T00:00Z–2026-01-07T00:00Z',
      'cody(shadow) 2026-01-06T00:00Z–2026-01-07T00:00Z',
    ]);
  });

  it("SCH-1: 'all' mode puts every member on at once (a backup pool)", () => {
    const r = rotation({ tz: 'Asia/Singapore', start: wall('2026-01-05T00:00', 'Asia/Singapore'), rhythm: { kind: 'interval', every: 1, unit: 'weeks' }, restrictions: [{ days: [6, 7], from: '00:00', to: '00:00' }], members: ['oliver', 'priya'], mode: 'all' });
    expect(rotationOnCallAt(r, wall('2026-01-10T10:00', 'Asia/Singapore')).map((s) => s.user)).toEqual(['oliver', 'priya']);
    expect(rotationOnCallAt(r, wall('2026-01-12T10:00', 'Asia/Singapore'))).toEqual([]);
  });
});
