// TK-8: in the portal, each public reply is signed with its author's display name (never an e-mail
// address), over real HTTP on every engine; internal notes still never reach the customer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

describe.each(testEngines())('portal reply signatures on %s', (engine) => {
  let s: TestServer;
  const api: Record<string, ReturnType<typeof http>> = {};

  beforeAll(async () => {
    s = await startTestServer({ engine });
    const admin = http(s.url, { token: s.admin.token });
    const acme = (await admin('POST', '/api/v1/orgs', { name: 'Acme Robotics' })).body.id;
    for (const [key, name, email, role, organizationId] of [
      ['engineer', 'Alice Nguyen', 'alice.nguyen@example.com', 'engineer', null], ['rita', 'Rita Ops', 'rita@acme.example', 'customer', acme],
    ] as const) {
      const u = await admin('POST', '/api/v1/users', { email, name, role, ...(organizationId ? { organizationId } : {}) });
      api[key] = http(s.url, { token: (await admin('POST', '/api/v1/tokens', { name: `t-${key}`, userId: u.body.id })).body.token });
    }
  });
  afterAll(async () => s?.close());

  it('TK-8: the engineer\'s reply carries their name, the customer\'s their own; no note, no e-mail address', async () => {
    const t = (await api.rita!('POST', '/api/v1/portal/tickets', { subject: 'Login loop', description: 'Cannot sign in.', form: 'saas', priority: 'high' })).body.ticket;
    expect((await api.engineer!('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'Looking into it.', public: true })).status).toBe(201);
    expect((await api.engineer!('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'INTERNAL: cookie domain wrong', public: false })).status).toBe(201);
    const r = await api.rita!('GET', `/api/v1/portal/tickets/${t.id}`);
    expect(r.status).toBe(200);
    const signed = r.body.comments.map((c: { body: string; authorName: string | null }) => [c.body, c.authorName]);
    expect(signed).toEqual([['Cannot sign in.', 'Rita Ops'], ['Looking into it.', 'Alice Nguyen']]);
    expect(r.text).not.toContain('INTERNAL');
    expect(r.text).not.toContain('alice.nguyen@example.com');
  });

  it('TK-8: a workspace may sign staff replies with the team\'s name; the export keeps the choice; a bad value is refused', async () => {
    const rita = api.rita!;
    const t = (await rita('POST', '/api/v1/portal/tickets', { subject: 'Slow UI', description: 'Pages take 10 s.', form: 'saas', priority: 'normal' })).body.ticket;
    expect((await api.engineer!('POST', `/api/v1/tickets/${t.id}/comments`, { body: 'On it.', public: true })).status).toBe(201);
    const apply = async (yaml: string) => {
      const r = await fetch(`${s.url}/api/v1/workspace/apply`, { method: 'POST', headers: { authorization: `Bearer ${s.admin.token}`, 'content-type': 'application/yaml' }, body: yaml });
      return { status: r.status, body: await r.json() };
    };
    expect((await apply('portal:\n  sign_replies_as: team\n  team_name: Acme Support Crew\n')).status).toBe(200);
    const signed = (await rita('GET', `/api/v1/portal/tickets/${t.id}`)).body.comments.map((c: { body: string; authorName: string }) => [c.body, c.authorName]);
    expect(signed).toEqual([['Pages take 10 s.', 'Rita Ops'], ['On it.', 'Acme Support Crew']]);
    const exported = await (await fetch(`${s.url}/api/v1/workspace/export`, { headers: { authorization: `Bearer ${s.admin.token}` } })).text();
    expect(exported).toMatch(/portal:\s+sign_replies_as: team\s+team_name: Acme Support Crew/);
    const bad = await apply('portal:\n  sign_replies_as: robot\n');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/sign_replies_as/);
    expect((await apply('portal:\n  sign_replies_as: engineer\n')).status).toBe(200);
    expect((await rita('GET', `/api/v1/portal/tickets/${t.id}`)).body.comments[1].authorName).toBe('Alice Nguyen');
  });
});
