// Must show (WF-8, WF-9, PG-2) over real HTTP on every engine: after the call the notes go to the
// customer and the next engineer is tagged; solving the emergency moves follow-up work to a new
// ticket linked to it, and the emergency leaves the board.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode } from './helpers.ts';

describe.each(testEngines())('post-call and resolution on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  beforeAll(async () => {
    n = await emergencyNode(engine, '2026-11-24T17:30:00Z');
  }, 30_000);
  afterAll(() => n?.close());
  const show = async (num: number) => (await n.admin('GET', `/api/v1/emergencies/${num}`)).body;

  it('WF-8 resolved call → summary to the customer, next engineer tagged; WF-9 resolve with a new follow-up ticket', async () => {
    const t = await n.urgent('rita@acme.example');
    const pc = await n.admin('POST', `/api/v1/emergencies/${t.number}/post-call`, { summary: 'We restored Gitaly from backup.', internalNotes: 'Disk full on node 3.', resolved: true });
    expect(pc.status, pc.text).toBe(200);
    const tk = await n.ticket(t.id);
    expect(tk.comments.some((c: any) => c.isPublic && c.body.includes('We restored Gitaly'))).toBe(true);
    expect(tk.comments.some((c: any) => !c.isPublic && c.body.includes('Disk full'))).toBe(true);
    const e = await show(t.number);
    expect(e.runbook.items.find((i: any) => i.item === 'post_call_notes').status).toBe('done');
    const r = await n.admin('POST', `/api/v1/emergencies/${t.number}/resolve`, { followUp: { kind: 'new', subject: 'Root cause of the Gitaly outage', priority: 'normal' }, summary: 'Disk full', pairing: ['bruno.costa@example.com'] });
    expect(r.status, r.text).toBe(200);
    expect(r.body.followUpTicketIds).toHaveLength(1);
    const done = await n.ticket(t.id);
    expect(done.ticket.status).toBe('solved');
    expect(done.links.length).toBeGreaterThan(0);
    const follow = await n.ticket(r.body.followUpTicketIds[0]);
    expect([follow.ticket.priority, follow.ticket.isEmergency]).toEqual(['normal', false]);
    const after = await show(t.number);
    expect(after.state).toBe('resolved');
    expect(after.records.map((x: any) => x.kind)).toEqual(expect.arrayContaining(['follow_up', 'pairing']));
    expect((await n.admin('GET', '/api/v1/emergencies')).body.items.map((x: any) => x.ticketNumber)).not.toContain(t.number);
  });

  it('WF-8 unresolved call with the customer\'s existing ticket → the emergency is merged into it', async () => {
    const existing = (await n.admin('POST', '/api/v1/tickets', { subject: 'Upgrade planning', form: 'self_managed', priority: 'normal', requesterEmail: 'rita@acme.example' })).body.ticket;
    const t = await n.urgent('rita@acme.example');
    const pc = await n.admin('POST', `/api/v1/emergencies/${t.number}/post-call`, { summary: 'We could not finish today.', resolved: false, nonEmergencyTicket: existing.number });
    expect(pc.status, pc.text).toBe(200);
    expect((await n.ticket(t.id)).ticket.status).toBe('closed');
    expect((await n.ticket(existing.id)).comments.some((c: any) => c.body.includes(`${t.number}`))).toBe(true);
  });
});
