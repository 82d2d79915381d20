import { describe, expect, it } from 'vitest';
import { instant, Temporal } from '../kernel/time.ts';
import { DEFAULT_EMERGENCY_CONFIG as C, emergencyConfig } from '../emergencies/index.ts';
import { onCallLoad, onCallWeek, type LoadTicket } from './load.ts';

const START = instant('2026-11-30T17:00:00Z');
const END = instant('2026-12-07T17:00:00Z');
const tickets = (n: number, over: Partial<LoadTicket> = {}): LoadTicket[] =>
  Array.from({ length: n }, (_, i) => ({ id: `x${i}`, number: 500 + i, priority: 'normal' as const, status: 'open' as const, ...over }));

describe('SCH-12: on-call load', () => {
  it('SCH-12: target is 20% under the baseline of 22 → 17', () => {
    const r = onCallLoad({ engineer: 'e', onCallStartsAt: START, onCallEndsAt: END, assigned: tickets(20), emergenciesSolved: 0 }, instant('2026-11-26T12:00:00Z'), C);
    expect(r).toMatchObject({ baseline: 22, target: 17, load: 20, overTarget: 3, phase: 'prepare' });
  });

  it('SCH-12: the week before, high-priority, starred, escalated and high-touch tickets are listed for hand-over', () => {
    const assigned = [...tickets(2), { ...tickets(1)[0], id: 'h', priority: 'high' as const }, { ...tickets(1)[0], id: 's', starred: true }, { ...tickets(1)[0], id: 'z', escalated: true }, { ...tickets(1)[0], id: 'solved', priority: 'high' as const, status: 'solved' as const }];
    const r = onCallLoad({ engineer: 'e', onCallStartsAt: START, onCallEndsAt: END, assigned, emergenciesSolved: 0 }, instant('2026-11-27T12:00:00Z'), C);
    expect(r.handOver.map((t) => t.id)).toEqual(['h', 's', 'z']);
    expect(r.keep).toHaveLength(2);
  });

  const phases: [string, string, string][] = [
    ['SCH-12: two weeks before → normal', '2026-11-16T12:00:00Z', 'normal'],
    ['SCH-12: during the week → on_call (no hand-over list)', '2026-12-02T12:00:00Z', 'on_call'],
    ['SCH-12: week after → after (ramp up)', '2026-12-09T12:00:00Z', 'after'],
  ];
  it.each(phases)('%s', (_n, at, phase) => {
    const r = onCallLoad({ engineer: 'e', onCallStartsAt: START, onCallEndsAt: END, assigned: tickets(3, { priority: 'high' }), emergenciesSolved: 0 }, instant(at), C);
    expect(r.phase).toBe(phase);
    expect(r.handOver).toEqual([]);
  });

  it('SCH-12: solved emergencies count toward the baseline (configurable)', () => {
    const input = { engineer: 'e', onCallStartsAt: START, onCallEndsAt: END, assigned: tickets(10), emergenciesSolved: 4 };
    expect(onCallLoad(input, instant('2026-12-02T12:00:00Z'), C).load).toBe(14);
    expect(onCallLoad(input, instant('2026-12-02T12:00:00Z'), emergencyConfig({ load: { emergenciesCountTowardBaseline: false } })).load).toBe(10);
  });
});

describe('SCH-12: the on-call week of an engineer', () => {
  const I = (s: string) => Temporal.Instant.from(s);
  // AMER 1 style: 12:00–18:00 New York on weekdays, two weeks on, then someone else
  const day = (d: string) => ({ start: I(`${d}T17:00:00Z`), end: I(`${d}T23:00:00Z`) });
  const shifts = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-12-14', '2026-12-15'].map(day);

  it.each([
    ['the week before it starts', '2026-11-20T12:00:00Z', '2026-11-23T17:00:00.000Z', '2026-11-27T23:00:00.000Z'],
    ['in the middle of it', '2026-11-25T20:00:00Z', '2026-11-23T17:00:00.000Z', '2026-11-27T23:00:00.000Z'],
    ['after it, before the next one', '2026-11-30T12:00:00Z', '2026-12-14T17:00:00.000Z', '2026-12-15T23:00:00.000Z'],
  ])('SCH-12: %s', (_n, now, start, end) => {
    const w = onCallWeek(shifts, I(now))!;
    expect([w.start.toString(), w.end.toString()]).toEqual([I(start).toString(), I(end).toString()]);
  });

  it('SCH-12: no shift ahead → no on-call week', () => {
    expect(onCallWeek(shifts, I('2026-12-16T00:00:00Z'))).toBeNull();
    expect(onCallWeek([], I('2026-12-16T00:00:00Z'))).toBeNull();
  });
});
