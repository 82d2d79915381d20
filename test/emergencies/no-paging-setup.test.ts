// No emergency is lost because paging is not set up: the urgent ticket is kept, the emergency
// exists, and its thread and timeline say that no page went out and why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

describe.each(testEngines())('an emergency on a workspace without paging on %s', (engine) => {
  let s: TestServer;
  let api: ReturnType<typeof http>;
  beforeAll(async () => {
    s = await startTestServer({ engine }); // no demo: no paging service, no policy
    api = http(s.url, { token: s.admin.token });
    const org = (await api('POST', '/api/v1/orgs', { name: 'Entitled Co', subscription: { planTier: 'premium', supportPackage: 'priority_24x7' } })).body.id;
    await api('POST', '/api/v1/users', { email: 'cto@entitled.example', name: 'Ent CTO', role: 'customer', organizationId: org });
  });
  afterAll(async () => s?.close());

  it('WF-1: the ticket is created, the emergency exists, and the thread says no page was sent', async () => {
    const t = await api('POST', '/api/v1/tickets', { subject: 'Production down', requesterEmail: 'cto@entitled.example', form: 'self_managed', priority: 'urgent', description: 'Everything 502s' });
    expect(t.status).toBe(201);
    expect(t.body.ticket.priority).toBe('urgent');
    const e = await api('GET', `/api/v1/emergencies/${t.body.ticket.number}`);
    expect(e.status).toBe(200);
    const notice = e.body.thread.find((x: any) => x.kind === 'notice' && /No page was sent/.test(x.text));
    expect(notice?.text).toMatch(/Page someone by hand/);
    const timeline = await api('GET', `/api/v1/tickets/${t.body.ticket.id}/timeline`);
    expect(JSON.stringify(timeline.body)).toMatch(/emergency.page_failed/);
  });
});
