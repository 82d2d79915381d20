// Every error, including those Fastify or Node's HTTP parser meet before a route runs, answers
// `{"error":{"code","message"}}` with a 4xx: a client can always read `error.code`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startTestServer, type TestServer } from '../support/server.ts';

describe('API errors: every error in one shape', () => {
  let s: TestServer;
  let api: ReturnType<typeof http>;
  beforeAll(async () => {
    s = await startTestServer();
    api = http(s.url, { token: s.admin.token });
  });
  afterAll(async () => s?.close());

  const long = 'x'.repeat(300);
  const cases: Array<[string, number, string, string, string, unknown, Record<string, string>?]> = [
    ['malformed percent-encoding in an id', 400, 'request.bad_url', 'GET', '/api/v1/orgs/%zz', undefined],
    ['truncated UTF-8 percent-encoding', 400, 'request.bad_url', 'GET', '/api/v1/tickets/%E0%A4%A', undefined],
    ['malformed percent-encoding on an unknown route', 400, 'request.bad_url', 'GET', '/api/v1/nothing/%zz', undefined],
    ['malformed percent-encoding outside the API', 400, 'request.bad_url', 'GET', '/%zz', undefined],
    ['over-long org id', 414, 'request.id_too_long', 'GET', `/api/v1/orgs/${long}`, undefined],
    ['over-long ticket id', 414, 'request.id_too_long', 'GET', `/api/v1/tickets/${long}`, undefined],
    ['over-long id on a write', 414, 'request.id_too_long', 'PATCH', `/api/v1/users/${long}`, { name: 'B' }],
    ['URL larger than the header limit', 431, 'request.headers_too_large', 'GET', `/api/v1/orgs/x/${'y'.repeat(20_000)}`, undefined],
    ['unknown API route', 404, 'route.not_found', 'GET', '/api/v1/nothing-here', undefined],
    ['unknown method on a known path', 404, 'route.not_found', 'DELETE', '/api/v1/orgs', undefined],
    ['bad JSON body', 400, 'request.malformed_json', 'POST', '/api/v1/orgs', '{"name": '],
    ['empty JSON body', 400, 'request.malformed_json', 'POST', '/api/v1/orgs', '', { 'content-type': 'application/json' }],
    ['wrong content type', 415, 'request.unsupported_media_type', 'POST', '/api/v1/orgs', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['body too large', 413, 'request.too_large', 'POST', '/api/v1/orgs', JSON.stringify({ name: 'Big', notes: 'x'.repeat(1_100_000) })],
  ];

  it.each(cases)('%s → %i %s', async (_name, status, code, method, path, body, headers) => {
    const r = await api(method, path, body, headers);
    expect(r.status).toBe(status);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(r.body)).toEqual(['error']);
    expect(r.body.error.code).toBe(code);
    expect(typeof r.body.error.message).toBe('string');
    expect(r.body.error.message.length).toBeGreaterThan(10);
    expect(r.body.error).not.toHaveProperty('statusCode');
  });

  it('the server still answers after a request the HTTP parser refused', async () => {
    await api('GET', `/api/v1/orgs/x/${'y'.repeat(20_000)}`);
    expect((await api('GET', '/api/v1/meta')).status).toBe(200);
  });
});
