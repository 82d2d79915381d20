// References that must point at something real, and who may page whom, over real HTTP on every
// engine with the demo workspace: a refused change is a 4xx and leaves everything as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

describe.each(testEngines())('references and paging rights on %s', (engine) => {
  let s: TestServer;
  let admin: ReturnType<typeof http>;
  const as: Record<string, ReturnType<typeof http>> = {};
  const id: Record<string, string> = {};

  beforeAll(async () => {
    s = await startTestServer({ demo: true, engine, runJobs: false });
    admin = http(s.url, { token: s.admin.token });
    const people = { alice: 'alice.nguyen@example.com', bruno: 'bruno.costa@example.com', tara: 'tara.brooks@example.com', oliver: 'oliver.tan@example.com', rita: 'rita@acme.example' };
    for (const [name, email] of Object.entries(people)) {
      const u = (await admin('GET', `/api/v1/users?q=${encodeURIComponent(email)}`)).body.items.find((x: any) => x.email === email);
      id[name] = u.id;
      as[name] = http(s.url, { token: (await admin('POST', '/api/v1/tokens', { name: `t-${name}`, userId: u.id })).body.token });
    }
  });
  afterAll(async () => s?.close());

  it('TK-1: a ticket PATCH refuses an unknown requester, a staff requester and an unknown organisation, and changes nothing', async () => {
    const t = await as.alice('POST', '/api/v1/tickets', { subject: 'Runner offline', form: 'self_managed', requesterEmail: 'rita@acme.example' });
    expect(t.status).toBe(201);
    const before = t.body.ticket;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ requesterId: 'no-such-user' }, 'ticket.bad_requester'],
      [{ requesterId: id.bruno }, 'ticket.bad_requester'],
      [{ organizationId: 'no-such-org' }, 'ticket.bad_organization'],
      [{ organizationId: 'no-such-org', subject: 'changed' }, 'ticket.bad_organization'],
    ];
    for (const [body, code] of cases) {
      const r = await as.alice('PATCH', `/api/v1/tickets/${before.id}`, body);
      expect([r.status, r.body.error.code]).toEqual([400, code]);
    }
    const after = (await as.alice('GET', `/api/v1/tickets/${before.id}`)).body.ticket;
    expect(after).toMatchObject({ requesterId: id.rita, organizationId: before.organizationId, subject: 'Runner offline', version: before.version });
    // the customer still sees her ticket
    expect((await as.rita('GET', `/api/v1/tickets/${before.id}`)).status).toBe(200);
  });

  it('TK-1: creating a ticket for an unknown organisation is refused', async () => {
    const r = await as.alice('POST', '/api/v1/tickets', { subject: 'x', form: 'self_managed', requesterEmail: 'rita@acme.example', organizationId: 'no-such-org' });
    expect([r.status, r.body.error.code]).toEqual([400, 'ticket.bad_organization']);
  });

  it('PG-5: reassigning a page to an unknown user id is refused (nobody would be notified)', async () => {
    const p = await as.alice('POST', '/api/v1/pages', { serviceId: 'customer-support', title: '4711', targetUserIds: [id.alice] });
    expect(p.status).toBe(201);
    const r = await as.alice('POST', `/api/v1/pages/${p.body.id}/reassign`, { userIds: ['no-such-user'] });
    expect([r.status, r.body.error.code]).toEqual([404, 'page.unknown_user']);
    const c = await as.alice('POST', `/api/v1/pages/${p.body.id}/reassign`, { userIds: [id.rita] });
    expect([c.status, c.body.error.code]).toEqual([400, 'page.not_staff']);
    expect((await as.alice('GET', `/api/v1/pages/${p.body.id}`)).body).toMatchObject({ targetUserIds: [id.alice] });
    expect((await as.alice('POST', `/api/v1/pages/${p.body.id}/reassign`, { userIds: [id.bruno] })).status).toBe(200);
  });

  it('PG-3, PG-5: only staff can be paged by name, and a backup-pool volunteer only by a manager', async () => {
    const direct = (who: ReturnType<typeof http>, userId: string) => who('POST', '/api/v1/pages', { serviceId: 'customer-support', title: '4712', targetUserIds: [userId] });
    const manual = (who: ReturnType<typeof http>, userId: string) => who('POST', '/api/v1/pages', { ticketNumber: 4712, targetUserIds: [userId] });
    for (const page of [direct, manual]) {
      const customer = await page(as.alice, id.rita);
      expect([customer.status, customer.body.error.code]).toEqual([400, 'page.not_staff']);
      const unknown = await page(as.alice, 'no-such-user');
      expect([unknown.status, unknown.body.error.code]).toEqual([404, 'page.unknown_user']);
      const pool = await page(as.alice, id.oliver);
      expect([pool.status, pool.body.error.code]).toEqual([403, 'page.backup_pool_manager_only']);
      expect((await page(as.tara, id.oliver)).status).toBe(201);
      expect((await page(as.alice, id.bruno)).status).toBe(201);
    }
    // and from an emergency: "page this engineer" (PG-5) follows the same rule
    const e = await as.rita('POST', '/api/v1/portal/tickets', { subject: 'Runners down', description: 'All offline', form: 'self_managed', emergency: true });
    expect(e.status).toBe(201);
    const fromEmergency = await as.alice('POST', `/api/v1/emergencies/${e.body.ticket.number}/page-engineer`, { engineer: 'oliver.tan@example.com' });
    expect([fromEmergency.status, fromEmergency.body.error?.code]).toEqual([403, 'page.backup_pool_manager_only']);
    expect((await as.tara('POST', `/api/v1/emergencies/${e.body.ticket.number}/page-engineer`, { engineer: 'oliver.tan@example.com' })).status).toBe(200);
    const pages = (await admin('GET', '/api/v1/pages?status=triggered&limit=200')).body.items;
    expect(pages.some((p: any) => p.targetUserIds.includes(id.rita))).toBe(false);
  });

  it('ENT-1, TK-2: an organisation\'s staff notes never reach its customers', async () => {
    const acme = (await admin('GET', '/api/v1/orgs?q=Acme')).body.items.find((o: any) => o.name === 'Acme Robotics');
    expect((await as.tara('PATCH', `/api/v1/orgs/${acme.id}`, { notes: 'STAFF-ONLY-7c1 churn risk, handle with care' })).status).toBe(200);
    expect((await admin('GET', `/api/v1/orgs/${acme.id}`)).body.notes).toContain('STAFF-ONLY-7c1');
    for (const path of ['/api/v1/orgs', `/api/v1/orgs/${acme.id}`, '/api/v1/orgs?q=acme']) {
      const r = await as.rita('GET', path);
      expect(r.status).toBe(200);
      expect(r.text).not.toContain('STAFF-ONLY-7c1');
    }
  });

  it('TK-2, TK-8: a customer cannot search by fields they do not see (tags, assignee, due, stage)', async () => {
    const t = await as.alice('POST', '/api/v1/tickets', { subject: 'Tagged for staff', form: 'self_managed', requesterEmail: 'rita@acme.example', tags: ['churn_risk_9x'], assigneeId: id.alice });
    expect(t.status).toBe(201);
    for (const q of ['tags:churn_risk_9x', '-tags:churn_risk_9x', `assignee:${id.alice}`, 'assignee:none', 'has:assignee', 'no:tags', 'has:due', 'due<2099-01-01', 'stage:first_reply']) {
      const r = await as.rita('GET', `/api/v1/tickets?q=${encodeURIComponent(q)}`);
      expect([q, r.status, r.body.error?.code]).toEqual([q, 400, 'search.field_not_available']);
    }
    const fine = await as.rita('GET', `/api/v1/tickets?q=${encodeURIComponent('status<solved tagged')}`);
    expect(fine.status).toBe(200);
    expect(fine.body.items.map((x: any) => x.id)).toContain(t.body.ticket.id);
    // staff still search by them
    expect((await as.alice('GET', '/api/v1/tickets?q=tags:churn_risk_9x')).body.items.map((x: any) => x.id)).toEqual([t.body.ticket.id]);
  });

  it('TK-8: an engineer neither assigned nor on call cannot open an emergency ticket directly (404, as search hides it)', async () => {
    const nora = await admin('POST', '/api/v1/users', { email: 'nora.off@example.com', name: 'Nora Off', role: 'engineer' });
    const asNora = http(s.url, { token: (await admin('POST', '/api/v1/tokens', { name: 't-nora', userId: nora.body.id })).body.token });
    const e = await as.rita('POST', '/api/v1/portal/tickets', { subject: 'Production down again', description: 'All runners offline', form: 'self_managed', emergency: true });
    expect(e.status).toBe(201);
    const tid = e.body.ticket.id;
    const tries: Array<[string, string, unknown?]> = [
      ['GET', `/api/v1/tickets/${tid}`], ['GET', `/api/v1/tickets/${e.body.ticket.number}`], ['GET', `/api/v1/tickets/${tid}/timeline`],
      ['POST', `/api/v1/tickets/${tid}/comments`, { body: 'peek', public: false }], ['PATCH', `/api/v1/tickets/${tid}`, { priority: 'high' }],
      ['POST', `/api/v1/tickets/${tid}/follow-up`, {}],
    ];
    for (const [method, path, body] of tries) {
      const r = await asNora(method, path, body);
      expect([method, path, r.status, r.body?.error?.code]).toEqual([method, path, 404, 'ticket.not_found']);
    }
    expect((await asNora('GET', '/api/v1/tickets?q=emergency:true')).body.items.map((x: any) => x.id)).not.toContain(tid);
    // managers and admins keep access; so does the engineer once assigned
    expect((await as.tara('GET', `/api/v1/tickets/${tid}`)).status).toBe(200);
    expect((await admin('GET', `/api/v1/tickets/${tid}`)).status).toBe(200);
    expect((await as.tara('PATCH', `/api/v1/tickets/${tid}`, { assigneeId: nora.body.id })).status).toBe(200);
    expect((await asNora('GET', `/api/v1/tickets/${tid}`)).status).toBe(200);
    expect((await asNora('GET', '/api/v1/tickets?q=emergency:true')).body.items.map((x: any) => x.id)).toContain(tid);
  });
});
