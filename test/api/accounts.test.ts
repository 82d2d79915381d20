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
