// PG-3 with the real on-call answer from the schedules capability (registered through
// registerScheduleResolver): the demo page goes to the follow-the-sun DRI on call right now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/clock.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { hasScheduleResolver } from '../../src/paging/targets.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

describe.each(testEngines())('PG-3 with the schedules capability (%s)', (engine) => {
  let s: TestServer;
  const clock = new FakeClock('2026-11-24T03:00:00Z'); // Tuesday 12:00 in Tokyo: APAC hours
  beforeAll(async () => {
    s = await startTestServer({ demo: true, engine, clock, runJobs: false });
  }, 30_000);
  afterAll(async () => s?.close());

  it('PG-3: the customer-emergencies page goes to the DRI on call, then the support manager on call after 10 minutes', async () => {
    expect(hasScheduleResolver()).toBe(true);
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
});
