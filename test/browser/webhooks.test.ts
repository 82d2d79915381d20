// Admin → Webhooks in the browser: an admin creates a subscription with event-type checkboxes, sees
// the secret once, presses "Send test event", and the delivery log shows it delivered to a
// Standard Webhooks receiver that verified its signature.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
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
});
