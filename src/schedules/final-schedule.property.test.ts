// SCH-9 as properties over random rotations and overrides: the final schedule never gives one
// person overlapping entries, never leaves a gap where the layers cover (unless someone gave the
// time up), and "who at T" always matches the range rendering at T.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Temporal } from '../kernel/time.ts';
import { finalEntriesMs, onCallAt, type Override, type Swap } from './final-schedule.ts';
import { mergeIntervals, subtractIntervals, type Restriction } from './restriction.ts';
import type { Rhythm, Rotation } from './rotation.ts';
import { layeredEntriesMs, type Schedule } from './schedule.ts';

const ZONES = ['UTC', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Adelaide', 'Australia/Lord_Howe', 'America/Sao_Paulo'];
const PEOPLE = ['a', 'b', 'c', 'd', 'e'];
const BASE = Temporal.Instant.from('2026-01-01T00:00:00Z').epochMilliseconds;
const H = 3_600_000;
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const rhythm: fc.Arbitrary<Rhythm> = fc.oneof(
  fc.record({ kind: fc.constant('interval' as const), every: fc.integer({ min: 1, max: 12 }), unit: fc.constantFrom('hours' as const, 'days' as const, 'weeks' as const) }),
  fc.record({
    kind: fc.constant('windows' as const),
    windows: fc.array(fc.tuple(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 47 })), { minLength: 1, maxLength: 3 }).map((ws) => ws.map(([s, l]) => ({ from: hhmm(s * 30), to: hhmm(((s + l) * 30) % 1440) }))),
  }),
);

const restriction: fc.Arbitrary<Restriction> = fc
  .record({ days: fc.option(fc.subarray([1, 2, 3, 4, 5, 6, 7] as const, { minLength: 1 }), { nil: undefined }), from: fc.integer({ min: 0, max: 47 }), len: fc.integer({ min: 1, max: 48 }) })
  .map(({ days, from, len }) => ({ ...(days ? { days: [...days] } : {}), from: hhmm(from * 30), to: hhmm(((from + len) * 30) % 1440) }));

const rotationArb = (id: string): fc.Arbitrary<Rotation> =>
  fc
    .record({
      tz: fc.constantFrom(...ZONES),
      startH: fc.integer({ min: 0, max: 24 * 400 }),
      rhythm,
      restrictions: fc.array(restriction, { maxLength: 2 }),
      members: fc.subarray(PEOPLE, { minLength: 1 }),
      shadow: fc.boolean(),
      change: fc.option(fc.tuple(fc.integer({ min: 1, max: 24 * 60 }), fc.subarray(PEOPLE, { minLength: 1 })), { nil: undefined }),
    })
    .map(({ tz, startH, rhythm: rh, restrictions, members, shadow, change }) => {
      const start = Temporal.Instant.fromEpochMilliseconds(BASE + startH * H);
      const first = [...members.map((user) => ({ user })), ...(shadow ? [{ user: 'shadow', shadow: true }] : [])];
      return {
        id,
        name: id,
        timeZone: tz,
        start,
        rhythm: rh,
        restrictions,
        versions: [{ from: start, members: first }, ...(change ? [{ from: start.add({ hours: change[0] }), members: change[1].map((user) => ({ user })) }] : [])],
      };
    });

const scheduleArb: fc.Arbitrary<Schedule> = fc
  .array(fc.array(fc.constant(0), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 })
  .chain((shape) => fc.tuple(...shape.map((l, li) => fc.tuple(...l.map((_, ri) => rotationArb(`r${li}${ri}`))))))
  .map((layers) => ({ id: 's', name: 's', timeZone: 'UTC', layers: layers.map((rots, i) => ({ id: `l${i}`, name: `l${i}`, rotations: rots })) }));

