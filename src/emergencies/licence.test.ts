import { describe, expect, it } from 'vitest';
import { DEFAULT_EMERGENCY_CONFIG as C, emergencyConfig } from './config.ts';
import { AMER_ONCALL, orgs, SATURDAY, ticket, TUESDAY } from './fixtures.test-helpers.ts';
import { decideLicenceEmergency, decideLicenceUnblocked, decideTrialExtension, licencePath, type LicencePath } from './licence.ts';

const O = orgs(SATURDAY);
const T = ticket({ form: 'licensing', status: 'open' });

describe('WF-12: licence emergency paths', () => {
  const withEnd = (endsOn: string) => ({ ...O.wayne, subscription: { ...O.wayne.subscription!, endsOn } });
  const rows: [string, typeof O.wayne, typeof SATURDAY, LicencePath][] = [
    ['WF-12: weekday → licensing team, manager DRI', O.wayne, TUESDAY, 'weekday_licensing_team'],
    ['WF-12/ENT-5: Saturday, expired 10 days ago → inside grace on Monday', O.wayne, SATURDAY, 'weekend_in_grace'],
    ['WF-12/ENT-5: Saturday, expired 20 days ago → weekend licence request', O.stark, SATURDAY, 'weekend_licence_request'],
    ['WF-12/ENT-5: Saturday, grace ends Sunday → not active on Monday', withEnd('2026-11-08'), SATURDAY, 'weekend_licence_request'],
    ['WF-12/ENT-5: Saturday, grace ends Monday → still active', withEnd('2026-11-09'), SATURDAY, 'weekend_in_grace'],
    ['WF-12: SaaS at the weekend → trial-extension path', O.globex, SATURDAY, 'weekend_trial_extension'],
  ];
  it.each(rows)('%s', (_n, org, now, path) => {
    expect(licencePath({ ticket: T, org, onCall: AMER_ONCALL }, now, C)).toBe(path);
  });

  it('WF-12: a trial gets no grace (ENT-5)', () => {
    const trial = { ...O.wayne, subscription: { ...O.wayne.subscription!, trial: true } };
    expect(licencePath({ ticket: T, org: trial, onCall: AMER_ONCALL }, SATURDAY, C)).toBe('weekend_licence_request');
  });

  it('WF-12: weekday → post to #support_licensing-subscription, manager on call is DRI', () => {
    const { decision } = decideLicenceEmergency({ ticket: T, org: O.wayne, onCall: AMER_ONCALL }, TUESDAY, C);
    expect(decision.threadPosts[0].channel).toBe('#support_licensing-subscription');
    expect(decision.ticketChanges[0].fields.assignee).toBe('tara.brooks@example.com');
    expect(decision.mentions.map((m) => m.who)).toEqual(['@support-licensing', 'tara.brooks@example.com']);
  });

  it('WF-12: expired 10 days on a Saturday → grace reminder, emergency closed, asked to open an L&R ticket', () => {
    const { decision } = decideLicenceEmergency({ ticket: T, org: O.wayne, onCall: AMER_ONCALL }, SATURDAY, C);
    expect(decision.ticketChanges[0].fields.status).toBe('closed');
    expect(decision.comments[0].body).toMatch(/14-day grace period.*standard licensing and renewals case.*open a new licensing and renewals ticket/s);
  });

  it('WF-12: older variant → lower priority and inform the licensing team instead of closing', () => {
    const cfg = emergencyConfig({ licence: { weekendInGraceAction: 'lower_priority_and_inform_licensing' } });
    const { decision } = decideLicenceEmergency({ ticket: T, org: O.wayne, onCall: AMER_ONCALL }, SATURDAY, cfg);
    expect(decision.ticketChanges[0].fields).toEqual({ priority: 'high' });
    expect(decision.mentions[0].who).toBe('@support-licensing');
  });

  it('WF-12: expired 20 days on a Saturday → stays an emergency, weekend licence-request workflow shown', () => {
    const { decision } = decideLicenceEmergency({ ticket: T, org: O.stark, onCall: AMER_ONCALL }, SATURDAY, C);
    expect(decision.ticketChanges).toEqual([]);
    expect(decision.notices[0].code).toBe('licence.weekend_request');
  });

  it('WF-12: SaaS weekend → sign-off macro, pending, change guarded until written confirmation', () => {
    const { decision } = decideLicenceEmergency({ ticket: T, org: O.globex, onCall: AMER_ONCALL }, SATURDAY, C);
    expect(decision.comments[0].macro).toBe('Trial Subscription - Exclusions Sign Off');
    expect(decision.records).toContainEqual({ kind: 'guard', ticketId: 't-101', guard: 'trial_change_needs_written_confirmation', active: true });
  });

  it('WF-12: no change before written confirmation from the requester', () => {
    const base = { ticket: T, namespace: 'globex', plan: 'ultimate' };
    expect(() => decideTrialExtension({ ...base, writtenConfirmation: null }, SATURDAY, C)).toThrow(expect.objectContaining({ code: 'licence.written_confirmation_required' }));
    expect(() => decideTrialExtension({ ...base, writtenConfirmation: { commentId: 'c1', from: 'someone@else.example' } }, SATURDAY, C)).toThrow();
    const d = decideTrialExtension({ ...base, writtenConfirmation: { commentId: 'c9', from: 'rita@acme.example' } }, SATURDAY, C);
    expect(d.records[0]).toEqual({ kind: 'trial_extension', ticketId: 't-101', namespace: 'globex', plan: 'ultimate', endsOn: '2026-12-01' });
  });

  it('WF-12: customer confirms → emergency closed, licensing channel alerted', () => {
    const d = decideLicenceUnblocked({ ticket: T, orgName: 'Globex Cloud' }, SATURDAY, C);
    expect(d.ticketChanges[0].fields.status).toBe('closed');
    expect(d.threadPosts[0].channel).toBe('#support_licensing-subscription');
  });
});
