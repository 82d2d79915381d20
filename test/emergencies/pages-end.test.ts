// WF-9 with PG-1/PG-2 over real HTTP on every engine: whatever path ends an emergency — a licence
// path, a downgrade, a plain status change, a merge, an incident's bulk response, the resolve
// action — ends its pages in the same change, with the reason on each page's timeline. A page whose
// customer never got a public reply is closed all the same (it must stop escalating) and its
// timeline says it was not an engagement. Time then passes and nothing escalates or notifies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode } from './helpers.ts';

describe.each(testEngines())('an emergency that ends ends its pages on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  beforeAll(async () => {
    n = await emergencyNode(engine, '2026-11-24T17:00:00Z'); // a Tuesday, AMER on call
  }, 30_000);
  afterAll(() => n?.close());

  const show = async (num: number) => (await n.admin('GET', `/api/v1/emergencies/${num}`)).body;
  const page = async (id: string) => (await n.admin('GET', `/api/v1/pages/${id}`)).body;
  const openPageIds = async () => ((await n.admin('GET', '/api/v1/pages?status=open&limit=500')).body.items as { id: string }[]).map((p) => p.id);

  /** An emergency with a page nobody has acted on yet (its first notifications still queued). */
  async function paged(requester: string, subject: string, form = 'self_managed') {
    const t = await n.urgent(requester, subject, form);
    const e = await show(t.number);
    expect(e.pageId, `${subject} is paged`).toBeTruthy();
    expect((await page(e.pageId)).status).toBe('triggered');
    return { ...t, pageId: e.pageId as string };
  }

  /**
   * The page is resolved by the system with the reason on its timeline (and, without a reply, the
   * PG-2 note); then half an hour passes with every job run: no escalation, no notification.
   */
  async function expectEnded(pageId: string, o: { engaged: boolean; reason: RegExp }) {
    const p = await page(pageId);
    expect(p.status).toBe('resolved');
    expect(p.resolvedBy).toBeNull();
    const entry = p.timeline.find((e: any) => e.action === 'page.resolved');
    expect(entry.detail).toMatchObject({ subjectEnded: true, engaged: o.engaged });
    expect(entry.detail.reason).toMatch(o.reason);
    if (o.engaged) expect(entry.detail.note).toBeUndefined();
    else expect(entry.detail.note).toMatch(/No public reply was ever sent.*not engaged.*stops escalating and notifying/);
    expect(await openPageIds()).not.toContain(pageId);
    n.clock.advance({ minutes: 30 });
    await n.drain();
    const later = await page(pageId);
    expect([later.status, later.escalationLevel, later.deliveries.length]).toEqual(['resolved', p.escalationLevel, p.deliveries.length]);
    expect(later.timeline.filter((e: any) => e.action === 'page.escalated')).toEqual(p.timeline.filter((e: any) => e.action === 'page.escalated'));
    return later;
  }

  it('WF-9, WF-12, PG-2: a ticket closed by the licence path ends its page; no public reply was sent, so the page says it was no engagement', async () => {
    const t = await paged('lucius@wayne.example', 'Licence expired, instance read-only', 'licensing');
    expect((await n.admin('POST', `/api/v1/emergencies/${t.number}/licence-path`, {})).status).toBe(200);
    const r = await n.admin('POST', `/api/v1/emergencies/${t.number}/licence-unblocked`);
    expect(r.status, r.text).toBe(200);
    expect((await n.ticket(t.id)).ticket.status).toBe('closed');
    expect((await show(t.number)).state).toBe('resolved');
    await expectEnded(t.pageId, { engaged: false, reason: /^emergency ended: ticket closed by the licence path: customer unblocked \(WF-12\), by / });
    // the runbook records what people did: nobody resolved this page
    const e = await show(t.number);
    expect(e.runbook.items.find((i: any) => i.item === 'page_resolved').status).not.toBe('done');
  });

  it('WF-9, WF-4: a downgrade ends the emergency and its page (its public reply engaged the customer); the ticket stays open', async () => {
    const t = await paged('rita@acme.example', 'CI is slow');
    const r = await n.admin('POST', `/api/v1/emergencies/${t.number}/qualify`, { verdict: 'not_emergency' });
    expect(r.status, r.text).toBe(200);
    expect(r.body.emergency.state).toBe('resolved');
    expect(['solved', 'closed']).not.toContain((await n.ticket(t.id)).ticket.status);
    await expectEnded(t.pageId, { engaged: true, reason: /^emergency ended: a downgrade: not an emergency \(WF-4\), by / });
  });

  it('WF-9, PG-2: a plain status change ends the page — solved with no reply (not an engagement), closed after a reply (an engagement)', async () => {
    const a = await paged('rita@acme.example', 'Solved from the ticket view');
    expect((await n.admin('PATCH', `/api/v1/tickets/${a.id}`, { status: 'solved' })).status).toBe(200);
    await expectEnded(a.pageId, { engaged: false, reason: /^emergency ended: ticket solved by a status change, by / });

    const b = await paged('rita@acme.example', 'Closed from the ticket view');
    const alice = await n.as('alice.nguyen@example.com');
    expect((await alice('POST', `/api/v1/tickets/${b.id}/comments`, { body: 'The restart fixed it.', public: true })).status).toBe(201);
    expect((await n.admin('PATCH', `/api/v1/tickets/${b.id}`, { status: 'closed' })).status).toBe(200);
    await expectEnded(b.pageId, { engaged: true, reason: /^emergency ended: ticket closed by a status change, by / });
  });

  it('WF-9, TK-6: merging the emergency ticket into another ends the emergency and its page', async () => {
    const t = await paged('rita@acme.example', 'Runners offline again');
    const other = await n.admin('POST', '/api/v1/tickets', { subject: 'Runners keep going offline', form: 'self_managed', priority: 'normal', requesterEmail: 'rita@acme.example', description: 'Since Monday.' });
    expect(other.status, other.text).toBe(201);
    const r = await n.admin('POST', `/api/v1/tickets/${t.id}/merge`, { into: other.body.ticket.id });
    expect(r.status, r.text).toBe(200);
    expect((await show(t.number)).state).toBe('resolved');
    // the merge tells the requester publicly where the work continues
    await expectEnded(t.pageId, { engaged: true, reason: new RegExp(`^emergency ended: ticket closed by a merge into ticket ${other.body.ticket.number}, by `) });
  });

  it('WF-9, WF-10: an incident\'s bulk response solves its tickets and ends their pages, then the incident\'s own page', async () => {
    const a = await paged('rita@acme.example', 'Pipelines stuck (1)');
    const b = await paged('rita@acme.example', 'Pipelines stuck (2)');
    const inc = await n.admin('POST', '/api/v1/incidents', { tickets: [a.number, b.number], title: 'CI jobs stuck' });
    expect(inc.status, inc.text).toBe(201);
    const incPage = inc.body.page.id as string;
    expect((await page(incPage)).status).toBe('triggered');
    const r = await n.admin('POST', `/api/v1/incidents/${inc.body.number}/respond`, { incidentIssueUrl: 'https://issues.example/prod/77' });
    expect(r.status, r.text).toBe(202);
    await n.drain(); // the bulk response runs as the tickets' bulk update job
    for (const t of [a, b]) {
      expect((await n.ticket(t.id)).ticket.status).toBe('solved');
      await expectEnded(t.pageId, { engaged: true, reason: new RegExp(`^emergency ended: ticket solved by incident ${inc.body.number}'s bulk response \\(.+\\), by `) });
    }
    await expectEnded(incPage, { engaged: true, reason: new RegExp(`^incident ${inc.body.number} is over: every related emergency has ended`) });
  });

  it('WF-9: the resolve action ends a page nobody resolved', async () => {
    const t = await paged('rita@acme.example', 'Registry down');
    const r = await n.admin('POST', `/api/v1/emergencies/${t.number}/resolve`, { followUp: { kind: 'none' } });
    expect(r.status, r.text).toBe(200);
    await expectEnded(t.pageId, { engaged: false, reason: /^emergency ended: ticket solved by the resolve action \(WF-9\), by / });
  });

  it('PG-2 still holds for people: a page of an open emergency is not resolved before a public reply', async () => {
    const t = await paged('rita@acme.example', 'Still open');
    const r = await n.admin('POST', `/api/v1/pages/${t.pageId}/resolve`, {});
    expect([r.status, r.body.error?.code]).toEqual([409, 'page.no_public_reply']);
    expect((await page(t.pageId)).status).toBe('triggered');
  });
});
