// The helpdesk over real HTTP, on every engine. Must show (TK-2, TK-8): a customer token tried on
// every ticket route, search and export never sees an internal note or another organisation's
// ticket. And bad input on each route gets a 4xx with a stable code and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

describe.each(testEngines())('tickets API on %s', (engine) => {
  let s: TestServer;
  let admin: ReturnType<typeof http>;
  const api: Record<string, ReturnType<typeof http>> = {};
  const ids: Record<string, string> = {};
  const SECRET = 'SECRET-NOTE-7f3a';
  const OTHER = 'GLOBEX-ONLY-91c2';

  beforeAll(async () => {
    // Its own small cast rather than the demo file, so the test does not depend on other sections.
    s = await startTestServer({ engine });
    admin = http(s.url, { token: s.admin.token });
    const acme = (await admin('POST', '/api/v1/orgs', { name: 'Acme Robotics' })).body.id;
    const globex = (await admin('POST', '/api/v1/orgs', { name: 'Globex Cloud' })).body.id;
    const cast: [string, string, string, string | null][] = [
      ['engineer', 'alice.nguyen@example.com', 'engineer', null], ['manager', 'tara.brooks@example.com', 'manager', null],
      ['rita', 'rita@acme.example', 'customer', acme], ['ops', 'sysadmin@acme.example', 'customer', acme], ['gus', 'gus@globex.example', 'customer', globex],
    ];
    for (const [name, email, role, organizationId] of cast) {
      const u = await admin('POST', '/api/v1/users', { email, name, role, ...(organizationId ? { organizationId } : {}) });
      expect(u.status).toBe(201);
      ids[name] = u.body.id;
      api[name] = http(s.url, { token: (await admin('POST', '/api/v1/tokens', { name: `t-${name}`, userId: u.body.id })).body.token });
    }
    const t = await api.engineer('POST', '/api/v1/tickets', { subject: 'Acme backups failing', form: 'self_managed', requesterEmail: 'rita@acme.example', description: 'Backups fail nightly.', tags: ['backup'] });
    expect(t.status).toBe(201);
    ids.acmeTicket = t.body.ticket.id;
    ids.acmeNumber = String(t.body.ticket.number);
    expect((await api.engineer('POST', `/api/v1/tickets/${ids.acmeTicket}/comments`, { body: `${SECRET} customer is on an unsupported version`, public: false })).status).toBe(201);
    expect((await api.engineer('POST', `/api/v1/tickets/${ids.acmeTicket}/comments`, { body: 'Please send the backup log.', public: true })).status).toBe(201);
    const g = await api.gus('POST', '/api/v1/portal/tickets', { subject: `${OTHER} our SSO is broken`, description: `${OTHER} details`, form: 'saas' });
    expect(g.status).toBe(201);
    ids.globexTicket = g.body.ticket.id;
    ids.globexNumber = String(g.body.ticket.number);
    const e = await api.rita('POST', '/api/v1/portal/tickets', { subject: 'Production down', description: 'All runners offline', form: 'self_managed', emergency: true });
    expect(e.status).toBe(201);
    expect(e.body.ticket).toMatchObject({ priority: 'urgent', isEmergency: true });
    ids.emergency = e.body.ticket.id;
  });
  afterAll(async () => s?.close());

  it('TK-2 / TK-8 must show: no customer call on any ticket route leaks an internal note or another organisation', async () => {
    const routes = s.hotline.app.routeTable.filter((r) => /^\/api\/v1\/(tickets|ticket-bulk-updates|portal|views|macros)/.test(r.url));
    expect(routes.length).toBeGreaterThanOrEqual(18);
    const params = [ids.acmeTicket, ids.acmeNumber, ids.globexTicket, ids.globexNumber, ids.emergency];
    const queries = ['', '?q=SECRET', `?q=${OTHER}`, '?q=unsupported', `?q=organization:"Globex Cloud"`, `?q=${ids.globexNumber}`, '?q=status<closed&limit=200', '?q=-tags:none'];
    const bodies: Record<string, unknown> = { comments: { body: 'hello', public: true }, replies: { body: 'hello' }, merge: { into: ids.acmeTicket }, links: { ticket: ids.acmeTicket } };
    let calls = 0;
    for (const who of ['rita', 'ops']) {
      for (const r of routes) {
        const paths = r.url.includes(':') ? params.map((p) => r.url.replace(':id', p).replace(':macroId', 'emergency-strict-definition')) : [r.url];
        for (const p of paths) {
          for (const q of r.method === 'GET' ? queries : ['']) {
            const last = p.split('/').pop()!;
            const res = await api[who](r.method, p + q, r.method === 'GET' ? undefined : bodies[last] ?? {});
            calls++;
            const where = `${who} ${r.method} ${p}${q} → ${res.status}`;
            expect(res.text, where).not.toContain(SECRET);
            expect(res.text, where).not.toContain(OTHER);
            expect(res.text, where).not.toContain(ids.globexTicket);
            expect(res.status, where).toBeLessThan(500);
            if (p.includes(ids.globexTicket) || p.endsWith(`/${ids.globexNumber}`) || p.includes(`/${ids.globexNumber}/`)) expect([403, 404], where).toContain(res.status);
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(100);
    // and the customer does get their own organisation's public conversation
    const own = await api.ops('GET', `/api/v1/tickets/${ids.acmeTicket}`);
    expect(own.status).toBe(200);
    expect(own.body.comments.map((c: any) => c.body)).toEqual(expect.arrayContaining(['Please send the backup log.']));
    expect(own.body.ticket.tags).toBeUndefined();
    const gusSees = await api.gus('GET', '/api/v1/tickets?q=backups');
    expect(gusSees.body.items).toEqual([]);
  });

  it('TK-8: the portal emergency is hidden from an engineer\'s queue but a manager sees it', async () => {
    const eng = await api.engineer('GET', '/api/v1/tickets?q=emergency:true');
    expect(eng.body.items.map((t: any) => t.id)).not.toContain(ids.emergency);
    const mgr = await api.manager('GET', '/api/v1/tickets?q=emergency:true');
    expect(mgr.body.items.map((t: any) => t.id)).toContain(ids.emergency);
    const views = await api.manager('GET', '/api/v1/views');
    expect(views.body.items.map((v: any) => v.id)).toEqual(expect.arrayContaining(['needs-organization', 'first-reply-due', 'emergencies']));
    expect(views.body.items.find((v: any) => v.id === 'emergencies').count).toBeGreaterThanOrEqual(1);
  });

  it('TK-1 / WF-1: an emergency opened by staff for a customer, without a priority, is urgent and its emergency is opened', async () => {
    const t = await api.engineer('POST', '/api/v1/tickets', { subject: 'Registry down', form: 'self_managed', requesterEmail: 'sysadmin@acme.example', isEmergency: true, description: 'Pushes fail.' });
    expect(t.status).toBe(201);
    expect(t.body.ticket).toMatchObject({ priority: 'urgent', isEmergency: true });
    expect((await api.manager('GET', `/api/v1/emergencies/${t.body.ticket.number}`)).status).toBe(200);
  });

  it('TK-1: a stale version over HTTP is a 409 ticket.version_conflict', async () => {
    const t = (await api.engineer('GET', `/api/v1/tickets/${ids.acmeTicket}`)).body.ticket;
    expect((await api.engineer('PATCH', `/api/v1/tickets/${ids.acmeTicket}`, { version: t.version, priority: 'high' })).status).toBe(200);
    const r = await api.manager('PATCH', `/api/v1/tickets/${ids.acmeTicket}`, { version: t.version, priority: 'low' });
    expect({ status: r.status, code: r.body.error.code }).toEqual({ status: 409, code: 'ticket.version_conflict' });
  });

  const bulkUntilDone = async (path: string) => {
    let p = await api.manager('GET', path);
    for (let i = 0; i < 100 && p.body.status !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 50)); // the node's job runner picks it up
      p = await api.manager('GET', path);
    }
    return p;
  };

  it('TK-5: bulk over HTTP reports progress and a result per ticket', async () => {
    const r = await api.manager('POST', '/api/v1/ticket-bulk-updates', { id: 'http-bulk-1', query: `number:${ids.acmeNumber}`, addTags: ['checked'] });
    expect(r.status).toBe(202);
    const p = await bulkUntilDone('/api/v1/ticket-bulk-updates/http-bulk-1');
    expect(p.body).toMatchObject({ status: 'done', total: 1, done: 1, failed: 0 });
    expect(p.body.results[0].ok).toBe(true);
  });

  it('TK-5: the former bulk paths (/tickets/bulk, still called by older CLIs) keep working and answer the same', async () => {
    const r = await api.manager('POST', '/api/v1/tickets/bulk', { id: 'http-bulk-old', query: `number:${ids.acmeNumber}`, addTags: ['checked-again'] });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ id: 'http-bulk-old', total: 1 });
    const old = await bulkUntilDone('/api/v1/tickets/bulk/http-bulk-old');
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({ status: 'done', total: 1, done: 1, failed: 0 });
    expect(old.body).toEqual((await api.manager('GET', '/api/v1/ticket-bulk-updates/http-bulk-old')).body);
    // a retry with the same id through the new path is the same job, not a second one
    expect((await api.manager('POST', '/api/v1/ticket-bulk-updates', { id: 'http-bulk-old', query: `number:${ids.acmeNumber}`, addTags: ['checked-again'] })).body.id).toBe('http-bulk-old');
    expect((await api.manager('GET', '/api/v1/tickets/bulk/nope')).body.error.code).toBe('bulk.not_found');
  });

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const t of ['tickets', 'ticket_comments', 'ticket_links', 'timeline', 'bulk_jobs'] as const) {
      out[t] = Number((await s.hotline.ctx.db.kysely.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    }
    return out;
  };
  const T = () => ids.acmeTicket;
  const cases: Array<[string, string, () => string, unknown, number, string, string?]> = [
    ['create: unknown field', 'POST', () => '/api/v1/tickets', { subject: 'x', form: 'saas', requesterEmail: 'rita@acme.example', color: 'red' }, 400, 'request.invalid'],
    ['create: bad form', 'POST', () => '/api/v1/tickets', { subject: 'x', form: 'moon', requesterEmail: 'rita@acme.example' }, 400, 'ticket.bad_form'],
    ['create: bad priority', 'POST', () => '/api/v1/tickets', { subject: 'x', form: 'saas', priority: 'asap', requesterEmail: 'rita@acme.example' }, 400, 'ticket.bad_priority'],
    ['create: emergency at normal priority', 'POST', () => '/api/v1/tickets', { subject: 'x', form: 'saas', priority: 'normal', isEmergency: true, requesterEmail: 'rita@acme.example' }, 400, 'ticket.emergency_not_urgent'],
    ['create: no requester', 'POST', () => '/api/v1/tickets', { subject: 'x', form: 'saas' }, 400, 'ticket.no_requester'],
    ['create: unknown requester', 'POST', () => '/api/v1/tickets', { subject: 'x', form: 'saas', requesterEmail: 'ghost@nowhere.example' }, 404, 'user.not_found'],
    ['create: bad tag', 'POST', () => '/api/v1/tickets', { subject: 'x', form: 'saas', requesterEmail: 'rita@acme.example', tags: ['two words'] }, 400, 'ticket.bad_tag'],
    ['get: unknown', 'GET', () => '/api/v1/tickets/999999', undefined, 404, 'ticket.not_found'],
    ['patch: bad status', 'PATCH', () => `/api/v1/tickets/${T()}`, { status: 'done' }, 400, 'ticket.bad_status'],
    ['patch: back to new', 'PATCH', () => `/api/v1/tickets/${T()}`, { status: 'new' }, 400, 'ticket.bad_status_transition'],
    ['patch: wrong type', 'PATCH', () => `/api/v1/tickets/${T()}`, { version: 'one' }, 400, 'request.invalid'],
    ['patch: customer assignee', 'PATCH', () => `/api/v1/tickets/${T()}`, () => ({ assigneeId: ids.rita }), 400, 'ticket.bad_assignee'],
    ['comment: empty', 'POST', () => `/api/v1/tickets/${T()}/comments`, { body: '   ' }, 400, 'comment.empty'],
    ['comment: unknown ticket', 'POST', () => '/api/v1/tickets/nope/comments', { body: 'hi' }, 404, 'ticket.not_found'],
    ['search: bad query', 'GET', () => '/api/v1/tickets?q=status:nope', undefined, 400, 'search.bad_value'],
    ['search: unknown field', 'GET', () => '/api/v1/tickets?q=colour:red', undefined, 400, 'search.unknown_field'],
    ['export: bad query', 'GET', () => '/api/v1/tickets/export?q=created>yesterdayish', undefined, 400, 'search.bad_date'],
    ['macro preview: unknown', 'POST', () => `/api/v1/tickets/${T()}/macros/nope/preview`, {}, 404, 'macro.not_found'],
    ['macro apply: stale version', 'POST', () => `/api/v1/tickets/${T()}/macros/emergency-strict-definition/apply`, { version: 1 }, 409, 'ticket.version_conflict'],
    ['bulk: nothing to do', 'POST', () => '/api/v1/ticket-bulk-updates', { query: 'status<solved' }, 400, 'bulk.empty'],
    ['bulk: bad status', 'POST', () => '/api/v1/ticket-bulk-updates', { query: 'status<solved', status: 'gone' }, 400, 'bulk.bad_status'],
    ['bulk: no tickets', 'POST', () => '/api/v1/ticket-bulk-updates', { query: 'number:999999', addTags: ['x'] }, 400, 'bulk.no_tickets'],
    ['bulk: unknown job', 'GET', () => '/api/v1/ticket-bulk-updates/nope', undefined, 404, 'bulk.not_found'],
    ['link: to itself', 'POST', () => `/api/v1/tickets/${T()}/links`, () => ({ ticket: ids.acmeNumber }), 400, 'ticket.self_link'],
    ['link: unknown kind', 'POST', () => `/api/v1/tickets/${T()}/links`, { ticket: '1', kind: 'friend' }, 400, 'request.invalid'],
    ['follow-up: bad priority', 'POST', () => `/api/v1/tickets/${T()}/follow-up`, { priority: 'mega' }, 400, 'ticket.bad_priority'],
    ['merge: into itself', 'POST', () => `/api/v1/tickets/${T()}/merge`, () => ({ into: T() }), 400, 'ticket.self_merge'],
    ['merge: unknown target', 'POST', () => `/api/v1/tickets/${T()}/merge`, { into: '999999' }, 404, 'ticket.not_found'],
  ];
  it.each(cases)('bad input: %s → %i', async (_n, method, path, body, status, code) => {
    const before = await counts();
    const r = await api.manager(method, path(), typeof body === 'function' ? body() : body);
    expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status, code });
    expect(r.body.error.message.length).toBeGreaterThan(10);
    expect(await counts()).toEqual(before);
  });

  const portalCases: Array<[string, string, () => string, unknown, number, string]> = [
    ['portal open: missing description', 'POST', () => '/api/v1/portal/tickets', { subject: 'x', form: 'saas' }, 400, 'request.invalid'],
    ['portal open: bad form', 'POST', () => '/api/v1/portal/tickets', { subject: 'x', description: 'y', form: 'moon' }, 400, 'ticket.bad_form'],
    ['portal open: urgent without emergency', 'POST', () => '/api/v1/portal/tickets', { subject: 'x', description: 'y', form: 'saas', priority: 'urgent' }, 400, 'request.invalid'],
    ['portal reply: other organisation', 'POST', () => `/api/v1/portal/tickets/${ids.globexTicket}/replies`, { body: 'hi' }, 404, 'ticket.not_found'],
    ['portal reply: empty', 'POST', () => `/api/v1/portal/tickets/${T()}/replies`, { body: '' }, 400, 'request.invalid'],
    ['customer note: internal by customer', 'POST', () => `/api/v1/tickets/${T()}/comments`, { body: 'x', public: false }, 400, 'comment.internal_by_customer'],
    ['customer comment: status change', 'POST', () => `/api/v1/tickets/${T()}/comments`, { body: 'x', status: 'solved' }, 403, 'ticket.not_allowed'],
  ];
  it.each(portalCases)('bad input (customer): %s → %i', async (_n, method, path, body, status, code) => {
    const before = await counts();
    const r = await api.rita(method, path(), body);
    expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status, code });
    expect(await counts()).toEqual(before);
  });
});
