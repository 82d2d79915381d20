// Notifications out of the box, in the browser: with no channel configured, a customer's emergency
// reaches the on-call engineer as a browser notification (permission granted; window.Notification
// wrapped to record what is shown), with a count on the tab title, and the e-mail it would have
// sent is in the outbox, which the admin reads on the Outbox screen. With SMTP configured to a
// closed port, the emergency page shouts that nobody has been reached, with the fix a click away.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { FakeClock } from '../../src/kernel/clock.ts';
import { configureNotify, createChannels } from '../../src/notify/index.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt, launchBrowser, screenshot, signIn, type BrowserSession } from './support.ts';
import { needs } from '../support/requirements.ts';

// Tuesday 12:30 in New York: AMER 1 alone is on call, and Acme's emergencies page its DRI.
const NOW = '2026-11-24T17:30:00Z';
const ENGINEER = 'alice.nguyen@example.com';

const RECORD_NOTIFICATIONS = `(() => {
  const Real = window.Notification;
  window.__shown = [];
  class Recorded extends Real {
    constructor(title, options) { super(title, options); window.__shown.push({ title, body: options && options.body }); }
  }
  Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
  Recorded.requestPermission = (...a) => Real.requestPermission(...a);
  window.Notification = Recorded;
})();`;

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('web: notifications out of the box, and failures that shout', needs('chromium'), () => {
  let server: TestServer;
  let engineer: BrowserSession;
  let admin: BrowserSession;
  let api: ReturnType<typeof http>;
  let rita: ReturnType<typeof http>;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true, clock: new FakeClock(NOW) });
    configureNotify(server.hotline.ctx, { channels: createChannels({}), publicUrl: server.url });
    api = http(server.url, { token: server.admin.token });
    const ritaId = (await api('GET', '/api/v1/users?q=rita@acme.example')).body.items[0].id;
    rita = http(server.url, { token: (await api('POST', '/api/v1/tokens', { name: 'rita', userId: ritaId })).body.token });
    engineer = await launchBrowser();
    await engineer.context.grantPermissions(['notifications'], { origin: server.url });
    await engineer.context.addInitScript(RECORD_NOTIFICATIONS);
    admin = await launchBrowser();
    await signIn(engineer.page, server.url, ENGINEER);
    await signIn(admin.page, server.url, 'admin@example.com');
  }, 180_000);
  afterAll(async () => {
    await engineer?.close();
    await admin?.close();
    await server?.close();
  });

  it('no channel configured: the on-call engineer gets a browser notification, and the e-mail is in the admin\'s outbox', async () => {
    const eng = engineer.page;
    onTestFailed(async () => console.error('screenshots:', await screenshot(eng, 'notify-failed-engineer'), await screenshot(admin.page, 'notify-failed-admin')));
    await eng.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Emergencies' }).click();
    await eng.getByText('Live', { exact: true }).waitFor();

    const opened = await rita('POST', '/api/v1/portal/tickets', { subject: 'Checkout returns 502 everywhere', description: 'Since 12:20, every checkout fails.', form: 'self_managed', emergency: true });
    expect(opened.status).toBe(201);
    const number = opened.body.ticket.number as number;
    const e = (await api('GET', `/api/v1/emergencies/${number}`)).body;
    expect(e.driUserId).toBe(ENGINEER);

    await expect.poll(() => eng.evaluate(() => (window as any).__shown as { title: string; body: string }[]), { timeout: 10_000 }).toEqual([
      expect.objectContaining({ title: expect.stringMatching(/^Page #\d+: /), body: expect.stringContaining('High-urgency page') }),
    ]);
    await expect.poll(() => eng.title()).toMatch(/^\(1\) /);
    expect(await eng.locator('link[rel="icon"]').getAttribute('data-unseen')).toBe('1');
    // looking at the page clears the count
    await eng.mouse.click(5, 5);
    await expect.poll(() => eng.title()).not.toMatch(/^\(\d+\) /);

    // the delivery log says where the e-mail went, and the admin reads it in the outbox
    const page = (await api('GET', `/api/v1/pages/${e.pageId}`)).body;
    expect(page.deliveries.filter((d: any) => d.userId && d.status === 'sent' && d.channel === 'browser')).toHaveLength(1);
    expect(page.reach).toMatchObject({ reached: true });
    const a = admin.page;
    await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outbox' }).click();
    const msg = a.getByTestId('outbox-message').filter({ hasText: ENGINEER });
    await msg.first().waitFor();
    expect(await msg.first().innerText()).toMatch(new RegExp(`Page #${page.number}`));
    await screenshot(a, 'outbox');
  }, 60_000);

  it('SMTP on a closed port and no browser method: the emergency page says nobody has been reached, with the fix', async () => {
    configureNotify(server.hotline.ctx, { channels: createChannels({ email: { host: '127.0.0.1', port: await closedPort(), secure: false, from: 'Hotline <pager@hotline.test>', timeoutMs: 2000 } }) });
    // whoever is paged now has e-mail (broken) and SMS (+2 min, later): nobody in the browser
    for (const u of (await api('GET', '/api/v1/users')).body.items) {
      for (const c of u.contactMethods.filter((m: any) => m.kind === 'browser')) {
        expect((await api('DELETE', `/api/v1/users/${u.id}/contact-methods/${c.id}`)).status).toBe(204);
      }
    }
    const opened = await rita('POST', '/api/v1/portal/tickets', { subject: 'Registry refuses every push', description: 'All pushes fail.', form: 'self_managed', emergency: true });
    expect(opened.status).toBe(201);
    const number = opened.body.ticket.number as number;
    await expect.poll(async () => (await api('GET', `/api/v1/emergencies/${number}`)).body.reach?.state, { timeout: 15_000 }).toBe('not_reached');

    const a = admin.page;
    await a.goto(`${server.url}/emergencies/${number}`);
    const banner = a.getByTestId('reach-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(/Nobody has been reached[\s\S]*every notification failed \(e-mail: .*ECONNREFUSED/);
    await screenshot(a, 'emergency-nobody-reached');
    const paged = (await api('GET', `/api/v1/emergencies/${number}`)).body.reach.fix.href as string;
    expect(paged).toMatch(/^\/people\//);
    await banner.getByRole('link').click();
    await a.waitForURL(`**${paged}`);
    await a.getByText('Contact methods').waitFor();
    // the board says it too
    await a.goto(`${server.url}/emergencies`);
    await a.getByTestId('board-reach-banner').getByRole('link', { name: new RegExp(`#${number}`) }).waitFor();
  }, 60_000);
});
