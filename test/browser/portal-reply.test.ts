// TK-8 on the customer's phone (390×844): replies are signed by the engineer who wrote them, web
// addresses in them are links (http/https only, opened safely), a solved request says so and that a
// reply reopens it, and the emergency form's submit button fits on the screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { needs } from '../support/requirements.ts';
import { ensureWebBuilt, launchBrowser, screenshot, type BrowserSession, signIn } from './support.ts';

const PHONE = { width: 390, height: 844 };

describe('web: the portal on a phone', needs('chromium'), () => {
  let server: TestServer;
  let b: BrowserSession;
  let api: ReturnType<typeof http>;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true });
    api = http(server.url, { token: server.admin.token });
    b = await launchBrowser();
    await signIn(b.page, server.url, 'rita@acme.example');
    await b.page.setViewportSize(PHONE);
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  const tokenFor = async (email: string) => {
    const u = (await api('GET', `/api/v1/users?q=${encodeURIComponent(email)}`)).body.items[0];
    return { user: u, call: http(server.url, { token: (await api('POST', '/api/v1/tokens', { name: `portal-${email}`, userId: u.id })).body.token }) };
  };

  it('TK-8: a solved request: signed reply, safe links, why it is solved and that replying reopens it', async () => {
    const rita = await tokenFor('rita@acme.example');
    const tara = await tokenFor('tara.brooks@example.com');
    const opened = await rita.call('POST', '/api/v1/portal/tickets', { subject: 'Backups fail nightly', description: 'Since Monday.', form: 'self_managed', priority: 'normal' });
    expect(opened.status, opened.text).toBe(201);
    const id = opened.body.ticket.id;
    const reply = 'Fixed the cron entry, details at https://docs.example/backups#cron. Ignore javascript:alert(1) and <b>bold</b>.';
    expect((await tara.call('POST', `/api/v1/tickets/${id}/comments`, { body: reply, public: true })).status).toBe(201);
    const v = (await api('GET', `/api/v1/tickets/${id}`)).body.ticket.version;
    expect((await api('PATCH', `/api/v1/tickets/${id}`, { version: v, status: 'solved' })).status).toBe(200);

    const page = b.page;
    await page.goto(`${server.url}/support/${id}`);
    const conv = page.getByTestId('portal-conversation');
    await conv.getByText(/Fixed the cron entry/).waitFor();
    expect(await conv.getByTestId('reply-author').allInnerTexts()).toContain(tara.user.name);
    const link = conv.getByRole('link', { name: 'https://docs.example/backups#cron' });
    expect(await link.getAttribute('href')).toBe('https://docs.example/backups#cron');
    expect((await link.getAttribute('rel'))!.split(' ').sort()).toEqual(['nofollow', 'noopener', 'noreferrer']);
    expect(await conv.getByRole('link', { name: /javascript/ }).count()).toBe(0);
    expect(await conv.locator('b', { hasText: 'bold' }).count()).toBe(0);
    await conv.getByText('<b>bold</b>', { exact: false }).waitFor();
    const solved = page.getByTestId('solved-explained');
    expect(await solved.innerText()).toMatch(new RegExp(`${tara.user.name} marked it solved[\\s\\S]*replying reopens the request`));
    await screenshot(page, 'portal-solved-phone');

    // Replying does reopen it.
    await page.getByLabel('Your reply').fill('Still failing tonight.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByTestId('solved-explained').waitFor({ state: 'detached' });
    expect((await api('GET', `/api/v1/tickets/${id}`)).body.ticket.status).not.toBe('solved');
  }, 60_000);

  it('TK-8: on a phone the emergency form fits, its submit button reachable on screen', async () => {
    const page = b.page;
    await page.goto(`${server.url}/support?new=emergency`);
    const submit = page.getByTestId('submit-request');
    await submit.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await submit.scrollIntoViewIfNeeded();
    const box = (await submit.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    await screenshot(page, 'portal-emergency-form-phone');

    // WF-1: a phone number to reach the requester, kept for staff and shown on the emergency page.
    await page.getByLabel('Subject').fill('Cluster down after upgrade');
    await page.getByLabel('What is happening?').fill('All nodes answer 502.');
    await page.getByTestId('contact-phone').fill('+1 312 555 0100');
    await submit.click();
    await page.getByRole('heading', { name: /Cluster down after upgrade/ }).waitFor();
    expect(await page.getByText('555 0100').count()).toBe(0);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const t = (await api('GET', `/api/v1/tickets/${id}`)).body.ticket;
    expect(t.customFields.contact_phone).toBe('+1 312 555 0100');
    const staff = await launchBrowser();
    try {
      await signIn(staff.page, server.url, 'tara.brooks@example.com');
      await staff.page.goto(`${server.url}/emergencies/${t.number}`);
      const link = staff.page.getByTestId('contact-phone');
      await link.waitFor();
      expect(await link.innerText()).toBe('+1 312 555 0100');
      expect(await link.getAttribute('href')).toBe('tel:+13125550100');
    } finally {
      await staff.close();
    }
  }, 90_000);
});
