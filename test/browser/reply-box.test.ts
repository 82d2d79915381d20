// TK-2: typing goes on while a reply is being sent. Whatever was typed after pressing "Send public
// reply" stays in the box; only the text that went out is taken away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { needs } from '../support/requirements.ts';
import { ensureWebBuilt, launchBrowser, type BrowserSession, signIn } from './support.ts';

describe('web: the reply box keeps what is typed while sending', needs('chromium'), () => {
  let server: TestServer;
  let b: BrowserSession;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true });
    b = await launchBrowser();
    // The manager on duty: sees every emergency whoever is on call at the moment the test runs (TK-8).
    await signIn(b.page, server.url, 'tara.brooks@example.com');
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  it('TK-2: text typed after "Send public reply" survives the send', async () => {
    const api = http(server.url, { token: server.admin.token });
    // The customer reports it in the portal, as in real life.
    const rita = (await api('GET', '/api/v1/users?q=rita@acme.example')).body.items[0];
    const customer = http(server.url, { token: (await api('POST', '/api/v1/tokens', { name: 'reply-box-test', userId: rita.id })).body.token });
    const opened = await customer('POST', '/api/v1/portal/tickets', { subject: 'Registry down', description: 'Every push fails.', form: 'self_managed', emergency: true });
    expect(opened.status, opened.text).toBe(201);
    const t = opened.body.ticket;
    const page = b.page;
    await page.goto(`${server.url}/emergencies/${t.number}`);
    const box = page.getByTestId('reply-box');
    const text = box.getByRole('textbox', { name: 'Public reply' });
    // Hold the comment request until more has been typed.
    let release!: () => void;
    const held = new Promise<void>((ok) => (release = ok));
    await page.route(`**/api/v1/tickets/${t.id}/comments`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await held;
      await route.continue();
    });
    await text.fill('Looking at it now.');
    await box.getByTestId('send-reply').click();
    await text.press('End');
    await text.pressSequentially(' And the bridge is');
    release();
    await page.getByTestId('public-reply').filter({ hasText: 'Looking at it now.' }).waitFor();
    await expect.poll(() => text.inputValue()).toBe('And the bridge is');
    // Left alone for the list reloads that follow: still there.
    await page.waitForTimeout(800);
    expect(await text.inputValue()).toBe('And the bridge is');
    const comments = (await api('GET', `/api/v1/tickets/${t.id}`)).body.comments.filter((c: { isPublic: boolean }) => c.isPublic);
    expect(comments.map((c: { body: string }) => c.body)).toContain('Looking at it now.');
  }, 60_000);
});
