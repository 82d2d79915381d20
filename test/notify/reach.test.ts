// "Nobody has been reached" as the API tells it (reach on the page view): a page that reached
// someone, one whose notifications went only to the outbox, one whose every attempt failed (SMTP
// on a closed port) and one for a person with no contact method — each with its one-click fix.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/clock.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { configureNotify, createChannels } from '../../src/notify/index.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

const START = '2026-11-24T03:00:00Z';

/** A loopback port nobody listens on: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe.each(testEngines())('reach: has anyone been reached for a page (%s)', (engine) => {
  let s: TestServer;
  let admin: ReturnType<typeof http>;
  const clock = new FakeClock(START);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    s = await startTestServer({ demo: true, engine, clock, runJobs: false });
    configureNotify(s.hotline.ctx, { channels: createChannels({}), publicUrl: s.url });
    admin = http(s.url, { token: s.admin.token });
    ids.alice = (await admin('GET', '/api/v1/users?q=alice.nguyen@example.com')).body.items[0].id;
    for (const [key, email, contact] of [['mailOnly', 'mail.only@example.com', true], ['nobody', 'no.contact@example.com', false]] as const) {
      const u = await admin('POST', '/api/v1/users', { email, name: key === 'mailOnly' ? 'Mo Mail' : 'Nat None', role: 'engineer' });
      expect(u.status).toBe(201);
      ids[key] = u.body.id;
      if (contact) expect((await admin('POST', `/api/v1/users/${u.body.id}/contact-methods`, { kind: 'email', address: email, verified: true })).status).toBe(201);
    }
  }, 30_000);
  afterAll(async () => s?.close());

  const page = async (who: string, title: string) => {
    const r = await admin('POST', '/api/v1/pages', { serviceId: 'customer-support', title, targetUserIds: [ids[who]] });
    expect(r.status).toBe(201);
    return r.body;
  };
  const reach = async (id: string) => (await admin('GET', `/api/v1/pages/${id}`)).body.reach;

  it('queued and not yet sent: pending, no banner; then the browser notification reaches Alice', async () => {
    const p = await page('alice', 'Reach: Alice');
    expect(await reach(p.id)).toMatchObject({ state: 'pending', reached: false });
    await s.hotline.ctx.jobs.drain();
    expect(await reach(p.id)).toMatchObject({ state: 'reached', reached: true, code: 'delivered', fix: null });
  });

  it('only the outbox (no e-mail channel): nobody reached, the fix is the outbox', async () => {
    const p = await page('mailOnly', 'Reach: outbox');
    await s.hotline.ctx.jobs.drain();
    expect(await reach(p.id)).toMatchObject({
      state: 'not_reached', reached: false, code: 'outbox_only',
      reason: expect.stringContaining('no e-mail channel is configured'), fix: { label: 'Open the outbox', href: '/outbox' },
    });
  });

  it('every attempt failed (SMTP on a closed port): nobody reached, the fix is the person\'s contact methods', async () => {
    configureNotify(s.hotline.ctx, { channels: createChannels({ email: { host: '127.0.0.1', port: await closedPort(), secure: false, from: 'Hotline <pager@hotline.test>', timeoutMs: 2000 } }) });
    const p = await page('mailOnly', 'Reach: broken SMTP');
    await s.hotline.ctx.jobs.drain();
    const r = await reach(p.id);
    expect(r).toMatchObject({ state: 'not_reached', code: 'all_failed', fix: { label: 'Check Mo Mail\'s contact methods', href: `/people/${ids.mailOnly}` } });
    expect(r.reason).toMatch(/^Nobody has been reached: every notification failed \(e-mail: .*ECONNREFUSED/);
    configureNotify(s.hotline.ctx, { channels: createChannels({}) });
  });

  it('no contact method at all: nobody reached, the fix is adding one', async () => {
    const p = await page('nobody', 'Reach: no method');
    await s.hotline.ctx.jobs.drain();
    expect(await reach(p.id)).toMatchObject({ state: 'not_reached', code: 'no_contact_method', fix: { href: `/people/${ids.nobody}` } });
  });

  it('an acknowledged page has reached someone', async () => {
    const p = await page('nobody', 'Reach: acknowledged');
    expect((await admin('POST', `/api/v1/pages/${p.id}/acknowledge`)).status).toBe(200);
    expect(await reach(p.id)).toMatchObject({ state: 'reached', code: 'closed' });
  });
});
