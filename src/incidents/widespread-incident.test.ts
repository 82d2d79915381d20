import { describe, expect, it } from 'vitest';
import { DEFAULT_EMERGENCY_CONFIG as C, emergencyConfig } from '../emergencies/index.ts';
import { AMER_ONCALL, ticket, TUESDAY } from '../emergencies/fixtures.test-helpers.ts';
import {
  bulkResponseText, canResolveIncident, decideDeclareIncident, decideOfferIncident, joinedPageAction, membershipAtDeclaration, decideIncidentIssueAvailable, decideIncidentTriage, decideJoinIncident, detectWidespreadIncident,
  shouldJoinIncident, ticketsToRespond,
} from './widespread-incident.ts';

// 50 SaaS emergencies in 25 minutes (one every 30 s) before TUESDAY.
const fifty = Array.from({ length: 50 }, (_, i) =>
  ticket({ id: `t-${1000 + i}`, number: 1000 + i, form: 'saas', orgId: `org-${i}`, createdAt: TUESDAY.subtract({ seconds: 30 * i }) }),
);
const UNRELATED = new Set(['t-1003', 't-1020', 't-1041']);
const incident = { number: 12345, statusPageUrl: 'https://status.example.com', incidentIssueUrl: null };

describe('WF-10: widespread incident', () => {
  it('WF-10: 50 emergencies in 25 minutes → detected', () => {
    const d = detectWidespreadIncident(fifty, TUESDAY, C);
    expect(d.detected).toBe(true);
    expect(d.count).toBe(50);
  });

  it('WF-10: below the threshold, outside the window or already tagged → not detected', () => {
    expect(detectWidespreadIncident(fifty.slice(0, 4), TUESDAY, C).detected).toBe(false);
    expect(detectWidespreadIncident(fifty, TUESDAY.add({ hours: 2 }), C).detected).toBe(false);
    expect(detectWidespreadIncident(fifty.map((t) => ({ ...t, tags: ['incident-12345'] })), TUESDAY, C).detected).toBe(false);
    expect(detectWidespreadIncident(fifty.slice(0, 4), TUESDAY, emergencyConfig({ incident: { detectionThreshold: 3 } })).detected).toBe(true);
  });

  it('WF-10: declare → incident record with tag incident-<number>, shared response in #support_gitlab-com, silencing suggested (PG-7)', () => {
    const d = decideDeclareIncident({ incident, ticketIds: fifty.map((t) => t.id) }, TUESDAY, C);
    expect(d.records[0]).toMatchObject({ kind: 'incident', tag: 'incident-12345' });
    expect(d.threadPosts[0].channel).toBe('#support_gitlab-com');
    expect(d.notices.map((n) => n.code)).toContain('incident.silence');
  });

  it('WF-10: bulk response without an issue promises the tracking link; with one, says Solved and "reply if trouble remains"', () => {
    expect(bulkResponseText(incident, C)).toMatch(/follow up with a link to the tracking issue/);
    const withIssue = bulkResponseText({ ...incident, incidentIssueUrl: 'https://issues.example/prod/1' }, C);
    expect(withIssue).toMatch(/https:\/\/issues.example\/prod\/1/);
    expect(withIssue).toMatch(/Solved.*reply here/);
    expect(withIssue).toMatch(/@gitlabstatus/);
  });

  it('WF-10: 50 emergencies of which 3 unrelated → 47 tagged, answered and left open; 3 split out to WF-6', () => {
    const items = fifty.map((t) => ({ ticket: t, related: !UNRELATED.has(t.id) }));
    const open = [{ ticketId: 't-900', owner: 'bruno.costa@example.com' }]; // the DRI is working the incident
    const { results, decision } = decideIncidentTriage({ incident, items, onCall: AMER_ONCALL, openEmergencies: open, rotation: 'customer-emergencies' }, TUESDAY, C);
    expect(results.filter((r) => r.outcome === 'related_open')).toHaveLength(47);
    expect(results.filter((r) => r.outcome === 'split_out').map((r) => r.ticketId)).toEqual(['t-1003', 't-1020', 't-1041']);
    const related = decision.ticketChanges.filter((c) => c.fields.addTags?.includes('incident-12345'));
    expect(related).toHaveLength(47);
    expect(related.every((c) => c.fields.status === 'open')).toBe(true);
    expect(decision.comments.filter((c) => c.visibility === 'public' && c.macro === 'Support::SaaS::Gitlab.com::Incident First Response')).toHaveLength(47);
    // Split-out tickets: two free overlapping engineers take two, the manager the third.
    expect(decision.pages.map((p) => [p.ticketId, p.target.kind, p.assignTo])).toEqual([
      ['t-1003', 'rotation', 'alice.nguyen@example.com'],
      ['t-1020', 'rotation', 'carmen.diaz@example.com'],
      ['t-1041', 'manager_on_call', 'tara.brooks@example.com'],
    ]);
  });

  it('WF-10: incident issue known at triage → related tickets solved at once', () => {
    const { results } = decideIncidentTriage({ incident: { ...incident, incidentIssueUrl: 'https://issues.example/prod/1' }, items: [{ ticket: fifty[0], related: true }], onCall: AMER_ONCALL, openEmergencies: [], rotation: 'customer-emergencies' }, TUESDAY, C);
    expect(results[0].outcome).toBe('related_solved');
  });

  it('WF-10: the issue appears later → open related tickets solved with "reply if trouble remains"', () => {
    const openRelated = fifty.slice(0, 3).map((t) => ({ ...t, status: 'open' as const, tags: ['incident-12345'] }));
    const d = decideIncidentIssueAvailable({ incident: { ...incident, incidentIssueUrl: 'https://issues.example/prod/1' }, openRelated }, TUESDAY, C);
    expect(d.ticketChanges.map((c) => c.fields.status)).toEqual(['solved', 'solved', 'solved']);
    expect(d.comments[0].body).toMatch(/still have trouble.*reply here/);
  });

  const open = { ...incident, state: 'open' as const, lastJoinedAt: TUESDAY.subtract({ minutes: 10 }) };
  it.each([
    ['WF-10: an urgent SaaS emergency while the incident draws emergencies → joins', {}, open, true],
    ['WF-10: a self-managed emergency is not about a SaaS incident → pages as usual', { form: 'self-managed' as const }, open, false],
    ['WF-10: not urgent → no emergency to group', { priority: 'high' as const }, open, false],
    ['WF-10: already tagged for another incident → stays there', { tags: ['incident-99'] }, open, false],
    ['WF-10: the incident is resolved → pages as usual', {}, { ...open, state: 'resolved' as const }, false],
    ['WF-10: nothing joined for longer than the detection window → pages as usual', {}, { ...open, lastJoinedAt: TUESDAY.subtract({ minutes: 31 }) }, false],
  ])('%s', (_name, over, inc, expected) => {
    expect(shouldJoinIncident({ ...fifty[0], ...over }, inc, TUESDAY, C)).toBe(expected);
  });

  it('WF-10: joining tags the emergency and says so on the thread', () => {
    const join = decideJoinIncident({ ticket: fifty[0], incident, channel: '#c', pagedOnItsOwn: false }, TUESDAY, C);
    expect(join.ticketChanges).toEqual([{ ticketId: 't-1000', fields: { addTags: ['incident-12345'] } }]);
    expect(join.threadPosts[0].text).toMatch(/grouped into incident 12345.*no separate page/);
    expect(decideJoinIncident({ ticket: fifty[0], incident, channel: '#c', pagedOnItsOwn: true }, TUESDAY, C).threadPosts[0].text).toMatch(/acknowledged together with the incident.s page/);
  });

  it('WF-10: the response goes to related tickets not yet answered; once the issue exists, to the still-unsolved ones too', () => {
    const rows = [
      { ticketId: 'a', relation: 'related' as const, respondedAt: null, status: 'new' },
      { ticketId: 'b', relation: 'related' as const, respondedAt: '2026-11-24T15:00:00Z', status: 'open' },
      { ticketId: 'c', relation: 'split_out' as const, respondedAt: null, status: 'open' },
      { ticketId: 'd', relation: 'related' as const, respondedAt: null, status: 'closed' },
      { ticketId: 'e', relation: 'related' as const, respondedAt: '2026-11-24T15:00:00Z', status: 'solved' },
    ];
    expect(ticketsToRespond(rows, false)).toEqual(['a']);
    expect(ticketsToRespond(rows, true)).toEqual(['a', 'b']);
  });

  it('WF-10, PG-7: at detection, emergencies already paged on their own are offered to join; a person\'s choice joins them', () => {
    expect(membershipAtDeclaration({ chosenByPerson: false, pagedOnItsOwn: true })).toBe('candidate');
    expect(membershipAtDeclaration({ chosenByPerson: false, pagedOnItsOwn: false })).toBe('related');
    expect(membershipAtDeclaration({ chosenByPerson: true, pagedOnItsOwn: true })).toBe('related');
    const d = decideOfferIncident({ ticket: fifty[0], incident, channel: '#t' }, TUESDAY, C);
    expect(d.ticketChanges).toEqual([]); // no tag until it joins
    expect(d.threadPosts[0].text).toMatch(/paged on its own before incident 12345.*join it/s);
  });

  it('PG-7: a joined page is acknowledged with the incident page — now if that one is acknowledged, else with it; never re-acknowledged', () => {
    expect(joinedPageAction('triggered', 'triggered')).toBe('with_incident');
    expect(joinedPageAction('acknowledged', 'triggered')).toBe('acknowledge_now');
    expect(joinedPageAction('resolved', 'triggered')).toBe('acknowledge_now');
    expect(joinedPageAction('acknowledged', 'acknowledged')).toBe('none');
    expect(joinedPageAction('acknowledged', 'resolved')).toBe('none');
    expect(joinedPageAction(null, null)).toBe('none');
  });

  it('WF-10, PG-2: the incident resolves once every related, not closed ticket has a public reply; offered and split ones do not count', () => {
    const row = (n: number, o: Partial<Parameters<typeof canResolveIncident>[0][number]> = {}) => ({ ticketNumber: n, relation: 'related' as const, hasPublicReply: true, status: 'open', ...o });
    expect(canResolveIncident([row(1), row(2, { relation: 'candidate', hasPublicReply: false }), row(3, { relation: 'split_out', hasPublicReply: false }), row(4, { status: 'closed', hasPublicReply: false })])).toEqual({ ok: true });
    expect(canResolveIncident([])).toEqual({ ok: true });
    const v = canResolveIncident([row(1), row(2, { hasPublicReply: false })]);
    expect(v).toMatchObject({ ok: false, code: 'incident.public_reply_required', tickets: [2] });
    expect(!v.ok && v.reason).toMatch(/#2/);
  });
});
