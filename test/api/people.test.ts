// People, organisations and sign-in through the real HTTP API, on every engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

describe.each(testEngines())('people API on %s', (engine) => {
  let s: TestServer;
  let admin: ReturnType<typeof http>;
  beforeAll(async () => {
    s = await startTestServer({ demo: true, engine });
    admin = http(s.url, { token: s.admin.token });
  });
  afterAll(async () => s?.close());

  async function signIn(email: string, password = 'hotline-demo') {
    const r = await http(s.url)('POST', '/api/v1/auth/login', { email, password });
    expect(r.status).toBe(200);
    const cookie = r.headers.get('set-cookie')!.split(';')[0];
    return { cookie, csrf: r.body.csrfToken as string, user: r.body.user };
  }

  it('ENT-1: the demo workspace has every entitlement case, with CSM and ASE', async () => {
    const r = await admin('GET', '/api/v1/orgs');
    const names = r.body.items.map((o: any) => o.name);
    expect(names).toEqual(expect.arrayContaining(['Acme Robotics', 'Globex Cloud', 'Initech Dedicated', 'Hooli Community', 'Umbrella Starter', 'Cyberdyne Federal', 'Tyrell Federal', 'Solo Dev LLC', 'Wayne Enterprises', 'Stark Industries', 'Soylent Trial']));
    const acme = r.body.items.find((o: any) => o.name === 'Acme Robotics');
    expect(acme.csm.email).toBe('zoe.adams@example.com');
    expect(acme.ase.email).toBe('bella.cruz@example.com');
    const today = new Date().toISOString().slice(0, 10);
    const solo = r.body.items.find((o: any) => o.name === 'Solo Dev LLC');
    expect(solo.subscription).toMatchObject({ seats: 1, purchasedOn: today });
    const wayne = r.body.items.find((o: any) => o.name === 'Wayne Enterprises');
    const daysAgo = (Date.parse(today) - Date.parse(wayne.subscription.endsOn)) / 86_400_000;
    expect(daysAgo).toBe(10);
  });

  it('password sign-in sets an HTTP-only cookie; mutations need the CSRF token', async () => {
    const r = await http(s.url)('POST', '/api/v1/auth/login', { email: 'tara.brooks@example.com', password: 'hotline-demo' });
    expect(r.headers.get('set-cookie')).toMatch(/hotline_session=.*HttpOnly/i);
    const { cookie, csrf } = await signIn('tara.brooks@example.com');
    const me = await http(s.url, { cookie })('GET', '/api/v1/auth/me');
    expect(me.body.user.email).toBe('tara.brooks@example.com');
    const noCsrf = await http(s.url, { cookie })('POST', '/api/v1/orgs', { name: 'Via cookie Ltd' });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('auth.csrf');
    const withCsrf = await http(s.url, { cookie, csrf })('POST', '/api/v1/orgs', { name: 'Via cookie Ltd' });
    expect(withCsrf.status).toBe(201);
  });

  it('a wrong password is refused with a clear message and no session', async () => {
    const r = await http(s.url)('POST', '/api/v1/auth/login', { email: 'tara.brooks@example.com', password: 'wrong-password' });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('auth.invalid_credentials');
    expect(r.headers.get('set-cookie')).toBeNull();
  });

  it('API tokens are shown once, work as bearer tokens, and stop working when revoked', async () => {
    const created = await admin('POST', '/api/v1/tokens', { name: 'script' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^hl_/);
    const list = await admin('GET', '/api/v1/tokens');
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    const as = http(s.url, { token: created.body.token });
    expect((await as('GET', '/api/v1/auth/me')).status).toBe(200);
    expect((await admin('DELETE', `/api/v1/tokens/${created.body.id}`)).status).toBe(204);
    const after = await as('GET', '/api/v1/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('auth.invalid_token');
  });

  it('a customer sees only their own organisation and never other users', async () => {
    const orgs = (await admin('GET', '/api/v1/orgs')).body.items;
    const acme = orgs.find((o: any) => o.name === 'Acme Robotics');
    const globex = orgs.find((o: any) => o.name === 'Globex Cloud');
    const rita = (await admin('GET', '/api/v1/users?q=rita@acme')).body.items[0];
    await admin('PATCH', `/api/v1/users/${rita.id}`, { password: 'rita-password-1' });
    const { cookie } = await signIn('rita@acme.example', 'rita-password-1');
    const c = http(s.url, { cookie });
    const mine = await c('GET', '/api/v1/orgs');
    expect(mine.body.items.map((o: any) => o.name)).toEqual(['Acme Robotics']);
    expect((await c('GET', `/api/v1/orgs/${acme.id}`)).status).toBe(200);
    const other = await c('GET', `/api/v1/orgs/${globex.id}`);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('org.not_found');
    expect((await c('GET', '/api/v1/users')).status).toBe(403);
    const tara = (await admin('GET', '/api/v1/users?q=tara')).body.items[0];
    expect((await c('GET', `/api/v1/users/${tara.id}`)).status).toBe(404);
  });

  it('creates a user with a contact method and shows it on the people list', async () => {
    const u = await admin('POST', '/api/v1/users', { email: 'New.Person@Example.com', name: 'New Person', role: 'engineer', timeZone: 'Asia/Kolkata', region: 'APAC' });
    expect(u.status).toBe(201);
    expect(u.body.email).toBe('new.person@example.com');
    const cm = await admin('POST', `/api/v1/users/${u.body.id}/contact-methods`, { kind: 'sms', address: '+919800000001' });
    expect(cm.status).toBe(201);
    const again = await admin('POST', '/api/v1/users', { email: 'new.person@example.com', name: 'Dup', role: 'engineer' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('user.email_taken');
    const apac = await admin('GET', '/api/v1/users?q=new.person');
    expect(apac.body.items[0].contactMethods[0]).toMatchObject({ kind: 'sms', address: '+919800000001' });
  });

  it('people and organisation search takes % and _ as letters, not as wildcards', async () => {
    expect((await admin('GET', '/api/v1/users?q=new_person')).body.items).toEqual([]);
    expect((await admin('GET', '/api/v1/users?q=%25')).body.items).toEqual([]);
    expect((await admin('GET', '/api/v1/orgs?q=%25')).body.items).toEqual([]);
  });

  it('the OpenAPI document lists the routes and the reference page is served', async () => {
    const doc = await http(s.url)('GET', '/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users', '/api/v1/orgs/{id}', '/api/v1/teams', '/api/v1/tokens', '/api/v1/workspace/apply']));
    const page = await fetch(`${s.url}/api/docs/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/swagger/i);
  });

  it('serves the web app at / and on any app path', async () => {
    for (const path of ['/', '/orgs']) {
      const r = await fetch(s.url + path);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/text\/html/);
      expect(await r.text()).toMatch(/<div id="root">/);
    }
  });

  it('healthz, readyz and Prometheus metrics answer', async () => {
    expect((await http(s.url)('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await http(s.url)('GET', '/readyz')).body.checks).toEqual({ database: 'ok', jobs: 'ok' });
    const m = await http(s.url)('GET', '/metrics');
    expect(m.text).toMatch(/hotline_http_request_duration_seconds_bucket/);
    expect(m.text).toMatch(/hotline_jobs_run_total/);
  });

  it('live updates: a change made through the API reaches a Server-Sent Events listener', async () => {
    const ac = new AbortController();
    const res = await fetch(`${s.url}/api/v1/stream`, { headers: { authorization: `Bearer ${s.admin.token}` }, signal: ac.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const created = admin('POST', '/api/v1/orgs', { name: 'Live Update Co' });
    let seen = '';
    const org = (await created).body;
    while (!seen.includes(org.id)) seen += new TextDecoder().decode((await reader.read()).value);
    ac.abort();
    expect(seen).toContain('"type":"org.created"');
  });
});
