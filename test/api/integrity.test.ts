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
    const pages = (await admin('GET', '/api/v1/pages?status=triggered&limit=200')).body.items;
    expect(pages.some((p: any) => p.targetUserIds.includes(id.rita))).toBe(false);
  });
});
