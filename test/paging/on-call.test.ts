// PG-3 with the real on-call answer from the schedules capability (registered through
// the node's scheduleResolver port): the demo page goes to the follow-the-sun DRI on call right now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/clock.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

describe.each(testEngines())('PG-3 with the schedules capability (%s)', (engine) => {
  let s: TestServer;
  const clock = new FakeClock('2026-11-24T03:00:00Z'); // Tuesday 12:00 in Tokyo: APAC hours
  beforeAll(async () => {
    s = await startTestServer({ demo: true, engine, clock, runJobs: false });
  }, 30_000);
  afterAll(async () => s?.close());

  it('PG-3: the customer-emergencies page goes to the DRI on call, then the support manager on call after 10 minutes', async () => {
    expect(s.hotline.ctx.ports.scheduleResolver).toBeDefined();
    const api = http(s.url, { token: s.admin.token });
    const page = (await api('POST', '/api/v1/pages', { serviceId: 'customer-emergencies', title: 'Acme: production down' })).body;
    expect(page.escalationLevel).toBe(0);
    expect(page.targetUserIds).toHaveLength(1);
    const dri = (await api('GET', `/api/v1/users/${page.targetUserIds[0]}`)).body;
    expect(dri.region).toBe('APAC');
    clock.set('2026-11-24T03:10:00Z');
    await s.hotline.ctx.jobs.drain();
    const after = (await api('GET', `/api/v1/pages/${page.id}`)).body;
    expect(after.escalationLevel).toBe(1);
    const manager = (await api('GET', `/api/v1/users/${after.targetUserIds[0]}`)).body;
    expect(manager.title).toBe('support manager');
  });

  it('SCH-7: a page to a schedule with a shadow on duty notifies the shadow, who cannot acknowledge it', async () => {
    clock.set('2026-11-24T18:00:00Z'); // Tuesday 13:00 in Toronto: the shadow rotation is on
    const api = http(s.url, { token: s.admin.token });
    const policy = await api('POST', '/api/v1/escalation-policies', {
      id: 'shadowed', name: 'Shadowed', repeat: 0,
      levels: [{ delayMinutes: 10, targets: [{ type: 'schedule', id: 'support-managers' }, { type: 'schedule', id: 'customer-emergencies-shadow' }] }],
    });
    expect(policy.status).toBeLessThan(300);
    const page = (await api('POST', '/api/v1/pages', { serviceId: 'customer-emergencies', title: 'Shadowed page', escalationPolicyId: 'shadowed' })).body;
    const cody = (await api('GET', '/api/v1/users?q=cody')).body;
    const codyId = (cody.items ?? cody).find((u: { email: string }) => u.email === 'cody.lee@example.com')?.id;
    expect(codyId).toBeTruthy();
    expect(page.shadowUserIds).toEqual([codyId]);
    expect(page.targetUserIds).not.toContain(codyId);
    const jobs = await s.hotline.ctx.db.kysely.selectFrom('jobs').select(['payload']).where('kind', '=', 'page.notify').where('status', '=', 'pending').execute();
    expect(jobs.map((j) => JSON.parse(j.payload)).filter((p) => p.pageId === page.id).map((p) => p.userId)).toContain(codyId);
    const login = await http(s.url)('POST', '/api/v1/auth/login', { email: 'cody.lee@example.com', password: 'hotline-demo' });
    expect(login.status).toBe(200);
    const asCody = http(s.url, { cookie: login.headers.get('set-cookie')!.split(';')[0], csrf: login.body.csrfToken });
    const ack = await asCody('POST', `/api/v1/pages/${page.id}/acknowledge`);
    expect(ack.status).toBe(403);
    expect(ack.body.error.code).toBe('page.shadow_cannot_own');
  });
});
