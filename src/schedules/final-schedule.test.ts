import { describe, expect, it } from 'vitest';
import { isDomainError } from '../kernel/errors.ts';
import { finalSchedule, onCallAt, removeOverride, removeSwap, shiftsAt, type Edits, type Override } from './final-schedule.ts';
import { I, brief, rotation, schedule } from './fixtures.test-helpers.ts';

// Day shifts 09:00–17:00 UTC, a on 2026-01-05, b on 2026-01-06, a on 2026-01-07 …
const day = rotation({ id: 'day', tz: 'UTC', start: I('2026-01-05T00:00:00Z'), rhythm: { kind: 'windows', windows: [{ from: '09:00', to: '17:00' }] }, members: ['a', 'b'] });
const s1 = schedule('s1', [[day]]);
const R = [I('2026-01-05T00:00:00Z'), I('2026-01-07T00:00:00Z')] as const;
const ov = (id: string, start: string, end: string, p: { user?: string; replaces?: string }): Override => ({ id, scheduleId: 's1', start: I(start), end: I(end), ...p });
const render = (edits: Edits, sched = s1) => finalSchedule(sched, ...R, edits);

describe('SCH-6: overrides of any length', () => {
  it.each<[string, Override[], string[]]>([
    [
      'SCH-6: override inside a shift cuts it in three',
      [ov('o1', '2026-01-05T11:00:00Z', '2026-01-05T13:00:00Z', { user: 'c', replaces: 'a' })],
      ['a 2026-01-05T09:00Z–2026-01-05T11:00Z', 'c 2026-01-05T11:00Z–2026-01-05T13:00Z', 'a 2026-01-05T13:00Z–2026-01-05T17:00Z', 'b 2026-01-06T09:00Z–2026-01-06T17:00Z'],
    ],
    [
      'SCH-6: override across two shifts replaces only the named person',
      [ov('o1', '2026-01-05T16:00:00Z', '2026-01-06T10:00:00Z', { user: 'c', replaces: 'a' })],
      ['a 2026-01-05T09:00Z–2026-01-05T16:00Z', 'c 2026-01-05T16:00Z–2026-01-05T17:00Z', 'b 2026-01-06T09:00Z–2026-01-06T17:00Z'],
    ],
    [
      'SCH-6: override exactly on the shift edges leaves no zero-length pieces',
      [ov('o1', '2026-01-05T09:00:00Z', '2026-01-05T17:00:00Z', { user: 'c', replaces: 'a' })],
      ['c 2026-01-05T09:00Z–2026-01-05T17:00Z', 'b 2026-01-06T09:00Z–2026-01-06T17:00Z'],
    ],
    [
      'SCH-6: an added person covers a few hours alongside, across midnight',
      [ov('o1', '2026-01-05T16:00:00Z', '2026-01-06T10:00:00Z', { user: 'c' })],
      ['a 2026-01-05T09:00Z–2026-01-05T17:00Z', 'c 2026-01-05T16:00Z–2026-01-06T10:00Z', 'b 2026-01-06T09:00Z–2026-01-06T17:00Z'],
    ],
    [
      'SCH-6: overlapping overrides apply in order (an override of an override)',
      [ov('o1', '2026-01-05T10:00:00Z', '2026-01-05T14:00:00Z', { user: 'c', replaces: 'a' }), ov('o2', '2026-01-05T12:00:00Z', '2026-01-05T16:00:00Z', { user: 'd', replaces: 'c' })],
      ['a 2026-01-05T09:00Z–2026-01-05T10:00Z', 'c 2026-01-05T10:00Z–2026-01-05T12:00Z', 'd 2026-01-05T12:00Z–2026-01-05T14:00Z', 'a 2026-01-05T14:00Z–2026-01-05T17:00Z', 'b 2026-01-06T09:00Z–2026-01-06T17:00Z'],
    ],
    [
      'SCH-6: overlapping overrides adding the same person never give them two overlapping entries',
      [ov('o1', '2026-01-05T10:00:00Z', '2026-01-05T14:00:00Z', { user: 'c' }), ov('o2', '2026-01-05T12:00:00Z', '2026-01-05T18:00:00Z', { user: 'c' })],
      ['a 2026-01-05T09:00Z–2026-01-05T17:00Z', 'c 2026-01-05T10:00Z–2026-01-05T12:00Z', 'c 2026-01-05T12:00Z–2026-01-05T18:00Z', 'b 2026-01-06T09:00Z–2026-01-06T17:00Z'],
    ],
    [
      'SCH-6: giving a shift up (replaces only) leaves a gap',
      [ov('o1', '2026-01-06T09:00:00Z', '2026-01-06T12:00:00Z', { replaces: 'b' })],
      ['a 2026-01-05T09:00Z–2026-01-05T17:00Z', 'b 2026-01-06T12:00Z–2026-01-06T17:00Z'],
    ],
  ])('%s', (_name, overrides, expected) => {
    const r = render({ overrides });
    expect(brief(r.entries)).toEqual(expected);
    for (const o of overrides) expect(r.entries.some((e) => e.source.kind === 'override' && e.source.overrideId === o.id) || !o.user).toBe(true);
  });

  it('SCH-7: an override can add a shadow for a few days: shown, never an owner', () => {
    const edits: Edits = { overrides: [{ id: 'sh', scheduleId: 's1', start: I('2026-01-05T08:00:00Z'), end: I('2026-01-06T18:00:00Z'), user: 'cody', shadow: true }] };
    const r = render(edits);
    expect(r.entries.filter((e) => e.user === 'cody').map((e) => e.shadow)).toEqual([true]);
    expect(onCallAt(s1, I('2026-01-05T10:00:00Z'), edits)).toMatchObject({ owners: ['a'], shadows: ['cody'] });
    expect(onCallAt(s1, I('2026-01-05T20:00:00Z'), edits)).toMatchObject({ owners: [], shadows: ['cody'] });
  });

  it('SCH-6: entries say their source', () => {
    const r = render({ overrides: [ov('o1', '2026-01-05T11:00:00Z', '2026-01-05T13:00:00Z', { user: 'c', replaces: 'a' })] });
    expect(r.entries.map((e) => e.source.kind)).toEqual(['layer', 'override', 'layer', 'layer']);
    expect(r.entries[0].source).toEqual({ kind: 'layer', layerId: 'l1', rotationId: 'day' });
  });

  it('SCH-6: an override for someone who is not on is reported, not silently dropped', () => {
    const r = render({ overrides: [ov('o1', '2026-01-05T11:00:00Z', '2026-01-05T13:00:00Z', { user: 'c', replaces: 'b' })] });
    expect(r.warnings.map((w) => w.code)).toEqual(['schedule.override_no_effect']);
    expect(brief(r.entries)).toEqual(brief(render({}).entries));
  });

  it('SCH-6: removing an override restores the layer; an unknown id is a not_found error', () => {
    const edits: Edits = { overrides: [ov('o1', '2026-01-05T11:00:00Z', '2026-01-05T13:00:00Z', { user: 'c', replaces: 'a' })] };
    expect(brief(render(removeOverride(edits, 'o1')).entries)).toEqual(brief(render({}).entries));
    try {
      removeOverride(edits, 'nope');
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e) && e.code).toBe('schedule.override_not_found');
    }
  });
});

