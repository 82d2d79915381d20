// Admin → Webhooks in the browser: an admin creates a subscription with event-type checkboxes, sees
// the secret once, presses "Send test event", and the delivery log shows it delivered to a
// Standard Webhooks receiver that verified its signature. A disabled subscription says how many
// deliveries its disabling cancelled and offers to resend them when enabling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { startStandardWebhookReceiver, type StandardWebhookReceiver } from '../stand-ins/standard-webhook-receiver.ts';
import { ensureWebBuilt, launchBrowser, screenshot, signIn, type BrowserSession } from './support.ts';
import { needs } from '../support/requirements.ts';

describe('web: webhooks', needs('chromium'), () => {
  let server: TestServer;
  let browser: BrowserSession;
  let rx: StandardWebhookReceiver;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true });
    rx = await startStandardWebhookReceiver('whsec_' + Buffer.alloc(32, 1).toString('base64'));
    browser = await launchBrowser();
    await signIn(browser.page, server.url, 'admin@example.com');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await rx?.close();
    await server?.close();
  });

  it('create with event types, the secret shown once, send a test event, see it delivered in the log', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/webhooks`);
    await page.getByRole('button', { name: 'New subscription' }).click();
    await page.getByLabel('Name').fill('Status page');
    await page.getByLabel('Receiver URL').fill(rx.url);
    await page.getByRole('checkbox', { name: /Page triggered/ }).check();
    await page.getByRole('checkbox', { name: /Every escalation change/ }).check();
    await page.getByRole('button', { name: 'Create subscription' }).click();
    const secret = (await page.getByTestId('webhook-secret').locator('code').first().innerText()).trim();
    expect(secret).toMatch(/^whsec_/);
    rx.setSecret(secret);
    const card = page.getByTestId('webhook-subscription').filter({ hasText: 'Status page' });
    expect(await card.innerText()).toMatch(/page\.triggered, escalation\.\*/);
    await card.getByRole('button', { name: 'Send test event' }).click();
    const row = card.getByTestId('webhook-delivery').filter({ hasText: 'webhook.test' });
    await row.getByText('delivered').waitFor({ timeout: 20_000 });
    expect(await row.innerText()).toMatch(/#1 .* 200 · \d+ ms/);
    expect([...rx.accepted.values()].map((a) => a.type)).toEqual(['webhook.test']);
    expect(rx.requests.every((r) => r.rejected === null)).toBe(true);
    await screenshot(page, 'webhooks-delivered');
    // the secret is not shown again
    await page.reload();
    await card.waitFor();
    expect(await page.content()).not.toContain(secret);
  }, 90_000);

  it('enabling a disabled subscription shows how many deliveries were cancelled and resends them when asked', async () => {
    const { page } = browser;
    const api = http(server.url, { token: server.admin.token });
    const rx2 = await startStandardWebhookReceiver('whsec_' + Buffer.alloc(32, 1).toString('base64'));
    try {
      const c = await api('POST', '/api/v1/webhook-subscriptions', { name: 'Ops bot', url: rx2.url, eventTypes: ['ticket.created'] });
      rx2.setSecret(c.body.secret);
      rx2.always(503);
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) ids.push((await api('POST', `/api/v1/webhook-subscriptions/${c.body.subscription.id}/test`)).body.deliveryId);
      for (let i = 0; i < 300 && rx2.requests.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
      expect(rx2.requests.map((r) => r.status), JSON.stringify(rx2.requests.map((r) => [r.headers['webhook-id'], r.rejected]))).toEqual(rx2.requests.map(() => 503));
      const off = await api('POST', `/api/v1/webhook-subscriptions/${c.body.subscription.id}/disable`);
      expect(off.body.enabled, off.text).toBe(false); // their retries are cancelled
      rx2.always(null);

      await page.goto(`${server.url}/webhooks`);
      const card = page.getByTestId('webhook-subscription').filter({ hasText: 'Ops bot' });
      const missed = card.getByTestId('webhook-missed');
      await missed.waitFor();
      expect(await missed.innerText()).toMatch(/2 deliveries were cancelled when it was disabled/);
      const box = missed.getByRole('checkbox', { name: 'Resend them when enabling' });
      expect(await box.isChecked(), 'unchecked at first').toBe(false); // resending is a choice
      await box.check();
      await card.getByRole('button', { name: 'Enable' }).click();
      await card.getByTestId('webhook-resent').waitFor();
      expect(await card.getByTestId('webhook-resent').innerText()).toMatch(/2 cancelled deliveries were queued again/);
      await card.getByRole('button', { name: 'Send test event' }).waitFor(); // enabled now
      for (let i = 0; i < 300 && rx2.accepted.size < 2; i++) await new Promise((r) => setTimeout(r, 100));
      expect(new Set(rx2.accepted.keys())).toEqual(new Set(ids));
      await card.getByRole('button', { name: 'Deliveries' }).click();
      for (const id of ids) await card.getByTestId('webhook-delivery').filter({ hasText: id }).getByText('delivered').waitFor({ timeout: 20_000 });
      await screenshot(page, 'webhooks-resent');
    } finally {
      await rx2.close();
    }
  }, 90_000);
});
