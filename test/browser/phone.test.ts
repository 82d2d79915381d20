// The on-call person's phone (390×844): the board, an emergency and the On call page fit the screen
// width (no sideways scrolling), the LIVE badge stays in the header, and on the emergency page the
// acknowledge button is on the first screen, without scrolling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt, launchBrowser, screenshot, type BrowserSession, signIn } from './support.ts';
import { needs } from '../support/requirements.ts';

const PHONE = { width: 390, height: 844 };

/** What sticks out sideways: the page's scroll width against its width, and the widest offenders. */
async function widths(page: Page) {
  return page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > client + 1 && getComputedStyle(el).position !== 'fixed')
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}.${String(el.className).slice(0, 40)} → ${Math.round(el.getBoundingClientRect().right)}`);
    return { scroll: document.documentElement.scrollWidth, client, wide };
  });
}

async function expectNoSidewaysScroll(page: Page, name: string) {
  const w = await widths(page);
  if (w.scroll > w.client) console.error(name, 'overflows:', w, await screenshot(page, `phone-${name}`));
  expect(w.scroll).toBeLessThanOrEqual(w.client);
}

describe('web: the on-call person’s phone (390×844)', needs('chromium'), () => {
  let server: TestServer;
  let browser: BrowserSession;
  let api: ReturnType<typeof http>;
  let number: number;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true });
    api = http(server.url, { token: server.admin.token });
    const t = await api('POST', '/api/v1/tickets', { subject: 'Checkout returns 502 for every customer since the deploy', form: 'saas', priority: 'urgent', requesterEmail: 'rita@acme.example', description: 'Down everywhere.' });
    expect(t.status).toBe(201);
    number = t.body.ticket.number;
    browser = await launchBrowser();
    // signIn waits for the signed-in name, which a phone's header leaves out; then the phone
    await signIn(browser.page, server.url, 'alice.nguyen@example.com');
    await browser.page.setViewportSize(PHONE);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the board fits the width and the LIVE badge is shown', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/emergencies`);
    await page.getByTestId('emergency-row').first().waitFor();
    await page.getByTestId('live-status').getByText('Live', { exact: true }).waitFor();
    expect(await page.getByTestId('live-status').isVisible()).toBe(true);
    // the fixed header does not widen the page, so check that its last control is on screen
    const logout = (await page.getByRole('button', { name: 'Log out' }).boundingBox())!;
    expect(logout.x + logout.width).toBeLessThanOrEqual(PHONE.width);
    await expectNoSidewaysScroll(page, 'board');
  }, 60_000);

  it('an emergency fits the width and its acknowledge button is on the first screen', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/emergencies/${number}`);
    const ack = page.getByTestId('acknowledge');
    await ack.waitFor();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const box = (await ack.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await expectNoSidewaysScroll(page, 'emergency');
    await screenshot(page, 'phone-emergency');
  }, 60_000);

  it('the On call page fits the width and lists the week day by day', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/oncall`);
    await page.getByTestId('oncall-list').waitFor();
    expect(await page.getByTestId('oncall-timeline').count()).toBe(0);
    expect(await page.getByTestId('oncall-day').count()).toBe(7);
    await page.getByTestId('oncall-now').waitFor();
    await expectNoSidewaysScroll(page, 'oncall');
    await screenshot(page, 'phone-oncall');
  }, 60_000);
});