describe('SCH-6: swaps', () => {
  const weekly = rotation({ id: 'w', tz: 'UTC', start: I('2026-01-05T00:00:00Z'), rhythm: { kind: 'interval', every: 1, unit: 'weeks' }, members: ['a', 'b'] });
  const sw = schedule('sw', [[weekly]]);
  const range = [I('2026-01-05T00:00:00Z'), I('2026-01-19T00:00:00Z')] as const;
  const edits: Edits = { swaps: [{ id: 'x1', scheduleId: 'sw', start: I('2026-01-05T00:00:00Z'), end: I('2026-01-19T00:00:00Z'), users: ['a', 'b'] }] };

  it('SCH-6: a swap exchanges two people’s shifts in its range, and removing it restores them', () => {
    expect(brief(finalSchedule(sw, ...range).entries)).toEqual(['a 2026-01-05T00:00Z–2026-01-12T00:00Z', 'b 2026-01-12T00:00Z–2026-01-19T00:00Z']);
    const swapped = finalSchedule(sw, ...range, edits);
    expect(brief(swapped.entries)).toEqual(['b 2026-01-05T00:00Z–2026-01-12T00:00Z', 'a 2026-01-12T00:00Z–2026-01-19T00:00Z']);
    expect(swapped.entries.map((e) => e.source.kind)).toEqual(['swap', 'swap']);
    expect(brief(finalSchedule(sw, ...range, removeSwap(edits, 'x1')).entries)).toEqual(['a 2026-01-05T00:00Z–2026-01-12T00:00Z', 'b 2026-01-12T00:00Z–2026-01-19T00:00Z']);
  });

  it('SCH-6: a swap over part of a shift swaps only that part', () => {
    const part: Edits = { swaps: [{ id: 'x2', scheduleId: 'sw', start: I('2026-01-11T00:00:00Z'), end: I('2026-01-13T00:00:00Z'), users: ['a', 'b'] }] };
    expect(brief(finalSchedule(sw, ...range, part).entries)).toEqual([
      'a 2026-01-05T00:00Z–2026-01-11T00:00Z',
      'b 2026-01-11T00:00Z–2026-01-12T00:00Z',
      'a 2026-01-12T00:00Z–2026-01-13T00:00Z',
      'b 2026-01-13T00:00Z–2026-01-19T00:00Z',
    ]);
  });

  it('SCH-6: a swap between people who are not on changes nothing and says so (Grafana OnCall #4538)', () => {
    const r = finalSchedule(sw, ...range, { swaps: [{ id: 'x3', scheduleId: 'sw', start: I('2026-01-05T00:00:00Z'), end: I('2026-01-06T00:00:00Z'), users: ['c', 'd'] }] });
    expect(r.warnings.map((w) => w.code)).toEqual(['schedule.swap_no_effect']);
  });
});

