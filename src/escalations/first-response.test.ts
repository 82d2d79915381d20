// SM-10: the first-response watch's rules, table-driven: which region a ticket counts for, the
// counts per region, and "once per build-up".
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIRST_RESPONSE, buildUpText, countByRegion, regionOf, watchStep } from './first-response.ts';

const regions = DEFAULT_FIRST_RESPONSE.regions;

describe('SM-10 first-response watch rules', () => {
  it.each([
    ['the requester\'s own region wins', { region: 'EMEA', zone: 'America/Chicago' }, 'EMEA'],
    ['an unknown own region falls back to the zone', { region: 'MARS', zone: 'Europe/Paris' }, 'EMEA'],
    ['a zone prefix', { region: null, zone: 'Australia/Sydney' }, 'APAC'],
    ['America/ before the catch-all', { region: null, zone: 'America/Sao_Paulo' }, 'AMER'],
    ['UTC goes to the region listing *', { region: null, zone: 'UTC' }, 'AMER'],
  ])('SM-10 region: %s', (_n, who, want) => {
    expect(regionOf(who, regions)).toBe(want);
  });

  it('SM-10 region: no region listing * leaves an unmatched zone unwatched', () => {
    expect(regionOf({ region: null, zone: 'UTC' }, { EMEA: { channel: '#x', zones: ['Europe/'], threshold: 1 } })).toBeNull();
  });

  it('SM-10 counts per region, every region present, soonest due first', () => {
    const t = (number: number, dueAt: string, zone: string, region: string | null = null) => ({ number, dueAt, requesterZone: zone, requesterRegion: region });
    const c = countByRegion([t(3, '2026-11-24T16:00:00Z', 'Europe/Paris'), t(1, '2026-11-24T15:30:00Z', 'Europe/Berlin'), t(2, '2026-11-24T15:10:00Z', 'America/Chicago')], regions);
    expect(c).toEqual({ AMER: [{ number: 2, dueAt: '2026-11-24T15:10:00Z' }], EMEA: [{ number: 1, dueAt: '2026-11-24T15:30:00Z' }, { number: 3, dueAt: '2026-11-24T16:00:00Z' }], APAC: [] });
  });

  it.each([
    ['below the threshold, quiet', false, 2, 3, { tell: false, building: false }],
    ['reaches the threshold: tell', false, 3, 3, { tell: true, building: true }],
    ['past it: tell', false, 7, 3, { tell: true, building: true }],
    ['still building: no repeat', true, 4, 3, { tell: false, building: true }],
    ['still at the threshold: no repeat', true, 3, 3, { tell: false, building: true }],
    ['falls below: the build-up ends, quietly', true, 2, 3, { tell: false, building: false }],
    ['after falling, rises again: tell again', false, 3, 3, { tell: true, building: true }],
  ])('SM-10 once per build-up: %s', (_n, building, count, threshold, want) => {
    const got = watchStep(building, count, threshold);
    expect(got.tell).toBe(want.tell);
    expect(got).toEqual(want);
  });

  it('SM-10 the message names the manager, the region, the margin, the overdue ones and the tickets', () => {
    const text = buildUpText({ region: 'EMEA', count: 2, marginMinutes: 60, manager: 'Umar Farouk', now: '2026-11-24T15:20:00Z', tickets: [{ number: 1, dueAt: '2026-11-24T15:10:00Z' }, { number: 3, dueAt: '2026-11-24T16:00:00Z' }] });
    expect(text).toBe('@Umar Farouk: EMEA: 2 new tickets have no first reply and are within 60 min of their first-reply target (1 already overdue). Please take new tickets: #1 (due 15:10 UTC), #3 (due 16:00 UTC).');
  });
});
