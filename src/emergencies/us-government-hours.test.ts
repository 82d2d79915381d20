import { describe, expect, it } from 'vitest';
import { instant } from '../kernel/time.ts';
import { DEFAULT_EMERGENCY_CONFIG as C, emergencyConfig } from './config.ts';
import { ticket } from './fixtures.test-helpers.ts';
import { decideAfterHoursHelp, decideUsGovBusinessHoursStart, decideUsGovOffHours, isUsGovOffHours, isWithinUsGovEntitledHours, nextUsGovStart } from './us-government-hours.ts';

const gov = ticket({ id: 't-7', number: 7, form: 'us-government', orgId: 'org-cyberdyne', requesterEmail: 'ops@cyberdyne.example' });

describe('SCH-5: US-government entitled hours (America/Los_Angeles)', () => {
  const rows: [string, string, boolean][] = [
    ['SCH-5: 02:00 PT (summer) is outside 05–17', '2026-07-15T09:00:00Z', false],
    ['SCH-5: 05:00 PT (summer) starts entitled hours', '2026-07-15T12:00:00Z', true],
    ['SCH-5: 16:59 PT (winter) is inside', '2026-11-24T00:59:00Z', true],
    ['SCH-5: 17:00 PT (winter) is outside', '2026-11-24T01:00:00Z', false],
    ['SCH-5: Saturday 10:00 PT is inside (7 days a week)', '2026-11-21T18:00:00Z', true],
  ];
  it.each(rows)('%s', (_n, at, inside) => expect(isWithinUsGovEntitledHours(instant(at), C)).toBe(inside));

  it('SCH-5: older seed hours 06–18 are configuration', () => {
    const old = emergencyConfig({ usGovernment: { entitledStart: '06:00', entitledEnd: '18:00' } });
    expect(isWithinUsGovEntitledHours(instant('2026-07-15T12:30:00Z'), old)).toBe(false); // 05:30 PT
  });

  it('WF-14: 24x7 customers are never off hours; 12x5 are at 02:00 PT', () => {
    const twoAm = instant('2026-11-24T10:00:00Z');
    expect(isUsGovOffHours('24x7', twoAm, C)).toBe(false);
    expect(isUsGovOffHours('12x5', twoAm, C)).toBe(true);
  });

  it('SCH-5: next start across the DST change is 05:00 local (13:00 UTC in winter)', () => {
    // 2026-11-01 is the fall-back day in Los Angeles; 02:00 PDT on Nov 1 is 09:00Z.
    expect(nextUsGovStart(instant('2026-11-01T08:00:00Z'), C).toString()).toBe('2026-11-01T13:00:00Z');
    expect(nextUsGovStart(instant('2026-11-24T10:00:00Z'), C).toString()).toBe('2026-11-24T13:00:00Z');
  });
});

describe('WF-14: off-hours path', () => {
  const twoAm = instant('2026-11-24T10:00:00Z'); // Tuesday 02:00 PT

  it('WF-14: 12x5 at 02:00 PT → team channel post, two-option auto-reply, follow-up at 05:00 PT, no page', () => {
    const d = decideUsGovOffHours({ ticket: gov, orgName: 'Cyberdyne Federal' }, twoAm, C);
    expect(d.pages).toEqual([]);
    expect(d.threadPosts[0]).toMatchObject({ channel: '#spt_us-government', mode: 'channel' });
    expect(d.threadPosts[0].text).toMatch(/start of business hours/);
    const reply = d.comments.find((c) => c.visibility === 'public')!;
    expect(reply.macro).toBe('Off hours emergency request');
    expect(reply.body).toMatch(/1\. Open an emergency in Global Support/);
    expect(reply.body).toMatch(/2\. Wait for US Government Support/);
    expect(d.timersToSet[0]).toMatchObject({ kind: 'usgov-business-hours', key: 'ticket:t-7:usgov-business-hours', onLate: 'fire' });
    expect(d.timersToSet[0].at.toString()).toBe('2026-11-24T13:00:00Z');
  });

  it('WF-14: engineer helps anyway → exception record, manager follower, internal note, timer cancelled', () => {
    const d = decideAfterHoursHelp({ ticket: gov, engineer: 'quinn.harris@example.com', engineersManager: 'walter.kim@example.com' }, twoAm, C);
    expect(d.ticketChanges[0].fields).toMatchObject({ assignee: 'quinn.harris@example.com', addFollowers: ['walter.kim@example.com'] });
    expect(d.records).toContainEqual({ kind: 'after_hours_exception', ticketId: 't-7', engineer: 'quinn.harris@example.com', manager: 'walter.kim@example.com' });
    expect(d.comments.some((c) => c.visibility === 'internal' && /after-hours support/i.test(c.body))).toBe(true);
    expect(d.comments.some((c) => c.visibility === 'public' && /not 24x7/.test(c.body))).toBe(true);
    expect(d.timersToCancel[0].key).toBe('ticket:t-7:usgov-business-hours');
  });

  it('WF-14: at business-hours start an unowned emergency is paged; an owned one is not', () => {
    const onCall = { engineers: ['rosa.martinez@example.com'], dri: 'rosa.martinez@example.com', manager: 'walter.kim@example.com', singleEngineer: true, region: null };
    const at = instant('2026-11-24T13:00:00Z');
    expect(decideUsGovBusinessHoursStart({ ticket: gov, onCall }, at, C).pages[0]).toMatchObject({ target: { kind: 'rotation', id: 'us-government' }, assignTo: 'rosa.martinez@example.com' });
    expect(decideUsGovBusinessHoursStart({ ticket: { ...gov, assignee: 'quinn.harris@example.com' }, onCall }, at, C).pages).toEqual([]);
  });
});
