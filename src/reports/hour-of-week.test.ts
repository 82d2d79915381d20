import { describe, expect, it } from 'vitest';
import { Temporal } from '../kernel/time.ts';
import { hourOfWeek, isNight, shiftOf, weekOf } from './hour-of-week.ts';

const at = (s: string) => Temporal.Instant.from(s);

describe('RP-1 hours of the week in a zone', () => {
  it.each([
    ['RP-1: Monday 00:30 UTC is hour 0 in UTC', '2026-11-02T00:30:00Z', 'UTC', 0],
    ['RP-1: Sunday 23:59 UTC is hour 167', '2026-11-08T23:59:00Z', 'UTC', 167],
    ['RP-1: winter, 14:30Z is Tuesday 09:00 in New York (EST)', '2026-03-03T14:30:00Z', 'America/New_York', 24 + 9],
    ['RP-1: after spring-forward (8 March 2026) the same 14:30Z is Tuesday 10:00 (EDT)', '2026-03-10T14:30:00Z', 'America/New_York', 24 + 10],
    ['RP-1: spring-forward Sunday: 06:30Z is 01:30 EST, 07:30Z is 03:30 EDT (no 02:00 hour)', '2026-03-08T07:30:00Z', 'America/New_York', 6 * 24 + 3],
    ['RP-1: fall-back Sunday (1 Nov 2026): 05:30Z and 06:30Z are both 01:xx', '2026-11-01T06:30:00Z', 'America/New_York', 6 * 24 + 1],
    ['RP-1: a UTC Monday can be Sunday evening in the zone', '2026-11-02T03:00:00Z', 'America/Los_Angeles', 6 * 24 + 19],
    ['RP-1: a half-hour zone', '2026-11-02T00:00:00Z', 'Asia/Kolkata', 5],
    ['RP-1: London in summer time (BST)', '2026-07-06T08:30:00Z', 'Europe/London', 9],
  ])('%s', (_t, iso, zone, want) => {
    expect(hourOfWeek(at(iso), zone)).toBe(want);
  });

  it.each([
    ['RP-1: 22:00 on the engineer\'s clock is night', '2026-11-03T03:00:00Z', 'America/New_York', true],
    ['RP-1: 06:59 is night', '2026-11-03T11:59:00Z', 'America/New_York', true],
    ['RP-1: 07:00 is day', '2026-11-03T12:00:00Z', 'America/New_York', false],
    ['RP-1: 21:59 is day', '2026-11-03T02:59:00Z', 'America/New_York', false],
    ['RP-1: the same instant is night in Tokyo', '2026-11-03T14:00:00Z', 'Asia/Tokyo', true],
  ])('%s', (_t, iso, zone, want) => {
    expect(isNight(at(iso), zone)).toBe(want);
  });

  it('RP-1: shifts are the zone\'s 8-hour blocks, weeks start on its Monday', () => {
    expect(shiftOf(at('2026-11-03T04:00:00Z'), 'America/New_York')).toEqual({ date: '2026-11-02', shift: 'evening 16-24' });
    expect(shiftOf(at('2026-11-03T13:00:00Z'), 'America/New_York')).toEqual({ date: '2026-11-03', shift: 'day 08-16' });
    expect(shiftOf(at('2026-11-03T05:00:00Z'), 'America/New_York')).toEqual({ date: '2026-11-03', shift: 'night 00-08' });
    expect(weekOf(at('2026-11-09T03:00:00Z'), 'America/New_York')).toBe('2026-11-02');
    expect(weekOf(at('2026-11-09T03:00:00Z'), 'UTC')).toBe('2026-11-09');
  });
});

describe('RP-1 the fast wall clock agrees with the zone rules', () => {
  it.each(['UTC', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns'])(
    'RP-1: %s, every 53 minutes of 2026 (both daylight-saving changes included)', (zone) => {
      const from = Date.parse('2026-01-01T00:00:00Z');
      for (let ms = from; ms < from + 365 * 86_400_000; ms += 53 * 60_000 + 11_017) {
        const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
        const d = z.toPlainDate();
        const want = { how: (z.dayOfWeek - 1) * 24 + z.hour, shift: d.toString(), week: d.subtract({ days: z.dayOfWeek - 1 }).toString(), night: z.hour >= 22 || z.hour < 7 };
        const got = { how: hourOfWeek(ms, zone), shift: shiftOf(ms, zone).date, week: weekOf(ms, zone), night: isNight(ms, zone) };
        if (JSON.stringify(got) !== JSON.stringify(want)) expect({ at: new Date(ms).toISOString(), ...got }).toEqual({ at: new Date(ms).toISOString(), ...want });
      }
    });
});
