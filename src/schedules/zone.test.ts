// The memoised zone arithmetic must agree with Temporal everywhere, including DST gaps and repeats.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Temporal } from '../kernel/time.ts';
import { localOfPlain, weekdayOfLocal, zone } from './zone.ts';

const ZONES = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Adelaide', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Pacific/Chatham', 'America/Santiago', 'Asia/Tehran', 'UTC'];
const FROM = Date.UTC(2019, 0, 1);
const TO = Date.UTC(2031, 0, 1);

describe('SCH-1: wall-clock ↔ instant conversion agrees with Temporal', () => {
  it('SCH-1: offsets at random instants match Temporal', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: FROM, max: TO }), (tz, ms) => {
        const expected = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(tz).offsetNanoseconds / 1e6;
        expect(zone(tz).offsetAt(ms)).toBe(expected);
      }),
      { numRuns: 400, seed: 1 },
    );
  });

  it('SCH-1: random wall-clock times: first occurrence when repeated, the jump itself when skipped', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: FROM / 60_000, max: TO / 60_000 }), (tz, minute) => {
        const local = minute * 60_000;
        const plain = Temporal.Instant.fromEpochMilliseconds(local).toZonedDateTimeISO('UTC').toPlainDateTime();
        const got = zone(tz).toInstant(local);
        let exists = true;
        try {
          plain.toZonedDateTime(tz, { disambiguation: 'reject' });
        } catch {
          exists = false;
        }
        if (exists) {
          expect(got).toBe(plain.toZonedDateTime(tz, { disambiguation: 'earlier' }).epochMilliseconds);
        } else {
          const before = Temporal.Instant.fromEpochMilliseconds(got - 1).toZonedDateTimeISO(tz).offsetNanoseconds;
          const after = Temporal.Instant.fromEpochMilliseconds(got).toZonedDateTimeISO(tz).offsetNanoseconds;
          expect(after).toBeGreaterThan(before);
        }
      }),
      { numRuns: 400, seed: 2 },
    );
  });

  it.each([
    ['SCH-1: New York 02:30 on 2026-03-08 does not exist → the jump, 07:00 UTC', 'America/New_York', '2026-03-08T02:30', '2026-03-08T07:00:00Z'],
    ['SCH-1: New York 01:30 on 2026-11-01 happens twice → the first, 05:30 UTC', 'America/New_York', '2026-11-01T01:30', '2026-11-01T05:30:00Z'],
    ['SCH-1: London 01:30 on 2026-03-29 does not exist → the jump, 01:00 UTC', 'Europe/London', '2026-03-29T01:30', '2026-03-29T01:00:00Z'],
    ['SCH-1: Adelaide 02:30 on 2026-04-05 happens twice → the first, 2026-04-04 16:00 UTC', 'Australia/Adelaide', '2026-04-05T02:30', '2026-04-04T16:00:00Z'],
    ['SCH-1: Kolkata has no DST: 12:00 is 06:30 UTC', 'Asia/Kolkata', '2026-07-15T12:00', '2026-07-15T06:30:00Z'],
  ])('%s', (_name, tz, wall, utc) => {
    expect(Temporal.Instant.fromEpochMilliseconds(zone(tz).toInstant(localOfPlain(Temporal.PlainDateTime.from(wall)))).toString()).toBe(utc);
  });

  it('SCH-1: weekday of a wall-clock day (2026-01-05 is a Monday)', () => {
    expect([0, 1, 5, 6].map((d) => weekdayOfLocal(localOfPlain(Temporal.PlainDateTime.from('2026-01-05T10:00')) + d * 86_400_000))).toEqual([1, 2, 6, 7]);
  });
});
