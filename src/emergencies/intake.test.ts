import { describe, expect, it } from 'vitest';
import { instant } from '../kernel/time.ts';
import { DEFAULT_EMERGENCY_CONFIG as C } from './config.ts';
import { entitlementVerdict } from './entitlement.ts';
import { AMER_ONCALL, AMER_SINGLE, orgs, SATURDAY, ticket, TUESDAY } from './fixtures.test-helpers.ts';
import { decideIntake, decideNewEmergency, routeEmergency } from './intake.ts';
import { decideManualEmergency, decidePageEngineer } from './manual-trigger.ts';
import { pageTitle } from './decision.ts';

const O = orgs(TUESDAY);
const verdict = (org: (typeof O)[keyof typeof O] | null, t = ticket()) => entitlementVerdict({ ticket: t, org }, TUESDAY, C);

describe('WF-1: routing by form', () => {
  const rows: [string, Parameters<typeof ticket>[0], keyof typeof O, string, string][] = [
    ['WF-1: self-managed → global rotation, #support_self-managed', { form: 'self-managed' }, 'acme', 'customer-emergencies', '#support_self-managed'],
    ['WF-1: SaaS → global rotation, #support_gitlab-com', { form: 'saas' }, 'globex', 'customer-emergencies', '#support_gitlab-com'],
    ['WF-1: US-government → US-government rotation, #spt_us-government', { form: 'us-government' }, 'tyrell', 'us-government', '#spt_us-government'],
    ['WF-12: SaaS licence emergency → #support_gitlab-com', { form: 'licensing' }, 'globex', 'customer-emergencies', '#support_gitlab-com'],
  ];
  it.each(rows)('%s', (_n, t, org, rotation, channel) => {
    const r = routeEmergency({ ticket: ticket(t), org: O[org] }, TUESDAY, C);
    expect(r).toMatchObject({ rotation, channel });
  });
});

describe('WF-1: intake decision', () => {
  it('WF-1: entitled emergency → page DRI, open "thread for emergency ticket N", cc CSM, notify ASE', () => {
    const t = ticket({ subject: 'Prod down: 502 on every push', orgName: 'Acme Corp' });
    const { decision, plan } = decideIntake({ ticket: t, org: O.acme, entitlement: verdict(O.acme, t), onCall: AMER_ONCALL, openEmergencies: [], plannedWork: [] }, TUESDAY, C);
    expect(plan).toEqual({ kind: 'dri', engineer: 'bruno.costa@example.com' });
    expect(decision.pages[0]).toMatchObject({ target: { kind: 'rotation', id: 'customer-emergencies' }, assignTo: 'bruno.costa@example.com', title: 'Acme Corp — Prod down: 502 on every push (ticket 101)' });
    expect(decision.threadPosts[0]).toMatchObject({ channel: '#support_self-managed', mode: 'open' });
    expect(decision.threadPosts[0].text).toMatch(/^Thread for emergency ticket 101/);
    expect(decision.ticketChanges[0].fields.addCcs).toEqual(['zoe.adams@example.com']);
    expect(decision.mentions.map((m) => m.who)).toEqual(['zoe.adams@example.com', 'bella.cruz@example.com']);
    expect(decision.runbookTicks.map((r) => r.item)).toContain('thread_opened');
  });

  it('WF-16: the ASE planned-work note is shown at intake (only inside its window)', () => {
    const note = { orgId: 'org-acme', author: 'bella.cruz@example.com', text: 'Upgrade to 17.2 tonight; rollback plan in ticket 88', from: instant('2026-11-24T00:00:00Z'), until: instant('2026-11-26T00:00:00Z') };
    const base = { ticket: ticket(), org: O.acme, entitlement: verdict(O.acme), onCall: AMER_ONCALL, openEmergencies: [] };
    const shown = decideIntake({ ...base, plannedWork: [note] }, TUESDAY, C).decision.notices.filter((n) => n.code === 'intake.planned_work');
    expect(shown[0].text).toMatch(/Upgrade to 17.2/);
    const later = decideIntake({ ...base, plannedWork: [note] }, instant('2026-11-27T00:00:00Z'), C).decision.notices.filter((n) => n.code === 'intake.planned_work');
    expect(later).toEqual([]);
  });

  it('ENT-3: below-premium emergency → nobody paged, no thread', () => {
    const { decision } = decideIntake({ ticket: ticket(), org: O.umbrella, entitlement: verdict(O.umbrella), onCall: AMER_ONCALL, openEmergencies: [], plannedWork: [] }, TUESDAY, C);
    expect(decision.pages).toEqual([]);
    expect(decision.threadPosts).toEqual([]);
  });

  it('ENT-2: needs-org emergency is still paged (the engineer links the requester)', () => {
    const t = ticket({ orgId: null, requesterEmail: 'walkin@mail.example' });
    const { decision } = decideIntake({ ticket: t, org: null, entitlement: verdict(null, t), onCall: AMER_ONCALL, openEmergencies: [], plannedWork: [] }, TUESDAY, C);
    expect(decision.pages).toHaveLength(1);
  });

  it('WF-14: US-government 12x5 at 02:00 PT → no page, team channel post and auto-reply', () => {
    const t = ticket({ form: 'us-government', orgId: 'org-cyberdyne' });
    const twoAm = instant('2026-11-24T10:00:00Z');
    const { decision, route } = decideIntake({ ticket: t, org: O.cyberdyne, entitlement: verdict(O.cyberdyne, t), onCall: AMER_ONCALL, openEmergencies: [], plannedWork: [] }, twoAm, C);
    expect(route.usGov).toEqual({ coverage: '12x5', offHours: true });
    expect(decision.pages).toEqual([]);
    expect(decision.threadPosts[0].channel).toBe('#spt_us-government');
    expect(decision.comments.some((c) => c.macro === 'Off hours emergency request')).toBe(true);
  });

  it('WF-14: US-government 24x7 at 02:00 PT → paged on the US-government rotation', () => {
    const t = ticket({ form: 'us-government', orgId: 'org-tyrell' });
    const usgov = { engineers: ['sam.taylor@example.com'], dri: 'sam.taylor@example.com', manager: 'walter.kim@example.com', singleEngineer: true, region: null };
    const { decision } = decideIntake({ ticket: t, org: O.tyrell, entitlement: verdict(O.tyrell, t), onCall: usgov, openEmergencies: [], plannedWork: [] }, instant('2026-11-24T10:00:00Z'), C);
    expect(decision.pages[0]).toMatchObject({ target: { id: 'us-government' }, assignTo: 'sam.taylor@example.com' });
  });

  it('WF-6: concurrent emergency in a single-engineer hour → manager on call, not the busy engineer', () => {
    const { decision, plan } = decideIntake({ ticket: ticket({ id: 't-2', number: 2 }), org: O.acme, entitlement: verdict(O.acme), onCall: AMER_SINGLE, openEmergencies: [{ ticketId: 't-1', owner: 'alice.nguyen@example.com' }], plannedWork: [] }, TUESDAY, C);
    expect(plan!.kind).toBe('manager');
    expect(decision.pages[0].target.kind).toBe('manager_on_call');
    expect(decision.mentions.map((m) => m.who)).toContain('@support-team-americas');
  });

  it('WF-13: dedicated emergency pings the dedicated focus group', () => {
    const t = ticket({ form: 'dedicated', orgId: 'org-initech' });
    const { decision } = decideIntake({ ticket: t, org: O.initech, entitlement: verdict(O.initech, t), onCall: AMER_ONCALL, openEmergencies: [], plannedWork: [] }, TUESDAY, C);
    expect(decision.mentions.map((m) => m.who)).toContain('@spt_focus-dedicated');
  });
});

