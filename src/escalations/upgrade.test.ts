// SM-8: the rules of an upgrade-assistance request, table by table, on fixed instants: the start as
// written (with a zone or refused), the timing checks, and the two flags against a 24x5 calendar in
// Pacific Time (including the week the clocks change).
import { describe, expect, it } from 'vitest';
import { Temporal } from '../kernel/time.ts';
import type { BusinessCalendar } from '../tickets/index.ts';
import { checkUpgradeTiming, parseRequestedStart, upgradeFlags, wallClock } from './upgrade.ts';

const DAY = [{ start: '00:00', end: '24:00' }];
const PACIFIC_24X5: BusinessCalendar = { id: '24x5', timeZone: 'America/Los_Angeles', weekly: { 1: DAY, 2: DAY, 3: DAY, 4: DAY, 5: DAY }, holidays: ['2026-12-25'] };
const OFFICE: BusinessCalendar = { id: 'office', name: 'Office hours', timeZone: 'Europe/Berlin', weekly: { 1: [{ start: '09:00', end: '17:00' }] }, holidays: [] };
const NOW = Temporal.Instant.from('2026-11-24T15:00:00Z'); // Tuesday 07:00 in Los Angeles
const S = { minNoticeHours: 168, supportHours: null };
const codes = (start: string, minutes: number, cal = PACIFIC_24X5, now = NOW) => upgradeFlags(Temporal.Instant.from(start), minutes, now, S, cal).map((f) => f.code);

describe('SM-8 upgrade-assistance rules', () => {
  it.each([
    ['2026-12-08T09:00:00-08:00[America/Los_Angeles]', '2026-12-08T17:00:00Z', 'America/Los_Angeles'],
    ['2026-12-08T09:00:00-08:00', '2026-12-08T17:00:00Z', '-08:00'],
    ['2026-12-08T09:00:00-0800', '2026-12-08T17:00:00Z', '-08:00'],
    ['2026-12-08T17:00:00Z', '2026-12-08T17:00:00Z', 'UTC'],
    ['2026-12-08T09:00:00+05:30', '2026-12-08T03:30:00Z', '+05:30'],
  ])('SM-8: the start %s is the instant %s, spoken of in %s', (v, at, zone) => {
    expect(parseRequestedStart(v)).toEqual({ at: Temporal.Instant.from(at), zone });
  });

  it.each(['2026-12-08T09:00:00', '2026-12-08', 'tomorrow 9am', '2026-12-08T09:00:00-05:00[America/Los_Angeles]', '2026-13-01T09:00:00Z', '2026-12-08T09:00:00+00:00[Mars/Olympus]'])(
    'SM-8: "%s" is refused (upgrade.bad_start)', (v) => {
      expect(() => parseRequestedStart(v)).toThrow(expect.objectContaining({ code: 'upgrade.bad_start' }));
    });

  it.each([
    ['2026-12-08T17:00:00Z', 60, null],
    ['2026-11-24T14:00:00Z', 60, 'upgrade.start_past'],
    ['2026-11-24T15:00:00Z', 60, 'upgrade.start_past'],
    ['2027-12-08T17:00:00Z', 60, 'upgrade.bad_start'],
    ['2026-12-08T17:00:00Z', 14, 'upgrade.bad_duration'],
    ['2026-12-08T17:00:00Z', 721, 'upgrade.bad_duration'],
    ['2026-12-08T17:00:00Z', 90.5, 'upgrade.bad_duration'],
    ['2026-12-08T17:00:00Z', 720, null],
  ])('SM-8: start %s for %d minutes → %s', (start, minutes, code) => {
    const run = () => checkUpgradeTiming(Temporal.Instant.from(start), minutes, NOW);
    if (code) expect(run).toThrow(expect.objectContaining({ code }));
    else expect(run).not.toThrow();
  });

  it.each([
    ['a Tuesday a fortnight out', '2026-12-08T17:00:00Z', 120, PACIFIC_24X5, []],
    ['a Saturday (Pacific)', '2026-12-12T18:00:00Z', 120, PACIFIC_24X5, ['outside_hours']],
    ['Friday 23:00 Pacific running into Saturday', '2026-12-12T07:00:00Z', 120, PACIFIC_24X5, ['outside_hours']],
    ['Christmas Day, a holiday', '2026-12-25T17:00:00Z', 60, PACIFIC_24X5, ['outside_hours']],
    ['tomorrow, inside hours', '2026-11-25T18:00:00Z', 60, PACIFIC_24X5, ['short_notice']],
    ['tomorrow is a Wednesday but the office opens Mondays only', '2026-11-25T10:00:00Z', 60, OFFICE, ['outside_hours', 'short_notice']],
    ['Monday 09:00 in Berlin in winter time (08:00 UTC)', '2026-12-07T08:00:00Z', 480, OFFICE, []],
    ['Monday 08:00 UTC in summer time is 10:00 Berlin, running past 17:00', '2027-06-07T08:00:00Z', 480, OFFICE, ['outside_hours']],
  ] as const)('SM-8: %s → %j', (_name, start, minutes, cal, want) => {
    expect(codes(start, minutes, cal)).toEqual(want);
  });

  it('SM-8: the reasons say which hours and how much notice', () => {
    const [hours, notice] = upgradeFlags(Temporal.Instant.from('2026-11-25T10:00:00Z'), 60, NOW, S, OFFICE);
    expect(hours.reason).toBe('The session falls outside the support hours (Office hours).');
    expect(notice.reason).toBe('Only 19 hours of notice; the threshold is 168 hours.');
    const [soon] = upgradeFlags(Temporal.Instant.from('2026-11-24T15:30:00Z'), 60, NOW, S, PACIFIC_24X5);
    expect(soon.reason).toBe('Only 30 minutes of notice; the threshold is 168 hours.');
  });

  it('SM-8: times are spoken of in the requester\'s zone, across the DST change', () => {
    expect(wallClock(Temporal.Instant.from('2026-11-01T08:30:00Z'), 'America/Los_Angeles')).toBe('Sun 1 Nov 2026, 01:30 (America/Los_Angeles)');
    expect(wallClock(Temporal.Instant.from('2026-11-01T09:30:00Z'), 'America/Los_Angeles')).toBe('Sun 1 Nov 2026, 01:30 (America/Los_Angeles)');
    expect(wallClock(Temporal.Instant.from('2026-12-08T03:30:00Z'), '+05:30')).toBe('Tue 8 Dec 2026, 09:00 (+05:30)');
  });
});
