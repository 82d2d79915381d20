// Moving a helpdesk in from Zendesk, as an operator does it: `hotline import zendesk` from saved
// Incremental Export responses and from the API (a loopback stand-in: Basic auth, 429 once, an
// outage after the first tickets page), into the database of a running server, on both engines.
// Then read back through the real HTTP API: counts, mapped fields, tags and custom fields, and a
// private comment that never reaches the customer (TK-2); a second run changes nothing; an
// interrupted run goes on from its cursor without duplicates; imported tickets are history (no
// emergency, SLA timer or page).
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { hotline } from '../support/cli.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { startZendeskStandIn } from '../stand-ins/index.ts';
import { customerId, privateBody, ticketId } from './fixtures/make-zendesk.ts';

const FIX = fileURLToPath(new URL('./fixtures/zendesk', import.meta.url));
const storeArgs = (s: TestServer) => (s.store.databaseUrl ? ['--database-url', s.store.databaseUrl] : ['--data', s.store.dataDir!]);
const count = async (s: TestServer, table: 'tickets' | 'ticket_comments' | 'users' | 'organizations') =>
  Number((await s.hotline.ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const hotlineIdOf = async (s: TestServer, zendeskId: number) =>
  (await s.hotline.ctx.db.kysely.selectFrom('import_refs').select('local_id').where('source', '=', 'zendesk').where('kind', '=', 'ticket').where('external_id', '=', String(zendeskId)).executeTakeFirstOrThrow()).local_id;

describe.each(testEngines())('hotline import zendesk on %s', { timeout: 120_000 }, (engine) => {
  let s: TestServer;
  let admin: ReturnType<typeof http>;
  let first: any;
  beforeAll(async () => {
    s = await startTestServer({ engine, runJobs: false });
    admin = http(s.url, { token: s.admin.token });
    // Carla is already a customer here: Zendesk spells her " Carla.Diaz@Example.COM ".
    expect((await admin('POST', '/api/v1/users', { email: 'carla.diaz@example.com', name: 'Carla Díaz', role: 'customer' })).status).toBe(201);
    const r = await hotline(['import', 'zendesk', '--from', FIX, ...storeArgs(s), '--json']);
    expect(r.stderr).toMatch(/Zendesk tickets: 10 read, 9 new/);
    expect(r.code).toBe(0);
    first = JSON.parse(r.stdout);
  }, 60_000);
  afterAll(async () => s?.close());

  it('organisations, people (matched by e-mail, case and spaces aside), tickets and comments are counted; what was approximated is said', () => {
    expect(first.counts).toEqual({
      organizations_created: 2, organizations_matched: 0, users_created: 6, users_matched: 1, ticket_fields: 3,
      tickets_created: 9, tickets_skipped: 0, tickets_not_imported: 1, comments: 27, internal_notes: 9,
    });
    expect(first.approximated).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'ticket', count: 1, examples: ['#5009'] }),
      expect.objectContaining({ kind: 'user', count: 1, how: expect.stringMatching(/zendesk\.invalid/) }),
    ]));
  });

  it('status, priority, type, tags, custom fields, assignee, organisation and creation time are kept', async () => {
    const t = (await admin('GET', `/api/v1/tickets/${await hotlineIdOf(s, ticketId(3))}`)).body;
    expect(t.ticket).toMatchObject({
      subject: 'Export fails (5003)', status: 'on_hold', priority: 'low', tags: ['export', 'vip'], createdAt: '2025-03-03T09:03:00Z',
      customFields: { product_version: '16.3', support_tier: 'tier_gold', ticket_type: 'task' },
    });
    expect(t.ticket.customFields).not.toHaveProperty('renewal_at_risk', true);
    const t0 = (await admin('GET', `/api/v1/tickets/${await hotlineIdOf(s, ticketId(0))}`)).body;
    expect(t0.ticket).toMatchObject({ status: 'new', priority: 'urgent', isEmergency: false, tags: ['billing_issue', 'export'], assigneeId: null, customFields: { renewal_at_risk: true, ticket_type: 'incident' } });
    const carla = (await admin('GET', `/api/v1/users?q=carla`)).body;
    expect(t0.ticket.requesterId).toBe((carla.items ?? carla)[0].id);
    expect(t0.ticket.organizationId).not.toBeNull();
    expect(t0.comments.map((c: any) => [c.isPublic, c.createdAt])).toEqual([[true, '2025-03-03T09:00:00.000Z'], [false, '2025-03-03T09:05:00.000Z'], [true, '2025-03-03T09:15:00.000Z']]);
  });

  it('TK-2: a private Zendesk comment is an internal note the customer never sees (ticket, portal, export)', async () => {
    const id = await hotlineIdOf(s, ticketId(1));
    const staffView = (await admin('GET', `/api/v1/tickets/${id}`)).body;
    expect(staffView.comments.find((c: any) => !c.isPublic).body).toBe(privateBody(1));
    const customer = (await admin('GET', `/api/v1/users?q=customer1@`)).body;
    const userId = (customer.items ?? customer).find((u: any) => u.email === 'customer1@customer1.example').id;
    const token = (await admin('POST', '/api/v1/tokens', { name: 'zd-customer', userId })).body.token;
    const asCustomer = http(s.url, { token });
    const own = await asCustomer('GET', `/api/v1/tickets/${staffView.ticket.number}`);
    expect(own.status).toBe(200);
    expect(own.body.comments).toHaveLength(2);
    expect(own.text).not.toContain('overdue invoice');
    const portal = await asCustomer('GET', `/api/v1/portal/tickets/${staffView.ticket.number}`);
    expect(portal.status).toBe(200);
    expect(portal.text).toContain('we are looking into it');
    expect(portal.text).not.toContain('overdue invoice');
    const exported = await asCustomer('GET', '/api/v1/tickets/export?q=');
    expect(exported.status).toBe(200);
    expect(exported.text).toContain('Export fails (5001)');
    expect(exported.text).not.toContain('overdue invoice');
  });

  it('imported tickets are history: no emergency, SLA timer, job or page; one ticket.imported entry each', async () => {
    const db = s.hotline.ctx.db.kysely;
    expect(await db.selectFrom('jobs').select('kind').where('kind', 'like', 'tickets.%').execute()).toEqual([]);
    expect(await db.selectFrom('emergencies').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('pages').select('id').execute()).toEqual([]);
    const actions = await db.selectFrom('timeline').select('action').where('subject_type', '=', 'ticket').execute();
    expect(actions.map((a) => a.action).sort()).toEqual(Array(9).fill('ticket.imported'));
    const rows = await db.selectFrom('tickets').select(['sla_clock', 'due_at', 'is_emergency']).execute();
    expect(rows.map((r) => [r.due_at, Number(r.is_emergency), JSON.parse(r.sla_clock).state ?? 'none'])).toEqual(Array(9).fill([null, 0, 'none']));
  });

  it('a second run changes nothing, from where the first stopped and with --restart from the start', async () => {
    const before = await Promise.all([count(s, 'tickets'), count(s, 'ticket_comments'), count(s, 'users'), count(s, 'organizations')]);
    const again = JSON.parse((await hotline(['import', 'zendesk', '--from', FIX, ...storeArgs(s), '--json'])).stdout);
    expect(again.counts).toMatchObject({ organizations_created: 0, users_created: 0, tickets_created: 0, comments: 0 });
    const restart = await hotline(['import', 'zendesk', '--from', FIX, ...storeArgs(s), '--restart', '--json']);
    expect(restart.code).toBe(0);
    expect(JSON.parse(restart.stdout).counts).toMatchObject({ users_created: 0, organizations_created: 0, tickets_created: 0, tickets_skipped: 9, comments: 0 });
    expect(await Promise.all([count(s, 'tickets'), count(s, 'ticket_comments'), count(s, 'users'), count(s, 'organizations')])).toEqual(before);
  });

  it('through the API: Basic email/token auth, 429 waited out; an outage after the first page resumes from the cursor, with no duplicates', async () => {
    const fresh = await startTestServer({ engine, runJobs: false });
    const zd = await startZendeskStandIn(FIX, { email: 'ada.admin@acme-support.example', token: 'zd-token-123' });
    try {
      const args = ['import', 'zendesk', '--url', zd.url, '--email', 'ada.admin@acme-support.example', '--token', 'zd-token-123', ...storeArgs(fresh), '--json'];
      zd.failTicketPage(2);
      const broken = await hotline(args);
      expect(broken.stderr).toMatch(/rate limited, waiting 1 s as asked \(Retry-After\)/);
      expect(broken.stderr).toMatch(/Zendesk answered 503 .*run the same command again/);
      expect(broken.code).toBe(6);
      expect(await count(fresh, 'tickets')).toBe(4);
      const resumed = await hotline(args);
      expect(resumed.code).toBe(0);
      expect(JSON.parse(resumed.stdout).counts).toMatchObject({ users_created: 0, tickets_created: 5, tickets_skipped: 0, comments: 15 });
      const ticketPages = zd.requests.filter((r) => r.path.startsWith('/api/v2/incremental/tickets/cursor.json') && r.status === 200).map((r) => new URL(r.path, 'http://x').searchParams);
      expect(ticketPages.filter((q) => q.has('start_time'))).toHaveLength(1); // the second run went on from the saved cursor
      expect(await count(fresh, 'tickets')).toBe(9);
      expect(await count(fresh, 'ticket_comments')).toBe(27);
      const bad = await hotline(['import', 'zendesk', '--url', zd.url, '--email', 'ada.admin@acme-support.example', '--token', 'wrong', ...storeArgs(fresh)]);
      expect(bad.code).toBe(3);
      expect(bad.stderr).toMatch(/refused the credentials/);
      expect(customerId(0)).toBe(100);
    } finally {
      await zd.close();
      await fresh.close();
    }
  });
});
