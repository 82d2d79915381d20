// Two Hotline nodes on one PostgreSQL database: both serve the same data, and a change made on
// one reaches browsers connected to the other (live updates travel by LISTEN/NOTIFY).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../src/store/test-db.ts';
import { needs } from '../support/requirements.ts';
import { startHotline, type Hotline } from '../../src/main/server.ts';
import { http } from '../support/server.ts';

const admin = { email: 'admin@example.com', password: 'admin-password-123', token: 'hl_two_nodes_admin_token_0123456789' };

describe('two nodes on one PostgreSQL database', needs('postgres'), () => {
  let t: TestDatabase;
  let a: Hotline;
  let b: Hotline;
  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    // both start at once: migrations and the admin bootstrap must not trip over each other
    [a, b] = await Promise.all([
      startHotline({ databaseUrl: t.url, port: 0, logLevel: 'silent', admin }),
      startHotline({ databaseUrl: t.url, port: 0, logLevel: 'silent', admin }),
    ]).catch(async (e) => {
      // a lost race on the unique admin row is acceptable only if a retry then succeeds
      throw e;
    });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await t?.drop();
  });

  it('a change on node A is readable on node B and reaches B\'s live stream', async () => {
    const ac = new AbortController();
    const res = await fetch(`${b.url}/api/v1/stream`, { headers: { authorization: `Bearer ${admin.token}` }, signal: ac.signal });
    const reader = res.body!.getReader();
    await reader.read(); // ": connected"
    const created = await http(a.url, { token: admin.token })('POST', '/api/v1/orgs', { name: 'Made On Node A' });
    expect(created.status).toBe(201);
    let seen = '';
    const until = Date.now() + 10_000;
    while (!seen.includes(created.body.id) && Date.now() < until) seen += new TextDecoder().decode((await reader.read()).value);
    ac.abort();
    expect(seen).toContain(`"id":"${created.body.id}"`);
    const onB = await http(b.url, { token: admin.token })('GET', `/api/v1/orgs/${created.body.id}`);
    expect(onB.body.name).toBe('Made On Node A');
    for (const node of [a, b]) expect((await http(node.url)('GET', '/readyz')).status).toBe(200);
  });
});
