import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Temporal } from '../kernel/time.ts';
import {
  CALENDAR_24X7, DEMO_CALENDAR_24X5, businessMsBetween, dueAt, isWithinBusinessHours, validateCalendar,
  type BusinessCalendar, type TimeRange,
} from './business-hours.ts';

const I = (s: string) => Temporal.Instant.from(s);
const weekdays = (r: TimeRange[]) => ({ 1: r, 2: r, 3: r, 4: r, 5: r });
const BERLIN_9_TO_5: BusinessCalendar = { id: 'berlin', timeZone: 'Europe/Berlin', weekly: weekdays([{ start: '09:00', end: '17:00' }]), holidays: [] };
const KOLKATA: BusinessCalendar = { id: 'in', timeZone: 'Asia/Kolkata', weekly: weekdays([{ start: '09:00', end: '17:30' }]), holidays: [] };
const NY_ALWAYS: BusinessCalendar = { ...CALENDAR_24X7, id: 'ny', timeZone: 'America/New_York' };
const THANKSGIVING: BusinessCalendar = { ...DEMO_CALENDAR_24X5, id: 'us', holidays: ['2026-11-26'] };

describe('dueAt adds business minutes', () => {
  it.each<[string, string, number, BusinessCalendar, string]>([
    ['TK-7: Friday-evening high ticket (4 h on 24x5) is due Monday', '2026-11-21T05:00:00Z' /* Fri 21:00 PST */, 240, DEMO_CALENDAR_24X5, '2026-11-23T09:00:00Z' /* Mon 01:00 PST */],
    ['TK-7: inside hours the target is plain elapsed time', '2026-11-23T17:00:00Z', 240, DEMO_CALENDAR_24X5, '2026-11-23T21:00:00Z'],
    ['TK-7: created on Saturday, the clock starts Monday 00:00 Pacific', '2026-11-21T18:00:00Z', 60, DEMO_CALENDAR_24X5, '2026-11-23T09:00:00Z'],
    ['TK-7: Thanksgiving holiday is skipped (normal 8 h from Wed 20:00 PST)', '2026-11-26T04:00:00Z', 480, THANKSGIVING, '2026-11-27T12:00:00Z'],
    ['TK-7: same ticket without the holiday is due Thursday', '2026-11-26T04:00:00Z', 480, DEMO_CALENDAR_24X5, '2026-11-26T12:00:00Z'],
    ['TK-7: DST weekend (fall back): Fri 22:00 PDT + 4 h → Mon 02:00 PST', '2026-10-31T05:00:00Z', 240, DEMO_CALENDAR_24X5, '2026-11-02T10:00:00Z'],
    ['TK-7: DST weekend (spring forward), Berlin 9–17: Fri 16:00 CET + 4 h → Mon 12:00 CEST', '2026-03-27T15:00:00Z', 240, BERLIN_9_TO_5, '2026-03-30T10:00:00Z'],
    ['TK-7: always open across the spring-forward night is real elapsed time', '2026-03-07T17:00:00Z', 1440, NY_ALWAYS, '2026-03-08T17:00:00Z'],
    ['TK-7: half-hour zone: Kolkata 17:00 + 60 min → next day 09:30', '2026-11-23T11:30:00Z', 60, KOLKATA, '2026-11-24T04:00:00Z'],
    ['TK-7: ending exactly at closing time stays on Friday', '2026-11-20T15:00:00Z', 60, BERLIN_9_TO_5, '2026-11-20T16:00:00Z'],
    ['TK-7: starting at closing time carries over to Monday', '2026-11-20T16:00:00Z', 60, BERLIN_9_TO_5, '2026-11-23T09:00:00Z'],
  ])('%s', (_name, start, minutes, cal, expected) => {
    expect(dueAt(I(start), minutes, cal).toString()).toBe(expected);
  });

  it('TK-7: zero minutes is due at once', () => {
    expect(dueAt(I('2026-11-21T18:00:00Z'), 0, DEMO_CALENDAR_24X5).toString()).toBe('2026-11-21T18:00:00Z');
  });

  it('TK-7: a calendar whose only days are holidays is an error, not an endless loop', () => {
    const cal: BusinessCalendar = { id: 'x', timeZone: 'UTC', weekly: { 1: [{ start: '09:00', end: '10:00' }] }, holidays: [] };
    expect(() => dueAt(I('2026-11-23T10:00:00Z'), 60 * 24 * 400, { ...cal })).toThrow(expect.objectContaining({ code: 'sla.calendar_empty' }));
  });
});

