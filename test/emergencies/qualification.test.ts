// Must show (WF-4, WF-13) over real HTTP on every engine: the engineer's verdict on an emergency —
// exception with its criterion, needs more info then a verdict, not an emergency with and without
// the customer's existing ticket — and the compromised-instance guard on calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode } from './helpers.ts';

describe.each(testEngines())('qualification on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  beforeAll(async () => {
    n = await emergencyNode(engine, '2026-11-24T17:30:00Z');
  }, 30_000);
  afterAll(() => n?.close());
  const show = async (num: number) => (await n.admin('GET', `/api/v1/emergencies/${num}`)).body;
  const qualify = async (num: number, body: unknown) => n.admin('POST', `/api/v1/emergencies/${num}/qualify`, body);

  it('WF-4: exception needs a criterion; with one it is tagged and the customer told why', async () => {
    const t = await n.urgent('rita@acme.example');
    const bad = await qualify(t.number, { verdict: 'exception' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'emergency.exception_criterion_required']);
    expect((await show(t.number)).qualification).toBeNull();
    expect((await qualify(t.number, { verdict: 'exception', criterion: 'audit' })).status).toBe(200);
    const e = await show(t.number);
    expect([e.qualification, e.exceptionCriterion]).toEqual(['exception', 'audit']);
    expect(e.ticket.tags).toEqual(expect.arrayContaining(['emergency_exception', 'emergency_exception_audit']));
    expect((await n.ticket(t.id)).comments.some((c: any) => c.isPublic)).toBe(true);
  });

  it('WF-4: needs more info, then strict — both tags stay, runbook qualified', async () => {
    const t = await n.urgent('rita@acme.example');
    expect((await qualify(t.number, { verdict: 'needs_more_info' })).status).toBe(200);
    expect((await show(t.number)).runbook.items.find((i: any) => i.item === 'qualified').status).not.toBe('done');
    expect((await qualify(t.number, { verdict: 'strict' })).status).toBe(200);
    const e = await show(t.number);
    expect(e.ticket.tags).toEqual(expect.arrayContaining(['emergency_needs_more_info', 'emergency_strict_definition']));
    // One strict tag, the one named after the seeds' "Strict Definition" macro — not a second spelling.
    expect(e.ticket.tags.filter((x: string) => x.startsWith('emergency_strict'))).toEqual(['emergency_strict_definition']);
    expect(e.runbook.items.find((i: any) => i.item === 'qualified').status).toBe('done');
  });

  it('WF-4: not an emergency, no existing ticket → downgraded in place (high, next reply), off the board', async () => {
    const t = await n.urgent('rita@acme.example');
    expect((await qualify(t.number, { verdict: 'not_emergency' })).status).toBe(200);
    const tk = (await n.ticket(t.id)).ticket;
    expect([tk.priority, tk.stage, tk.status === 'closed']).toEqual(['high', 'next_reply', false]);
    expect((await n.admin('GET', '/api/v1/emergencies')).body.items.map((x: any) => x.ticketNumber)).not.toContain(t.number);
  });

  it('WF-4: not an emergency with the existing ticket → emergency closed, linked, work continues there', async () => {
    const existing = (await n.admin('POST', '/api/v1/tickets', { subject: 'Slow CI', form: 'self_managed', priority: 'normal', requesterEmail: 'rita@acme.example' })).body.ticket;
    const t = await n.urgent('rita@acme.example');
    const r = await qualify(t.number, { verdict: 'not_emergency', relatedTicket: existing.number });
    expect(r.status, r.text).toBe(200);
    const em = await n.ticket(t.id);
    expect(em.ticket.status).toBe('closed');
    expect(em.links.map((l: any) => l.otherNumber ?? l.targetId)).toEqual(expect.arrayContaining([expect.anything()]));
    const other = await n.ticket(existing.id);
    expect(other.ticket.priority).toBe('high');
    expect(other.comments.some((c: any) => c.body.includes(`${t.number}`))).toBe(true);
  });

  it('WF-13: compromised instance → guidance sent, call refused until the manager is engaged', async () => {
    const t = await n.urgent('rita@acme.example');
    expect((await n.admin('POST', `/api/v1/emergencies/${t.number}/compromised`)).status).toBe(200);
    const e = await show(t.number);
    expect(e.ticket.tags).toContain('compromised_instance');
    expect((await n.admin('GET', `/api/v1/emergencies/${t.number}/call-allowed`)).body.ok).toBe(false);
    const engineer = await n.as('alice.nguyen@example.com');
    expect((await engineer('POST', `/api/v1/emergencies/${t.number}/manager-engaged`)).status).toBe(403);
    const tara = await n.as('tara.brooks@example.com');
    expect((await tara('POST', `/api/v1/emergencies/${t.number}/manager-engaged`)).status).toBe(200);
    expect((await n.admin('GET', `/api/v1/emergencies/${t.number}/call-allowed`)).body.ok).toBe(true);
  });
});