describe('WF-1 + WF-3: decideNewEmergency', () => {
  it('WF-3: entitlement runs with intake — verdict shown, entitlement ticked, page sent', () => {
    const out = decideNewEmergency({ ticket: ticket(), org: O.acme, onCall: AMER_ONCALL, openEmergencies: [], plannedWork: [] }, TUESDAY, C);
    expect(out.verdict.kind).toBe('entitled');
    expect(out.decision.runbookTicks.map((r) => r.item)).toEqual(['entitlement_checked', 'thread_opened']);
    expect(out.decision.pages).toHaveLength(1);
  });

  it('WF-12: licence emergency on a Saturday shows the path that applies now', () => {
    const sat = orgs(SATURDAY);
    const out = decideNewEmergency({ ticket: ticket({ form: 'licensing' }), org: sat.wayne, onCall: AMER_ONCALL, openEmergencies: [], plannedWork: [] }, SATURDAY, C);
    expect(out.decision.notices.find((n) => n.code === 'licence.path')!.text).toMatch(/weekend_in_grace/);
  });
});

describe('PG-5: manual triggers', () => {
  it('PG-5: a manager turns a ticket into an emergency; an engineer may not', () => {
    const t = ticket({ priority: 'high' });
    const d = decideManualEmergency({ ticket: t, actor: { email: 'tara.brooks@example.com', role: 'manager' }, reason: 'escalation qualifies' }, TUESDAY, C);
    expect(d.ticketChanges[0].fields.priority).toBe('urgent');
    expect(d.comments[0].macro).toBe('Support::Managers::Trigger manual emergency');
    expect(() => decideManualEmergency({ ticket: t, actor: { email: 'alice.nguyen@example.com', role: 'engineer' }, reason: 'x' }, TUESDAY, C)).toThrow(expect.objectContaining({ code: 'emergency.manual_trigger_manager_only' }));
  });

  it('PG-5: paging an unreachable engineer → page titled with the organisation, subject and ticket number', () => {
    const d = decidePageEngineer({ ticket: ticket({ subject: 'Backups fail', orgName: 'Acme Corp' }), engineer: 'carmen.diaz@example.com', by: 'alice.nguyen@example.com' }, TUESDAY, C);
    expect(d.pages[0]).toMatchObject({ target: { kind: 'user', id: 'carmen.diaz@example.com' }, title: 'Acme Corp — Backups fail (ticket 101)' });
  });

  it('a page title falls back to the requester without an organisation, and to the number alone', () => {
    expect(pageTitle(ticket({ subject: 'Site down', orgName: null }))).toBe(`${ticket().requesterEmail} — Site down (ticket 101)`);
    expect(pageTitle(ticket({ subject: '  ', orgName: null, requesterEmail: '' }))).toBe('Emergency ticket 101');
  });
});