describe('SCH-2/SCH-9: layers and "who is on"', () => {
  const top = rotation({ id: 'top', tz: 'UTC', start: I('2026-01-05T00:00:00Z'), rhythm: { kind: 'windows', windows: [{ from: '12:00', to: '14:00' }] }, members: ['x'] });
  const both = schedule('s2', [[day], [top]]);

  it('SCH-2: the higher layer wins where it has someone; the lower layer shows elsewhere', () => {
    const r = finalSchedule(both, I('2026-01-05T00:00:00Z'), I('2026-01-06T00:00:00Z'));
    expect(brief(r.entries)).toEqual(['a 2026-01-05T09:00Z–2026-01-05T12:00Z', 'x 2026-01-05T12:00Z–2026-01-05T14:00Z', 'a 2026-01-05T14:00Z–2026-01-05T17:00Z']);
    expect(r.entries[1].source).toEqual({ kind: 'layer', layerId: 'l2', rotationId: 'top' });
  });

  it('SCH-2: a layer with two rotations puts two people on at once', () => {
    const two = schedule('s3', [[day, top]]);
    expect(onCallAt(two, I('2026-01-05T13:00:00Z')).owners.sort()).toEqual(['a', 'x']);
  });

  it('SCH-9: who is on at an instant agrees with the range rendering, overrides included (Grafana OnCall #1296)', () => {
    const edits: Edits = { overrides: [{ id: 'o', scheduleId: 's2', start: I('2026-01-05T13:00:00Z'), end: I('2026-01-05T15:00:00Z'), user: 'c', replaces: 'x' }] };
    const r = finalSchedule(both, I('2026-01-05T00:00:00Z'), I('2026-01-06T00:00:00Z'), edits);
    for (const t of ['2026-01-05T08:59:59Z', '2026-01-05T09:00:00Z', '2026-01-05T12:30:00Z', '2026-01-05T13:00:00Z', '2026-01-05T14:30:00Z', '2026-01-05T17:00:00Z']) {
      const at = I(t).epochMilliseconds;
      const fromRange = r.entries.filter((e) => e.startMs <= at && at < e.endMs).map((e) => e.user);
      expect(onCallAt(both, I(t), edits).owners).toEqual(fromRange);
    }
    expect(onCallAt(both, I('2026-01-05T13:30:00Z'), edits).owners).toEqual(['c']);
  });

  it('SCH-9: shiftsAt gives the whole current pieces ("on call until")', () => {
    expect(brief(shiftsAt(both, I('2026-01-05T10:00:00Z')))).toEqual(['a 2026-01-05T09:00Z–2026-01-05T12:00Z']);
    expect(brief(shiftsAt(both, I('2026-01-05T13:00:00Z')))).toEqual(['x 2026-01-05T12:00Z–2026-01-05T14:00Z']);
    expect(shiftsAt(both, I('2026-01-05T20:00:00Z'))).toEqual([]);
  });
});

describe('SCH-5/SCH-6: fallback user for coverable gaps', () => {
  const usgov = rotation({ id: 'usgov', tz: 'America/Los_Angeles', start: I('2026-01-05T08:00:00Z'), rhythm: { kind: 'windows', windows: [{ from: '05:00', to: '13:00' }, { from: '13:00', to: '21:00' }, { from: '21:00', to: '05:00' }] }, members: ['quinn', 'rosa', 'sam'] });
  const sched = schedule('usgov', [[usgov]], { fallback: { user: 'support-bot', coverable: [{ days: [1, 2, 3, 4, 5], from: '05:00', to: '13:00' }] } });

  it('SCH-6: a weekday day shift given up goes to the bot; a weekend one stays a gap', () => {
    const edits: Edits = {
      overrides: [
        { id: 'tue', scheduleId: 'usgov', start: I('2026-01-06T13:00:00Z'), end: I('2026-01-06T21:00:00Z'), replaces: 'quinn' },
        { id: 'sat', scheduleId: 'usgov', start: I('2026-01-10T13:00:00Z'), end: I('2026-01-10T21:00:00Z'), replaces: 'quinn' },
      ],
    };
    const r = finalSchedule(sched, I('2026-01-06T00:00:00Z'), I('2026-01-11T00:00:00Z'), edits);
    const bot = r.entries.filter((e) => e.user === 'support-bot');
    expect(brief(bot)).toEqual(['support-bot 2026-01-06T13:00Z–2026-01-06T21:00Z']);
    expect(bot[0].source).toEqual({ kind: 'fallback' });
    expect(brief(r.gaps.map((g) => ({ ...g, user: 'gap', start: g.start, end: g.end })))).toEqual(['gap 2026-01-10T13:00Z–2026-01-10T21:00Z']);
  });

  it('SCH-5: three 8-hour shifts cover the whole day with no gap', () => {
    const r = finalSchedule(sched, I('2026-03-01T00:00:00Z'), I('2026-03-15T00:00:00Z'));
    expect(r.gaps).toEqual([]);
    expect(r.entries.every((e) => e.source.kind === 'layer')).toBe(true);
  });
});