describe('business time between instants', () => {
  const SUNDAY_1_TO_4: BusinessCalendar = { id: 'sun', timeZone: 'America/New_York', weekly: { 7: [{ start: '01:00', end: '04:00' }] }, holidays: [] };

  it('TK-7: a 01:00–04:00 window is 2 h on the spring-forward day and 4 h on the fall-back day', () => {
    expect(businessMsBetween(I('2026-03-08T00:00:00Z'), I('2026-03-09T00:00:00Z'), SUNDAY_1_TO_4)).toBe(2 * 3_600_000);
    expect(businessMsBetween(I('2026-11-01T00:00:00Z'), I('2026-11-02T00:00:00Z'), SUNDAY_1_TO_4)).toBe(4 * 3_600_000);
  });

  it('TK-7: a whole week of 24x5 is 120 hours, weekend excluded', () => {
    expect(businessMsBetween(I('2026-11-16T08:00:00Z'), I('2026-11-23T08:00:00Z'), DEMO_CALENDAR_24X5)).toBe(120 * 3_600_000);
    expect(businessMsBetween(I('2026-11-21T08:00:00Z'), I('2026-11-23T08:00:00Z'), DEMO_CALENDAR_24X5)).toBe(0);
  });

  it('TK-7: dueAt and businessMsBetween agree', () => {
    const start = I('2026-11-20T23:17:00Z');
    const due = dueAt(start, 777, BERLIN_9_TO_5);
    expect(businessMsBetween(start, due, BERLIN_9_TO_5)).toBe(777 * 60_000);
  });

  it('TK-7: for any start and target, the open time up to dueAt is exactly the target', () => {
    const cals = [BERLIN_9_TO_5, KOLKATA, DEMO_CALENDAR_24X5, THANKSGIVING, NY_ALWAYS];
    const start = Date.UTC(2026, 0, 1);
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 365 * 24 * 60 }), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: cals.length - 1 }),
      (offsetMin, minutes, c) => {
        const from = Temporal.Instant.fromEpochMilliseconds(start + offsetMin * 60_000);
        const due = dueAt(from, minutes, cals[c]);
        return businessMsBetween(from, due, cals[c]) === minutes * 60_000 && Temporal.Instant.compare(due, from) > 0;
      },
    ), { numRuns: 300, seed: 4711 });
  });

  it.each([
    ['2026-11-21T12:00:00Z', false], // Saturday
    ['2026-11-23T08:30:00Z', true], // Monday 00:30 PST
    ['2026-11-23T07:59:00Z', false], // Sunday 23:59 PST
  ])('TK-7: 24x5 open at %s → %s', (at, open) => {
    expect(isWithinBusinessHours(I(at), DEMO_CALENDAR_24X5)).toBe(open);
  });
});

describe('validateCalendar', () => {
  it.each<[string, Partial<BusinessCalendar>]>([
    ['bad zone', { timeZone: 'Mars/Olympus' }],
    ['end before start', { weekly: { 1: [{ start: '17:00', end: '09:00' }] } }],
    ['overlap', { weekly: { 1: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] } }],
    ['bad time', { weekly: { 1: [{ start: '9am', end: '17:00' }] } }],
    ['no hours', { weekly: {} }],
    ['bad holiday', { holidays: ['2026-02-30'] }],
  ])('TK-7: refuses %s', (_n, over) => {
    expect(() => validateCalendar({ ...BERLIN_9_TO_5, ...over })).toThrow(expect.objectContaining({ code: 'sla.bad_calendar' }));
  });

  it('TK-7: accepts the demo calendars', () => {
    for (const c of [DEMO_CALENDAR_24X5, CALENDAR_24X7, BERLIN_9_TO_5, KOLKATA]) expect(validateCalendar(c)).toBe(c);
  });
});
