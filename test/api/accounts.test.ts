// Account security over real HTTP, on every engine: sign-in rate limits that a differently spelt
// header cannot dodge, password changes that need the current password and end other sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

describe.each(testEngines())('sign-in rate limits on %s', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ engine, rateLimits: { login: { max: 5, timeWindow: '1 minute' } } });
  });
  afterAll(async () => s?.close());

  it('sign-in: login rate limit — a token spelt with other spaces or case is no fresh bucket (one address → 429)', async () => {
    // every attempt carries a differently spelt header: another case of the scheme name…
    const spelt = (i: number) => [...'bearer'].map((c, k) => ((i >> k) & 1 ? c.toUpperCase() : c)).join('');
    const statuses: Array<[number, string]> = [];
    for (let i = 0; i < 12; i++) {
      const r = await http(s.url)('POST', '/api/v1/auth/login', { email: s.admin.email, password: `guess-number-${i}` }, { authorization: `${spelt(i)} ${s.admin.token}` });
      statuses.push([r.status, r.body.error.code]);
    }
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill([401, 'auth.invalid_credentials']));
    expect(statuses.slice(5)).toEqual(Array(7).fill([429, 'rate_limited']));
    // …or more spaces: not a password attempt at all, the header is malformed
    const spaced = await http(s.url)('POST', '/api/v1/auth/login', { email: s.admin.email, password: 'guess-number-x' }, { authorization: `Bearer   ${s.admin.token}` });
    expect([spaced.status, spaced.body.error.code]).toEqual([401, 'auth.invalid_token']);
  });

  it('sign-in: login rate limit — guesses for one account from many addresses are limited per account', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await s.hotline.app.inject({
        method: 'POST', url: '/api/v1/auth/login', remoteAddress: `10.0.0.${i + 1}`,
        payload: { email: ` ${i % 2 ? 'Someone@Example.com' : 'someone@example.com'}`, password: `guess-number-${i}` },
      });
      statuses.push(r.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });

  it('password change: guessing the current password is limited like sign-in', async () => {
    const admin = http(s.url, { token: s.admin.token });
    const u = await admin('POST', '/api/v1/users', { email: 'sam@example.com', name: 'Sam', role: 'engineer', password: 'first-password-1' });
    const sam = http(s.url, { token: (await admin('POST', '/api/v1/tokens', { name: 't-sam', userId: u.body.id })).body.token });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await sam('PATCH', `/api/v1/users/${u.body.id}`, { password: 'new-password-22', currentPassword: `guess-${i}` })).status);
    expect(statuses).toEqual([403, 403, 403, 403, 403, 429, 429]);
  });

  it('sign-in: a malformed Authorization header is refused (strict Bearer parsing)', async () => {
    for (const authorization of [`Bearer  ${s.admin.token}`, `Bearer\t${s.admin.token}`, `Bearer ${s.admin.token} extra`, `Token ${s.admin.token}`]) {
      const r = await s.hotline.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization }, remoteAddress: '10.1.0.1' });
      expect(r.statusCode).toBe(401);
    }
    const ok = await s.hotline.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `bearer ${s.admin.token}` }, remoteAddress: '10.1.0.1' });
    expect(ok.statusCode).toBe(200);
  });
});

