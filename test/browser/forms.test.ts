// What the editing forms send: only changed profile fields, cleared text as null, a complete
// subscription with blanks as null, handles with their "@".
import { describe, expect, it } from 'vitest';
import { profilePatch } from '../../web/src/people/ProfileForm.tsx';
import { toInput } from '../../web/src/orgs/OrgForm.tsx';
import { normaliseHandle } from '../../web/src/teams/TeamForm.tsx';

const base = { name: 'Alice Nguyen', role: 'engineer' as const, title: 'csm', timeZone: 'America/New_York', region: 'AMER' };

describe('profile form patch', () => {
  it.each([
    ['nothing changed → empty patch', {}, true, {}],
    ['name is trimmed', { name: '  Alice N. ' }, true, { name: 'Alice N.' }],
    ['emptied title and region are cleared with null', { title: ' ', region: '' }, true, { title: null, region: null }],
    ['role is sent only when the editor may change it', { role: 'manager' as const }, false, {}],
    ['role change by an admin', { role: 'manager' as const }, true, { role: 'manager' }],
    ['time zone', { timeZone: 'Europe/Lisbon' }, true, { timeZone: 'Europe/Lisbon' }],
  ])('%s', (_name, change, canChangeRole, expected) => {
    expect(profilePatch(base, { ...base, ...change }, canChangeRole)).toEqual(expected);
  });
});

describe('organisation form input', () => {
  it('blank dates, seats, package and account team become null; the rest passes through', () => {
    const input = toInput({
      name: ' Zephyr ', planTier: 'premium', supportPackage: 'none', deployment: 'saas', startsOn: '2026-01-01', endsOn: '',
      trial: true, seats: '', purchasedOn: '', csm: 'u1', ase: '', notes: '  ',
    });
    expect(input).toEqual({
      name: 'Zephyr', csm: 'u1', ase: null, notes: null,
      subscription: { planTier: 'premium', supportPackage: null, deployment: 'saas', startsOn: '2026-01-01', endsOn: null, trial: true, seats: null, purchasedOn: null },
    });
  });

  it('seats 0 stays 0 (not "unknown")', () => {
    const input = toInput({
      name: 'X', planTier: 'free', supportPackage: 'standard', deployment: 'self_managed', startsOn: '', endsOn: '',
      trial: false, seats: 0, purchasedOn: '', csm: '', ase: '', notes: '',
    });
    expect(input.subscription?.seats).toBe(0);
    expect(input.subscription?.supportPackage).toBe('standard');
  });
});

describe('team handle', () => {
  it.each([
    ['support-emea', '@support-emea'],
    [' @Night-Shift ', '@night-shift'],
    ['', ''],
  ])('%j → %j', (raw, expected) => expect(normaliseHandle(raw)).toBe(expected));
});