const overridesArb = (from: number): fc.Arbitrary<Override[]> =>
  fc.array(
    fc.record({ s: fc.integer({ min: -48, max: 24 * 14 }), len: fc.integer({ min: 1, max: 24 * 5 }), user: fc.option(fc.constantFrom(...PEOPLE, 'z'), { nil: undefined, freq: 5 }), replaces: fc.option(fc.constantFrom(...PEOPLE), { nil: undefined }) }),
    { maxLength: 6 },
  ).map((os) =>
    os.map((o, i) => ({
      id: `o${i}`,
      scheduleId: 's',
      start: Temporal.Instant.fromEpochMilliseconds(from + o.s * H),
      end: Temporal.Instant.fromEpochMilliseconds(from + (o.s + o.len) * H),
      ...(o.user || !o.replaces ? { user: o.user ?? 'z' } : {}),
      ...(o.replaces ? { replaces: o.replaces } : {}),
    })),
  );

const swapsArb = (from: number): fc.Arbitrary<Swap[]> =>
  fc.array(fc.record({ s: fc.integer({ min: -48, max: 24 * 14 }), len: fc.integer({ min: 1, max: 24 * 7 }), users: fc.uniqueArray(fc.constantFrom(...PEOPLE), { minLength: 2, maxLength: 2 }) }), { maxLength: 3 }).map((ss) =>
    ss.map((x, i) => ({ id: `w${i}`, scheduleId: 's', start: Temporal.Instant.fromEpochMilliseconds(from + x.s * H), end: Temporal.Instant.fromEpochMilliseconds(from + (x.s + x.len) * H), users: [x.users[0], x.users[1]] as [string, string] })),
  );

describe('SCH-9: properties of the final schedule', () => {
  it('SCH-9: no overlapping entries for one person, no gap where the layers cover, and "who at T" equals the range at T', () => {
    fc.assert(
      fc.property(
        scheduleArb,
        fc.integer({ min: 0, max: 24 * 420 }),
        fc.integer({ min: 1, max: 24 * 14 }),
        fc.integer({ min: 0, max: 24 * 420 }).chain((x) => fc.tuple(overridesArb(BASE + x * H), swapsArb(BASE + x * H))),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 8 }),
        (sched, fromH, lenH, [overrides, swaps], samples) => {
          const from = BASE + fromH * H;
          const to = from + lenH * H;
          const edits = { overrides, swaps };
          const r = finalEntriesMs(sched, from, to, edits);

          // 1. One person never has two overlapping entries.
          const byUser = new Map<string, { start: number; end: number }[]>();
          for (const e of r.entries) {
            expect(e.end).toBeGreaterThan(e.start);
            expect(e.start).toBeGreaterThanOrEqual(from);
            expect(e.end).toBeLessThanOrEqual(to);
            byUser.set(e.user, [...(byUser.get(e.user) ?? []), e]);
          }
          for (const list of byUser.values()) {
            list.sort((a, b) => a.start - b.start);
            for (let i = 1; i < list.length; i++) expect(list[i].start).toBeGreaterThanOrEqual(list[i - 1].end);
          }

          // 2. Where the layers have an owner, the final schedule has one — except where someone gave time up.
          const layered = mergeIntervals(layeredEntriesMs(sched, from, to).filter((e) => !e.shadow));
          const final = mergeIntervals(r.entries.filter((e) => !e.shadow));
          const givenUp = mergeIntervals(overrides.filter((o) => !o.user).map((o) => ({ start: o.start.epochMilliseconds, end: o.end.epochMilliseconds })));
          expect(subtractIntervals(subtractIntervals(layered, final), givenUp)).toEqual([]);
          expect(subtractIntervals([{ start: from, end: to }], final)).toEqual(r.gaps);

          // 3. "Who at T" equals the range rendering at T (range edges and entry edges included).
          const instants = [from, to - 1, ...samples.map((x) => Math.floor(from + x * (to - from - 1))), ...r.entries.flatMap((e) => [e.start, e.end - 1])];
          for (const t of instants.slice(0, 40)) {
            const expected = [...new Set(r.entries.filter((e) => !e.shadow && e.start <= t && t < e.end).map((e) => e.user))].sort();
            expect(onCallAt(sched, Temporal.Instant.fromEpochMilliseconds(t), edits).owners.sort()).toEqual(expected);
          }
        },
      ),
      { numRuns: 300, seed: 20261123 },
    );
  });
});