describe.each(testEngines())('what sign-in and the request log give away on %s', (engine) => {
  let s: TestServer;
  const log: string[] = [];
  beforeAll(async () => {
    s = await startTestServer({ engine, rateLimits: { login: { max: 1000, timeWindow: '1 minute' } }, logLevel: 'info', logStream: { write: (line) => void log.push(line) } });
  });
  afterAll(async () => s?.close());

  /** CPU time of this process (the server's scrypt runs in its thread pool) spent on one sign-in. */
  async function cpuOfLogin(email: string): Promise<number> {
    const before = process.cpuUsage();
    const r = await http(s.url)('POST', '/api/v1/auth/login', { email, password: 'not-the-password' });
    expect(r.status).toBe(401);
    const d = process.cpuUsage(before);
    return d.user + d.system;
  }

  it('sign-in timing: an unknown e-mail costs the same password-hashing work as a known one', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    await cpuOfLogin(s.admin.email); // warm up
    for (let i = 0; i < 6; i++) {
      known.push(await cpuOfLogin(s.admin.email));
      unknown.push(await cpuOfLogin(`nobody-${i}@example.com`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // one scrypt verify is tens of milliseconds of CPU; without it an unknown e-mail costs a few
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it('SCH-11: a calendar feed secret never appears in the request log', async () => {
    const feed = await http(s.url, { token: s.admin.token })('POST', '/api/v1/calendar-feeds', { kind: 'user' });
    expect(feed.status).toBe(200);
    const secret: string = feed.body.secret;
    expect(secret.length).toBeGreaterThan(10);
    log.length = 0;
    const ics = await fetch(`${s.url}${feed.body.path}?x=1`);
    expect(ics.status).toBe(200);
    const wrong = await fetch(`${s.url}/cal/${secret}x.ics`);
    expect(wrong.status).toBe(404);
    const lines = log.join('');
    expect(lines).toContain('/cal/[redacted]'); // the requests were logged…
    expect(lines).not.toContain(secret); // …without their secret
  });
});

describe.each(testEngines())('password changes on %s', (engine) => {
  let s: TestServer;
  let admin: ReturnType<typeof http>;
  beforeAll(async () => {
    s = await startTestServer({ engine, rateLimits: { login: { max: 1000, timeWindow: '1 minute' } } });
    admin = http(s.url, { token: s.admin.token });
  });
  afterAll(async () => s?.close());

  async function signIn(email: string, password: string) {
    const r = await http(s.url)('POST', '/api/v1/auth/login', { email, password });
    expect(r.status).toBe(200);
    return http(s.url, { cookie: r.headers.get('set-cookie')!.split(';')[0], csrf: r.body.csrfToken });
  }

  async function newEngineer(email: string) {
    const u = await admin('POST', '/api/v1/users', { email, name: email.split('@')[0], role: 'engineer', password: 'first-password-1' });
    expect(u.status).toBe(201);
    return u.body.id as string;
  }

  it('password change: one\'s own needs the current password and ends one\'s other sessions (this one and API tokens stay)', async () => {
    const id = await newEngineer('pat@example.com');
    const here = await signIn('pat@example.com', 'first-password-1');
    const elsewhere = await signIn('pat@example.com', 'first-password-1');
    const token = (await here('POST', '/api/v1/tokens', { name: 'script' })).body.token as string;

    const none = await here('PATCH', `/api/v1/users/${id}`, { password: 'second-password-2' });
    expect([none.status, none.body.error.code]).toEqual([400, 'user.current_password_required']);
    const wrong = await here('PATCH', `/api/v1/users/${id}`, { password: 'second-password-2', currentPassword: 'not-my-password' });
    expect([wrong.status, wrong.body.error.code]).toEqual([403, 'user.wrong_current_password']);
    expect((await elsewhere('GET', '/api/v1/auth/me')).status).toBe(200); // nothing changed yet
    const r = await here('PATCH', `/api/v1/users/${id}`, { password: 'second-password-2', currentPassword: 'first-password-1' });
    expect(r.status).toBe(200);

    expect((await here('GET', '/api/v1/auth/me')).status).toBe(200);
    expect((await elsewhere('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await http(s.url, { token })('GET', '/api/v1/auth/me')).status).toBe(200);
    expect((await http(s.url)('POST', '/api/v1/auth/login', { email: 'pat@example.com', password: 'first-password-1' })).status).toBe(401);
    await signIn('pat@example.com', 'second-password-2');
  });

  it('password change: through an API token it still needs the current password, and ends every session', async () => {
    const id = await newEngineer('quin@example.com');
    const web = await signIn('quin@example.com', 'first-password-1');
    const token = (await web('POST', '/api/v1/tokens', { name: 'cli' })).body.token as string;
    const cli = http(s.url, { token });
    expect((await cli('PATCH', `/api/v1/users/${id}`, { password: 'second-password-2' })).status).toBe(400);
    expect((await cli('PATCH', `/api/v1/users/${id}`, { password: 'second-password-2', currentPassword: 'first-password-1' })).status).toBe(200);
    expect((await web('GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('password change: an admin reset of someone else ends all their sessions, revokes their tokens and is audited', async () => {
    const id = await newEngineer('ravi@example.com');
    const web = await signIn('ravi@example.com', 'first-password-1');
    const token = (await web('POST', '/api/v1/tokens', { name: 'script' })).body.token as string;
    const r = await admin('PATCH', `/api/v1/users/${id}`, { password: 'reset-password-3' });
    expect(r.status).toBe(200);
    expect((await web('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await http(s.url, { token })('GET', '/api/v1/auth/me')).status).toBe(401);
    const audit = await s.hotline.ctx.db.kysely.selectFrom('timeline').select(['action']).where('subject_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toContain('user.password_reset');
    await signIn('ravi@example.com', 'reset-password-3');
  });
});
