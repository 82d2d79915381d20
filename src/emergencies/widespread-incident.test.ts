import { describe, expect, it } from 'vitest';
import { DEFAULT_EMERGENCY_CONFIG as C, emergencyConfig } from './config.ts';
import { AMER_ONCALL, ticket, TUESDAY } from './fixtures.test-helpers.ts';
import { bulkResponseText, decideDeclareIncident, decideIncidentIssueAvailable, decideIncidentTriage, detectWidespreadIncident } from './widespread-incident.ts';

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
});
