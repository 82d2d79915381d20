// WF-1 / TK-8: the portal's emergency form takes a phone number to reach the requester now. It is
// kept on the ticket for staff, and never shown to customers (not even the requester's colleagues),
// over real HTTP on every engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

describe.each(testEngines())('portal contact phone on %s', (engine) => {
  let s: TestServer;
  const api: Record<string, ReturnType<typeof http>> = {};

  beforeAll(async () => {
    s = await startTestServer({ engine });
    const admin = http(s.url, { token: s.admin.token });
    api.admin = admin;
    const acme = (await admin('POST', '/api/v1/orgs', { name: 'Acme Robotics' })).body.id;
    for (const [key, email, role, organizationId] of [
      ['engineer', 'alice.nguyen@example.com', 'engineer', null], ['rita', 'rita@acme.example', 'customer', acme], ['ravi', 'ravi@acme.example', 'customer', acme],
    ] as const) {
      const u = await admin('POST', '/api/v1/users', { email, name: key, role, ...(organizationId ? { organizationId } : {}) });
      api[key] = http(s.url, { token: (await admin('POST', '/api/v1/tokens', { name: `t-${key}`, userId: u.body.id })).body.token });
    }
  });
  afterAll(async () => s?.close());

  it('WF-1: kept on the ticket for staff; customers never see it', async () => {
    const r = await api.rita!('POST', '/api/v1/portal/tickets', { subject: 'Cluster down', description: 'All nodes 502.', form: 'self_managed', emergency: true, contactPhone: '+1 312 555 0100' });
    expect(r.status, r.text).toBe(201);
    expect(r.text).not.toContain('555 0100');
    const id = r.body.ticket.id;
    expect((await api.admin!('GET', `/api/v1/tickets/${id}`)).body.ticket.customFields).toMatchObject({ contact_phone: '+1 312 555 0100' });
    for (const who of ['rita', 'ravi'] as const) {
      const seen = await api[who]!('GET', `/api/v1/portal/tickets/${id}`);
      expect(seen.status).toBe(200);
      expect(seen.text).not.toContain('555 0100');
      const listed = await api[who]!('GET', '/api/v1/portal/tickets');
      expect(listed.text).not.toContain('555 0100');
    }
  });

  it('a phone number that is not one is a 400, and nothing is opened', async () => {
    const before = (await api.rita!('GET', '/api/v1/portal/tickets')).body.items.length;
    const r = await api.rita!('POST', '/api/v1/portal/tickets', { subject: 'x', description: 'y', form: 'self_managed', emergency: true, contactPhone: '<script>alert(1)</script>' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBeTruthy();
    expect((await api.rita!('GET', '/api/v1/portal/tickets')).body.items.length).toBe(before);
  });
});
