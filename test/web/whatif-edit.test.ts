// RP-2: the what-if screen's copy of a rotation group and the proposal made from it: the default
// period, which rotations a group is drawn from, only changed rotations proposed, and a refusal's
// path led back to the rotation and field it names.
import { describe, expect, it } from 'vitest';
import { errorTarget, lastQuarter, proposalOf, rotationsOfGroup, windowsText, parseWindows } from '../../web/src/reports/whatif-edit.ts';

const rot = (id: string, members = ['a@x', 'b@x']) => ({ id, name: id.toUpperCase(), time_zone: 'UTC', start: '2026-01-05T00:00', restrictions: ['12:00-18:00'], members });
const DEFS = {
  rotations: [rot('r1'), rot('r2'), rot('r3'), rot('layer-a'), rot('layer-b')],
  schedules: [{ id: 'layered', layers: [{ rotation: 'layer-a' }, { rotations: ['layer-b', 'r1'] }] }],
  rotation_groups: [{ id: 'g', schedules: ['r1', 'r2'] }, { id: 'h', schedules: ['layered', 'r3'] }],
};

describe('RP-2 what-if editing', () => {
  it.each([
    ['2026-12-03T10:00:00Z', '2026-07-01', '2026-10-01'],
    ['2026-01-15T00:00:00Z', '2025-10-01', '2026-01-01'],
    ['2026-04-01T00:00:00Z', '2026-01-01', '2026-04-01'],
    ['2026-03-31T23:59:59Z', '2025-10-01', '2026-01-01'],
  ])('RP-2: on %s the default period is the last whole quarter, %s to %s', (now, since, until) => {
    expect(lastQuarter(new Date(now))).toEqual({ since, until });
  });

  it('RP-2: a group is drawn from its schedules\' rotations; a layered schedule from each layer\'s, once each', () => {
    expect(rotationsOfGroup(DEFS, 'g').map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(rotationsOfGroup(DEFS, 'h').map((r) => r.id)).toEqual(['layer-a', 'layer-b', 'r1', 'r3']);
    expect(rotationsOfGroup(DEFS, 'nope')).toEqual([]);
  });

  it('RP-2: only the rotations that changed are proposed; nothing changed proposes nothing', () => {
    const current = rotationsOfGroup(DEFS, 'g');
    expect(proposalOf(current, {})).toBeNull();
    expect(proposalOf(current, { r1: { ...current[0] } })).toBeNull();
    const r2 = { ...current[1], members: ['b@x'] };
    expect(proposalOf(current, { r1: { ...current[0] }, r2 })).toEqual({ rotations: [r2] });
  });

  it('RP-2: a refusal names the rotation as sent and the field; other paths point nowhere here', () => {
    const sent = [rot('r2'), rot('r3')];
    expect(errorTarget('rotations[1].members[0]', sent)).toEqual({ rotation: 'r3', field: 'members' });
    expect(errorTarget('rotations[0].restrictions[0]: "13:00-25:00" is not a window; write 12:00-18:00.', sent)).toEqual({ rotation: 'r2', field: 'restrictions' });
    expect(errorTarget('rotations[0]', sent)).toEqual({ rotation: 'r2', field: '' });
    expect(errorTarget('rotations[5].start', sent)).toBeNull();
    expect(errorTarget('rotation_groups "g" (current, not in the proposal)', sent)).toBeNull();
    expect(errorTarget(undefined, sent)).toBeNull();
  });

  it('RP-2: hours are edited as one line when every window is a plain time range', () => {
    expect(windowsText(['12:00-18:00', '20:00-22:00'])).toBe('12:00-18:00, 20:00-22:00');
    expect(windowsText(undefined)).toBe('');
    expect(windowsText([{ days: 'weekends', from: '00:00', to: '00:00' }])).toBeNull();
    expect(parseWindows(' 12:00-18:00,20:00-22:00  ')).toEqual(['12:00-18:00', '20:00-22:00']);
    expect(parseWindows('')).toEqual([]);
  });
});
