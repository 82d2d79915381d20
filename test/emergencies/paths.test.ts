// The engineer's path actions over real HTTP on every engine: SaaS categories and two-way-door
// actions (WF-11), licence paths with the trial extension gated on the customer's written
// confirmation (WF-12), and "might become an emergency" on an ordinary ticket (WF-7).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode } from './helpers.ts';

describe.each(testEngines())('emergency paths on %s (Tuesday)', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  beforeAll(async () => {
    n = await emergencyNode(engine, '2026-11-24T17:00:00Z');
  }, 30_000);
  afterAll(() => n?.close());
  const show = async (num: number) => (await n.admin('GET', `/api/v1/emergencies/${num}`)).body;

  it('WF-11: a SaaS category tags the ticket and writes its next steps; customer data pages the manager on call', async () => {
    const t = await n.urgent('gus@globex.example', 'Pipelines fail after upgrade', 'saas');
    const r = await n.admin('POST', `/api/v1/emergencies/${t.number}/saas-category`, { category: 'regression' });
    expect(r.status, r.text).toBe(200);
    const tk = await n.ticket(t.id);
    expect(tk.ticket.tags).toContain('saas_emergency_regression');
    expect(tk.comments.some((c: any) => !c.isPublic && c.body.includes('If several customers are affected, declare an incident.'))).toBe(true);
    const pagesBefore = (await show(t.number)).pages.length;
    expect((await n.admin('POST', `/api/v1/emergencies/${t.number}/saas-category`, { category: 'customer_data' })).status).toBe(200);
    const after = await n.ticket(t.id);
    expect(after.ticket.tags).toContain('saas_emergency_customer_data');
    expect(after.ticket.tags).not.toContain('saas_emergency_regression');
    expect((await show(t.number)).pages.length).toBe(pagesBefore + 1);
  });

  it('WF-11: two-way-door actions are recorded on SaaS emergencies and refused elsewhere', async () => {
    const saas = await n.urgent('gus@globex.example', 'Storage limit blocks pushes', 'saas');
    const ok = await n.admin('POST', `/api/v1/emergencies/${saas.number}/two-way-door`, { action: 'add storage', detail: '10 GB courtesy until the purchase completes' });
    expect(ok.status, ok.text).toBe(200);
    expect((await show(saas.number)).records.some((r: any) => r.kind === 'two_way_door' && r.data.detail.includes('10 GB'))).toBe(true);
    const sm = await n.urgent('rita@acme.example', 'Self-managed outage');
    const no = await n.admin('POST', `/api/v1/emergencies/${sm.number}/two-way-door`, { action: 'toggle flag', detail: 'x' });
    expect([no.status, no.body.error.code]).toEqual([400, 'emergency.two_way_door_saas_only']);
  });

  it('bad input: an unknown category, a missing field, an unknown emergency', async () => {
    const t = await n.urgent('gus@globex.example', 'Another SaaS problem', 'saas');
    const bad = await n.admin('POST', `/api/v1/emergencies/${t.number}/saas-category`, { category: 'gremlins' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'emergency.unknown_saas_category']);
    expect((await n.admin('POST', `/api/v1/emergencies/${t.number}/two-way-door`, { action: 'x' })).status).toBe(400);
    const none = await n.admin('POST', '/api/v1/emergencies/999999/saas-category', { category: 'regression' });
    expect([none.status, none.body.error.code]).toEqual([404, 'emergency.not_found']);
  });

  it('WF-12 weekday: the licensing team is brought in and the manager on call is DRI', async () => {
    const t = await n.urgent('lucius@wayne.example', 'Licence expired', 'licensing');
    const r = await n.admin('POST', `/api/v1/emergencies/${t.number}/licence-path`, {});
    expect(r.status, r.text).toBe(200);
    const e = await show(t.number);
    expect(e.thread.some((p: any) => p.text.includes('@support-licensing: licence emergency ticket'))).toBe(true);
    const tk = await n.ticket(t.id);
    expect(tk.comments.some((c: any) => !c.isPublic && c.body.startsWith('WF-12 weekday: handed to the licensing team'))).toBe(true);
  });

  it('WF-12: a trial extension is refused until the requester confirms in writing, then recorded; unblocked closes it', async () => {
    const t = await n.urgent('thorn@soylent.example', 'Trial ends during migration', 'licensing');
    const refused = await n.admin('POST', `/api/v1/emergencies/${t.number}/trial-extension`, { namespace: 'soylent-green' });
    expect([refused.status, refused.body.error.code]).toEqual([400, 'licence.written_confirmation_required']);
    // a staff note is no confirmation from the customer
    expect((await n.admin('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'I confirm on their behalf', public: true })).status).toBe(201);
    const staffNote = (await n.ticket(t.id)).comments.find((x: any) => x.body === 'I confirm on their behalf').id;
    const byStaff = await n.admin('POST', `/api/v1/emergencies/${t.number}/trial-extension`, { namespace: 'soylent-green', confirmationCommentId: staffNote });
    expect([byStaff.status, byStaff.body.error.code]).toEqual([400, 'licence.written_confirmation_required']);
    const thorn = await n.as('thorn@soylent.example');
    const c = await thorn('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'I confirm the trial exclusions.', public: true });
    expect(c.status, c.text).toBe(201);
    const commentId = (await n.ticket(t.id)).comments.find((x: any) => x.body === 'I confirm the trial exclusions.').id;
    const ok = await n.admin('POST', `/api/v1/emergencies/${t.number}/trial-extension`, { namespace: 'soylent-green', plan: 'ultimate', confirmationCommentId: commentId });
    expect(ok.status, ok.text).toBe(200);
    expect((await show(t.number)).records.some((r: any) => r.kind === 'trial_extension' && r.data.namespace === 'soylent-green')).toBe(true);
    expect((await n.admin('POST', `/api/v1/emergencies/${t.number}/licence-unblocked`)).status).toBe(200);
    expect(['solved', 'closed']).toContain((await n.ticket(t.id)).ticket.status);
    // WF-9: the emergency ends with its ticket: off the board
    expect((await show(t.number)).state).toBe('resolved');
    expect((await n.admin('GET', '/api/v1/emergencies')).body.items.map((x: any) => x.ticketNumber)).not.toContain(t.number);
  });

  it('WF-7 weekday: a ticket that might become an emergency goes high priority to the manager, the customer is told', async () => {
    const r0 = await n.admin('POST', '/api/v1/tickets', { subject: 'Replication lag growing', form: 'self_managed', priority: 'normal', requesterEmail: 'rita@acme.example', description: 'Lag is growing.' });
    const t = r0.body.ticket;
    const r = await n.admin('POST', `/api/v1/tickets/${t.id}/might-become-emergency`);
    expect(r.status, r.text).toBe(200);
    const tk = await n.ticket(t.id);
    expect(tk.ticket.priority).toBe('high');
    expect(tk.comments.some((c: any) => c.isPublic && c.body.includes('could quickly become one'))).toBe(true);
    const managers = (await n.admin('GET', '/api/v1/users?role=manager')).body.items.map((u: any) => u.id);
    expect(managers).toContain(tk.ticket.assigneeId);
    const customer = await n.as('rita@acme.example');
    expect((await customer('POST', `/api/v1/tickets/${t.id}/might-become-emergency`)).status).toBe(403);
  });

  const normalTicket = async (subject: string) =>
    (await n.admin('POST', '/api/v1/tickets', { subject, form: 'self_managed', priority: 'normal', requesterEmail: 'rita@acme.example', description: 'Please look.' })).body.ticket as { id: string; number: number };

  it('PG-5: a manager turns a ticket into an emergency and the on-call engineer is paged; an engineer may not', async () => {
    const t = await normalTicket('Cluster flapping');
    const engineer = await n.as('alice.nguyen@example.com');
    const refused = await engineer('POST', `/api/v1/tickets/${t.id}/trigger-emergency`, { reason: 'customer escalated by phone' });
    expect(refused.status).toBe(403);
    expect((await n.admin('GET', `/api/v1/emergencies/${t.number}`)).status).toBe(404);
    const tara = await n.as('tara.brooks@example.com');
    const r = await tara('POST', `/api/v1/tickets/${t.id}/trigger-emergency`, { reason: 'customer escalated by phone' });
    expect(r.status, r.text).toBe(200);
    const e = await show(t.number);
    expect([e.state, e.pages.length, e.ticket.priority]).toEqual(['open', 1, 'urgent']);
    expect((await n.ticket(t.id)).comments.some((c: any) => !c.isPublic && c.body.includes('Emergency triggered manually by tara.brooks@example.com'))).toBe(true);
  });

  it('PG-5: the "Trigger manual emergency" macro opens the emergency in the same change; applied by an engineer it changes nothing', async () => {
    const t = await normalTicket('Queue stuck');
    const engineer = await n.as('alice.nguyen@example.com');
    const refused = await engineer('POST', `/api/v1/tickets/${t.id}/macros/trigger-manual-emergency/apply`, {});
    expect([refused.status, refused.body.error.code]).toEqual([403, 'emergency.manual_trigger_manager_only']);
    expect((await n.ticket(t.id)).ticket.priority).toBe('normal');
    const tara = await n.as('tara.brooks@example.com');
    const r = await tara('POST', `/api/v1/tickets/${t.id}/macros/trigger-manual-emergency/apply`, {});
    expect(r.status, r.text).toBe(200);
    const e = await show(t.number);
    expect([e.state, e.pages.length]).toEqual(['open', 1]);
  });

  it('PG-5: page one named engineer directly; an unknown one is a 404', async () => {
    const t = await n.urgent('rita@acme.example', 'Need Carmen specifically');
    const before = (await show(t.number)).pages.length;
    const r = await n.admin('POST', `/api/v1/emergencies/${t.number}/page-engineer`, { engineer: 'carmen.diaz@example.com' });
    expect(r.status, r.text).toBe(200);
    expect((await show(t.number)).pages.length).toBe(before + 1);
    const bad = await n.admin('POST', `/api/v1/emergencies/${t.number}/page-engineer`, { engineer: 'ghost@example.com' });
    expect([bad.status, bad.body.error.code]).toEqual([404, 'emergency.unknown_engineer']);
  });

  it('TK-8: emergency tickets leave general views, except for whoever is on call for emergencies now', async () => {
    const t = await n.urgent('rita@acme.example', 'Visible to the on-call only');
    const dri = (await show(t.number)).driUserId as string;
    const carmen = (await n.admin('GET', '/api/v1/users?q=carmen.diaz@example.com')).body.items[0];
    expect((await n.admin('PATCH', `/api/v1/tickets/${t.id}`, { assigneeId: carmen.id })).status).toBe(200);
    const sees = async (email: string) => (await (await n.as(email))('GET', `/api/v1/tickets?q=${encodeURIComponent('"Visible to the on-call only"')}`)).body.items.map((x: any) => x.id);
    expect(await sees(dri)).toEqual([t.id]); // on call, no longer the assignee
    expect(await sees('greta.muller@example.com')).toEqual([]); // EMEA, off shift at 17:00 London
    expect(await sees('carmen.diaz@example.com')).toEqual([t.id]); // the assignee
  });

  it('SCH-12: on-call load — the engineer on shift is in their on-call week, their open tickets counted against 17 of 22', async () => {
    const alice = 'alice.nguyen@example.com'; // AMER 1, on from 12:00 New York
    const t = await normalTicket('Load check');
    const id = (await n.admin('GET', `/api/v1/users?q=${alice}`)).body.items[0].id;
    expect((await n.admin('PATCH', `/api/v1/tickets/${t.id}`, { assigneeId: id })).status).toBe(200);
    const r = await n.admin('GET', `/api/v1/oncall/load?engineer=${encodeURIComponent(alice)}`);
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ engineer: alice, phase: 'on_call', baseline: 22, target: 17 });
    expect(Date.parse(r.body.onCallWeek.start)).toBeLessThanOrEqual(Date.parse('2026-11-24T17:00:00Z'));
    expect(Date.parse(r.body.onCallWeek.end)).toBeGreaterThan(Date.parse('2026-11-24T17:00:00Z'));
    expect(r.body.keep.map((x: any) => x.number)).toContain(t.number);
    const bad = await n.admin('GET', '/api/v1/oncall/load?engineer=ghost@example.com');
    expect([bad.status, bad.body.error.code]).toEqual([404, 'emergency.unknown_engineer']);
  });

  it('WF-6: whoever acknowledges owns it — an engineer who was not paged takes the page over by acknowledging', async () => {
    const t = await n.urgent('rita@acme.example', 'Anyone free?');
    const e = await show(t.number);
    const users = (await n.admin('GET', '/api/v1/users?role=engineer')).body.items;
    const taker = users.find((u: any) => !e.pages[0].targetUserIds.includes(u.id) && u.email !== e.driUserId);
    const r = await (await n.as(taker.email))('POST', `/api/v1/emergencies/${t.number}/acknowledge`);
    expect(r.status, r.text).toBe(200);
    const after = await show(t.number);
    expect(after.driUserId).toBe(taker.email);
    const page = (await n.admin('GET', `/api/v1/pages/${after.pageId}`)).body;
    expect([page.status, page.targetUserIds]).toEqual(['acknowledged', [taker.id]]);
    // a customer may not
    expect((await (await n.as('rita@acme.example'))('POST', `/api/v1/emergencies/${t.number}/acknowledge`)).status).toBe(403);
  });

  it('WF-9/WF-5: a ticket solved by hand ends its emergency; the silence timers do not fire', async () => {
    const t = await n.urgent('rita@acme.example', 'Solved from the ticket view');
    expect((await n.admin('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'Fixed by the restart; closing.', public: true })).status).toBe(201);
    expect((await show(t.number)).timers.filter((x: any) => x.state === 'pending').map((x: any) => x.kind)).toContain('silence-followup');
    expect((await n.admin('PATCH', `/api/v1/tickets/${t.id}`, { status: 'solved' })).status).toBe(200);
    const e = await show(t.number);
    expect(e.state).toBe('resolved');
    expect(e.timers.filter((x: any) => x.state === 'pending')).toEqual([]);
    expect(e.thread.some((p: any) => p.text.includes('is solved; the emergency is closed'))).toBe(true);
    n.clock.advance({ minutes: 40 });
    await n.drain();
    expect((await n.ticket(t.id)).comments.some((c: any) => c.body.includes('We have not heard back'))).toBe(false);
  });
});
