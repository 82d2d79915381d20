// Bad input gets a clear 4xx with a stable code — never a 500, never a partial write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startTestServer, type TestServer } from '../support/server.ts';

describe('bad input on the foundation routes', () => {
  let s: TestServer;
  let api: ReturnType<typeof http>;
  beforeAll(async () => {
    s = await startTestServer({ demo: true, rateLimits: { login: { max: 5, timeWindow: '1 minute' } } });
    api = http(s.url, { token: s.admin.token });
  });
  afterAll(async () => s?.close());

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const t of ['users', 'organizations', 'teams', 'contact_methods', 'timeline'] as const) {
      out[t] = Number((await s.hotline.ctx.db.kysely.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    }
    return out;
  };

  const cases: Array<[string, string, string, unknown, number, string, Record<string, string>?]> = [
    ['users: malformed JSON', 'POST', '/api/v1/users', '{"email": "x@y.z", ', 400, 'request.malformed_json'],
    ['users: unknown field', 'POST', '/api/v1/users', { email: 'a@b.cd', name: 'A', role: 'engineer', shoeSize: 44 }, 400, 'request.invalid'],
    ['users: wrong type', 'POST', '/api/v1/users', { email: 'a@b.cd', name: 42, role: 'engineer' }, 400, 'request.invalid'],
    ['users: over-long name', 'POST', '/api/v1/users', { email: 'a@b.cd', name: 'x'.repeat(500), role: 'engineer' }, 400, 'request.invalid'],
    ['users: unknown role', 'POST', '/api/v1/users', { email: 'a@b.cd', name: 'A', role: 'overlord' }, 400, 'request.invalid'],
    ['users: bad time zone', 'POST', '/api/v1/users', { email: 'a@b.cd', name: 'A', role: 'engineer', timeZone: 'Mars/Olympus' }, 400, 'user.bad_time_zone'],
    ['users: bad e-mail', 'POST', '/api/v1/users', { email: 'not-an-email', name: 'A', role: 'engineer' }, 400, 'user.bad_email'],
    ['users: unknown id', 'PATCH', '/api/v1/users/00000000-0000-0000-0000-000000000000', { name: 'B' }, 404, 'user.not_found'],
    ['users: staff in an org', 'POST', '/api/v1/users', { email: 'a@b.cd', name: 'A', role: 'engineer', organizationId: 'x' }, 400, 'user.staff_in_org'],
    ['contacts: bad phone', 'POST', '/api/v1/users/ME/contact-methods', { kind: 'sms', address: '555-1234' }, 400, 'contact.bad_address'],
    ['orgs: bad date', 'POST', '/api/v1/orgs', { name: 'Dates Inc', subscription: { endsOn: '2026-02-31' } }, 400, 'org.bad_date'],
    ['orgs: ends before start', 'POST', '/api/v1/orgs', { name: 'Dates Inc', subscription: { startsOn: '2026-05-01', endsOn: '2026-04-01' } }, 400, 'org.bad_dates'],
    ['orgs: unknown CSM', 'POST', '/api/v1/orgs', { name: 'Nobody Inc', csm: 'nobody@example.com' }, 404, 'user.not_found'],
    ['orgs: unknown package', 'POST', '/api/v1/orgs', { name: 'Pkg Inc', subscription: { supportPackage: 'gold' } }, 400, 'request.invalid'],
    ['orgs: unknown id', 'GET', '/api/v1/orgs/nope', undefined, 404, 'org.not_found'],
    ['orgs: body is not JSON', 'POST', '/api/v1/orgs', 'name=x', 415, 'request.unsupported_media_type', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['teams: customer as member', 'POST', '/api/v1/teams', { handle: '@x-team', name: 'X', kind: 'team', members: ['rita@acme.example'] }, 400, 'team.customer_member'],
    ['teams: bad handle', 'POST', '/api/v1/teams', { handle: '@Bad Handle!', name: 'X', kind: 'team', members: [] }, 400, 'team.bad_handle'],
    ['teams: unknown member', 'POST', '/api/v1/teams', { handle: '@y-team', name: 'Y', kind: 'team', members: ['ghost@example.com'] }, 404, 'user.not_found'],
    ['tokens: empty name', 'POST', '/api/v1/tokens', { name: '' }, 400, 'request.invalid'],
    ['tokens: revoke unknown', 'DELETE', '/api/v1/tokens/nope', undefined, 404, 'token.not_found'],
    ['workspace: not YAML', 'POST', '/api/v1/workspace/apply', 'users: [ {email: ', 400, 'workspace.bad_yaml', { 'content-type': 'application/yaml' }],
    ['workspace: unknown section', 'POST', '/api/v1/workspace/apply', 'userz: []', 400, 'workspace.unknown_section', { 'content-type': 'application/yaml' }],
    ['workspace: second entry bad, first not written', 'POST', '/api/v1/workspace/apply', 'users:\n  - {email: fine@example.com, name: Fine, role: engineer}\n  - {email: bad@example.com, name: Bad, role: engineer, time_zone: Nowhere/Town}\n', 400, 'user.bad_time_zone', { 'content-type': 'application/yaml' }],
    ['routes: unknown API path', 'GET', '/api/v1/nothing-here', undefined, 404, 'route.not_found'],
    ['body too large', 'POST', '/api/v1/orgs', JSON.stringify({ name: 'Big', notes: 'x'.repeat(1_100_000) }), 413, 'request.too_large'],
  ];

  it.each(cases)('%s → %i', async (_name, method, path, body, status, code, headers) => {
    const me = (await api('GET', '/api/v1/auth/me')).body.user;
    const before = await counts();
    const r = await api(method, path.replace('ME', me.id), body, headers);
    expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status, code });
    expect(r.body.error.message.length).toBeGreaterThan(10);
    expect(await counts()).toEqual(before);
  });

  it('the workspace error names the entry and field', async () => {
    const r = await api('POST', '/api/v1/workspace/apply', 'organizations:\n  - {name: A}\n  - {name: B, seats: many}\n', { 'content-type': 'application/yaml' });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/organizations\[1\]\.seats: expected a whole number/);
  });

  it('token use is rate limited per token', async () => {
    const limited = await startTestServer({ rateLimits: { token: { max: 3, timeWindow: '1 minute' } } });
    try {
      const t = http(limited.url, { token: limited.admin.token });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await t('GET', '/api/v1/auth/me')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const r = await t('GET', '/api/v1/auth/me');
      expect(r.body.error.code).toBe('rate_limited');
      expect(r.body.error.message).toMatch(/try again in \d+ s/);
    } finally {
      await limited.close();
    }
  });

  it('login is rate limited', async () => {
    const anon = http(s.url);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await anon('POST', '/api/v1/auth/login', { email: 'x@example.com', password: 'nope' })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const last = await anon('POST', '/api/v1/auth/login', { email: 'x@example.com', password: 'nope' });
    expect(last.status).toBe(429);
    expect(last.body.error.code).toBe('rate_limited');
  });
});
