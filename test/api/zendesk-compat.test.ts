// The Zendesk-compatible API (/api/v2) driven by the real node-zendesk client against a real
// Hotline on loopback, on every engine: create, show, list, comment in public and in private
// (TK-2: the customer sees only the public one), search in Zendesk's language (TK-4), update_many
// watched to completion as a job status (TK-5), users/me and organisations, and a customer token
// refused what Zendesk refuses an end-user (TK-8). Bad input gets Zendesk's error bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zendesk from 'node-zendesk';
import { testEngines } from '../../src/store/test-db.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

type Client = ReturnType<typeof zendesk.createClient>;

describe.each(testEngines())('Zendesk-compatible API with node-zendesk on %s', (engine) => {
  let s: TestServer;
  let admin: ReturnType<typeof http>;
  const tokens: Record<string, string> = {};
  const emails: Record<string, string> = {};
  let agent: Client;
  let rita: Client;
  let gus: Client;
  let acmeTicket = 0;
  let globexTicket = 0;

  /** A client as a script would make one, pointed at Hotline; errors keep Zendesk's status and body. */
  const client = (who: string, form: 'api_token' | 'oauth' = 'api_token') => zendesk.createClient({
    endpointUri: `${s.url}/api/v2`, throwOriginalException: true,
    ...(form === 'oauth' ? { token: tokens[who], useOAuth: true } : { username: emails[who], token: tokens[who] }),
  } as any);
  /** The error a call throws (node-zendesk attaches statusCode and the parsed body as result). */
  const failure = async (p: Promise<unknown>) => p.then(() => { throw new Error('expected the call to fail'); }, (e: any) => ({ status: e.statusCode as number, body: e.result as any }));

  beforeAll(async () => {
    s = await startTestServer({ engine });
    admin = http(s.url, { token: s.admin.token });
    const acme = (await admin('POST', '/api/v1/orgs', { name: 'Acme Robotics' })).body.id;
    const globex = (await admin('POST', '/api/v1/orgs', { name: 'Globex Cloud' })).body.id;
    const cast: [string, string, string, string | null][] = [
      ['agent', 'alice.nguyen@example.com', 'engineer', null], ['rita', 'rita@acme.example', 'customer', acme], ['gus', 'gus@globex.example', 'customer', globex],
    ];
    for (const [name, email, role, organizationId] of cast) {
      const u = await admin('POST', '/api/v1/users', { email, name, role, ...(organizationId ? { organizationId } : {}) });
      expect(u.status).toBe(201);
      emails[name] = email;
      tokens[name] = (await admin('POST', '/api/v1/tokens', { name: `zd-${name}`, userId: u.body.id })).body.token;
    }
    agent = client('agent');
    rita = client('rita');
    gus = client('gus');
  });
  afterAll(async () => s?.close());

  it('users/me answers each authentication form with Zendesk roles; bad credentials get 401', async () => {
    const me = (await agent.users.auth()).result as any;
    expect(me).toMatchObject({ email: 'alice.nguyen@example.com', role: 'agent', organization_id: null });
    expect(Number.isInteger(me.id)).toBe(true);
    expect(((await client('agent', 'oauth').users.auth()).result as any).id).toBe(me.id);
    const customer = (await rita.users.auth()).result as any;
    expect(customer).toMatchObject({ role: 'end-user', email: 'rita@acme.example' });
    expect(Number.isInteger(customer.organization_id)).toBe(true);
    // the same user id every time (stable integers)
    expect(((await agent.users.show(customer.id)).result as any).email).toBe('rita@acme.example');
    // a token under someone else's e-mail, an unknown token, a password: all refused
    for (const bad of [{ username: 'rita@acme.example', token: tokens.agent }, { username: emails.agent, token: 'hl_nope' }, { username: emails.agent, password: 'hotline-demo' }]) {
      const r = await failure(zendesk.createClient({ endpointUri: `${s.url}/api/v2`, throwOriginalException: true, ...bad } as any).users.auth());
      expect(r.status).toBe(401);
      expect(r.body.error).toBe("Couldn't authenticate you");
    }
  });

  it('TK-1: create, show and list tickets in Zendesk shapes (the ticket number is the id)', async () => {
    const requester = ((await rita.users.auth()).result as any).id;
    const created = (await agent.tickets.create({ ticket: { subject: 'Backups failing', comment: { body: 'Nightly backups fail since 2.3.' }, requester_id: requester, priority: 'high', type: 'incident', tags: ['backup', 'zd'] } } as any)).result as any;
    expect(created).toMatchObject({ subject: 'Backups failing', description: 'Nightly backups fail since 2.3.', status: 'new', priority: 'high', type: 'incident', requester_id: requester, tags: ['backup', 'zd'], custom_fields: [] });
    expect(Number.isInteger(created.id)).toBe(true);
    expect(created.url).toBe(`${s.url}/api/v2/tickets/${created.id}.json`);
    expect(created.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    acmeTicket = created.id;
    const byEmail = (await agent.tickets.create({ ticket: { subject: 'SSO broken', comment: { body: 'SAML fails' }, requester: { email: 'gus@globex.example' } } } as any)).result as any;
    globexTicket = byEmail.id;
    const shown = (await agent.tickets.show(acmeTicket)).result as any;
    expect(shown).toMatchObject({ id: acmeTicket, subject: 'Backups failing', organization_id: ((await rita.users.auth()).result as any).organization_id });
    const list = (await agent.tickets.list()) as any[];
    expect(list.map((t) => t.id)).toEqual(expect.arrayContaining([acmeTicket, globexTicket]));
    // offset pages, followed through next_page by the client
    const raw = await http(s.url, { token: tokens.agent })('GET', '/api/v2/tickets.json?per_page=1');
    expect(raw.body).toMatchObject({ count: 2, previous_page: null });
    expect(raw.body.next_page).toBe(`${s.url}/api/v2/tickets.json?page=2&per_page=1`);
    // cursor pages, followed through links.next
    const seen: number[] = [];
    let next: string | null = '/api/v2/tickets.json?page%5Bsize%5D=1';
    while (next) {
      const r = await http(s.url, { token: tokens.agent })('GET', next.replace(s.url, ''));
      seen.push(...r.body.tickets.map((t: any) => t.id));
      next = r.body.links.next;
      if (next) expect(r.body.meta.has_more).toBe(true);
    }
    expect(seen).toEqual([acmeTicket, globexTicket]);
    const many = (await agent.tickets.showMany([globexTicket, 999_999, acmeTicket])).result as any[];
    expect(many.map((t) => t.id)).toEqual([globexTicket, acmeTicket]);
    // rita may not see Gus's ticket: left out, not an error
    expect(((await rita.tickets.showMany([acmeTicket, globexTicket])).result as any[]).map((t) => t.id)).toEqual([acmeTicket]);
  });

  it('TK-2: comments in public and in private; the customer sees only the public one and may add public ones', async () => {
    await agent.tickets.update(acmeTicket, { ticket: { comment: { body: 'Please send the backup log.', public: true }, status: 'pending' } } as any);
    const internal = (await agent.tickets.update(acmeTicket, { ticket: { comment: { body: 'INTERNAL: old version', public: false } } } as any)).result as any;
    expect(internal.status).toBe('pending');
    const staffView = (await agent.tickets.getComments(acmeTicket)) as any[];
    expect(staffView.map((c) => [c.body, c.public])).toEqual([['Nightly backups fail since 2.3.', true], ['Please send the backup log.', true], ['INTERNAL: old version', false]]);
    expect(staffView[1]).toMatchObject({ type: 'Comment', plain_body: 'Please send the backup log.', html_body: expect.stringContaining('<p>Please send the backup log.</p>') });
    const customerView = (await rita.tickets.getComments(acmeTicket)) as any[];
    expect(customerView.map((c) => c.body)).toEqual(['Nightly backups fail since 2.3.', 'Please send the backup log.']);
    expect(JSON.stringify(customerView)).not.toContain('INTERNAL');
    // the customer's reply reopens the waiting ticket
    const replied = (await rita.tickets.update(acmeTicket, { ticket: { comment: { body: 'Log attached.' } } } as any)).result as any;
    expect(replied.status).toBe('open');
    expect(replied.tags).toEqual([]); // customers never see tags (TK-8)
  });

  it('TK-8: a customer token is refused what Zendesk refuses an end-user', async () => {
    const forbidden = [
      ['a private comment', () => rita.tickets.update(acmeTicket, { ticket: { comment: { body: 'psst', public: false } } } as any)],
      ['a field change', () => rita.tickets.update(acmeTicket, { ticket: { status: 'solved' } } as any)],
      ['listing all tickets', () => rita.tickets.list()],
      ['update_many', () => rita.tickets.updateMany([acmeTicket], { ticket: { status: 'solved' } } as any)],
      ['search', () => rita.search.query('type:ticket')],
      ['creating through the agent API', () => rita.tickets.create({ ticket: { subject: 'x', comment: { body: 'y' } } } as any)],
    ] as const;
    for (const [what, call] of forbidden) {
      const r = await failure(call());
      expect({ what, status: r.status, error: r.body.error }).toEqual({ what, status: 403, error: 'Forbidden' });
    }
    // another organisation's ticket does not exist for her, as in Zendesk
    for (const call of [() => rita.tickets.show(globexTicket), () => rita.tickets.getComments(globexTicket), () => rita.tickets.update(globexTicket, { ticket: { comment: { body: 'hi' } } } as any)]) {
      const r = await failure(call());
      expect(r).toEqual({ status: 404, body: expect.objectContaining({ error: 'RecordNotFound', description: 'Not found' }) });
    }
    // her own organisation's ticket she may read (without internal notes), and Gus may read his
    expect(((await rita.tickets.show(acmeTicket)).result as any).id).toBe(acmeTicket);
    expect(((await gus.tickets.show(globexTicket)).result as any).subject).toBe('SSO broken');
    const orgs = (await rita.organizations.list()) as any[];
    expect(orgs.map((o) => o.name)).toEqual(['Acme Robotics']);
  });

  it('TK-8: an emergency is hidden from an engineer who is neither its assignee nor on call, as in the helpdesk', async () => {
    const e = await admin('POST', '/api/v1/tickets', { subject: 'Production down', form: 'self_managed', priority: 'urgent', requesterEmail: 'rita@acme.example', description: 'All runners offline' });
    expect(e.body.ticket.isEmergency).toBe(true);
    const n = e.body.ticket.number as number;
    expect((await failure(agent.tickets.show(n))).status).toBe(404);
    expect(((await agent.tickets.list()) as any[]).map((t) => t.id)).not.toContain(n);
    const asAdmin = zendesk.createClient({ endpointUri: `${s.url}/api/v2`, username: s.admin.email, token: s.admin.token, throwOriginalException: true } as any);
    expect(((await asAdmin.tickets.show(n)).result as any)).toMatchObject({ id: n, subject: 'Production down' });
    // the customer it is for sees it
    expect(((await rita.tickets.show(n)).result as any).subject).toBe('Production down');
  });

  it('TK-4: search in Zendesk\'s language; TK-5: update_many runs as a job polled to completed', async () => {
    await agent.tickets.update(globexTicket, { ticket: { status: 'open', additional_tags: ['x'] } } as any);
    const found = (await agent.search.query('type:ticket status:open tag:x')).result as any[];
    expect(found.map((t) => [t.id, t.result_type])).toEqual([[globexTicket, 'ticket']]);
    const job = (await agent.tickets.updateMany([acmeTicket, globexTicket], { ticket: { status: 'hold', additional_tags: ['bulk'], comment: { body: 'We are on it.', public: true } } } as any)).result as any;
    expect(job.job_status).toMatchObject({ status: expect.stringMatching(/^(queued|working|completed)$/), total: 2 });
    const done = await agent.jobstatuses.watch(job.job_status.id, 100, 50) as any;
    expect(done).toMatchObject({ status: 'completed', total: 2, progress: 2 });
    expect(done.results).toEqual(expect.arrayContaining([{ id: acmeTicket, action: 'update', success: true, status: 'Updated' }, { id: globexTicket, action: 'update', success: true, status: 'Updated' }]));
    const held = (await agent.search.query('type:ticket status:hold tags:bulk')).result as any[];
    expect(held.map((t) => t.id).sort()).toEqual([acmeTicket, globexTicket].sort());
    expect(held.every((t) => t.status === 'hold')).toBe(true);
  });

  it('organisations have stable integer ids an agent can open', async () => {
    const orgs = (await agent.organizations.list()) as any[];
    expect(orgs.map((o) => o.name)).toEqual(['Acme Robotics', 'Globex Cloud']);
    const acme = orgs[0];
    expect(((await agent.organizations.show(acme.id)).result as any)).toMatchObject({ id: acme.id, name: 'Acme Robotics' });
    expect((await failure(gus.organizations.show(acme.id))).status).toBe(404);
  });

  it('bad input gets Zendesk\'s error bodies: 404 RecordNotFound, 422 RecordInvalid with details', async () => {
    expect(await failure(agent.tickets.show(999_999))).toEqual({ status: 404, body: expect.objectContaining({ error: 'RecordNotFound', description: 'Not found' }) });
    const cases: [string, unknown, string][] = [
      ['unknown status', { ticket: { status: 'bogus' } }, 'status'],
      ['unknown assignee', { ticket: { assignee_id: 987654 } }, 'assignee_id'],
      ['a field Hotline does not keep', { ticket: { group_id: 5 } }, 'group_id'],
      ['a misspelt field', { ticket: { subjekt: 'x' } }, 'subjekt'],
      ['a bad tag', { ticket: { additional_tags: ['two words'] } }, 'tags'],
    ];
    for (const [what, body, field] of cases) {
      const r = await failure(agent.tickets.update(acmeTicket, body as any));
      expect({ what, status: r.status, error: r.body.error }).toEqual({ what, status: 422, error: 'RecordInvalid' });
      expect(r.body.details[field][0].description).toEqual(expect.any(String));
    }
    const blank = await failure(agent.tickets.create({ ticket: { subject: 'No description', requester: { email: 'rita@acme.example' } } } as any));
    expect(blank.status).toBe(422);
    expect(blank.body.details.description[0]).toMatchObject({ error: 'BlankValue' });
    // an endpoint Hotline does not offer answers as Zendesk does for one it does not have
    const groups = await failure(agent.groups.list());
    expect(groups).toEqual({ status: 404, body: expect.objectContaining({ error: 'InvalidEndpoint' }) });
    // a malformed JSON body
    const raw = await http(s.url, { token: tokens.agent })('PUT', `/api/v2/tickets/${acmeTicket}.json`, '{"ticket":', { 'content-type': 'application/json' });
    expect(raw.status).toBe(400);
    expect(raw.body.error).toBe('InvalidJSON');
    // nothing above changed the ticket
    expect(((await agent.tickets.show(acmeTicket)).result as any).status).toBe('hold');
  });
});
