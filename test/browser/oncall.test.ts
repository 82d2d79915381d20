// Browser journey of the on-call page (SCH-2/3/6/9): the AMER week as a picture (bands per person,
// DRI row, gaps), an override made by dragging across a schedule, a swap asked and accepted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Temporal } from '../../src/kernel/time.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt, launchBrowser, screenshot, type BrowserSession, signIn } from './support.ts';
import { needs } from '../support/requirements.ts';

async function openOnCall(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'On call' }).click();
  await page.getByTestId('oncall-timeline').waitFor();
}

/** Drags across a schedule's track from one fraction of the week to another. */
async function drag(page: Page, scheduleId: string, from: number, to: number) {
  await page.evaluate(() => window.scrollTo(0, 0)); // not under the fixed header after a long form
  const box = (await page.getByTestId(`track-${scheduleId}`).boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * from, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * ((from + to) / 2), y, { steps: 4 });
  await page.mouse.move(box.x + box.width * to, y, { steps: 4 });
  await page.mouse.up();
  await page.getByTestId('selection-panel').waitFor().catch(async (e) => { console.error(await screenshot(page, 'oncall-drag-failed')); throw e; });
}

describe('web: on call', needs('chromium'), () => {
  let server: TestServer;
  let browser: BrowserSession;
  let api: ReturnType<typeof http>;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true });
    api = http(server.url, { token: server.admin.token });
    browser = await launchBrowser();
    await signIn(browser.page, server.url, 'alice.nguyen@example.com');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('SCH-2/3/9: the AMER week shows a band per person, the DRI row, gaps in red and both zones', async () => {
    const { page } = browser;
    await openOnCall(page);
    // next week: all of it is still ahead, so time can be given up anywhere in it (SCH-6)
    await Promise.all([page.waitForResponse((r) => r.url().includes('/timeline?')), page.getByRole('button', { name: 'Next week →' }).click()]);
    expect(await page.getByTestId('band').count()).toBeGreaterThan(10);
    expect(await page.getByTestId('dri-band').count()).toBeGreaterThan(10);
    // AMER 1/2/3 cover 12:00–20:00 New York: no gap until someone gives time up (Wednesday 12:00–13:00)
    expect(await page.getByTestId('gap-band').count()).toBe(0);
    const today = Temporal.Now.zonedDateTimeISO('America/New_York').toPlainDate();
    const wed = today.subtract({ days: today.dayOfWeek - 3 }).add({ weeks: 1 });
    const at = (h: number) => wed.toZonedDateTime({ timeZone: 'America/New_York', plainTime: Temporal.PlainTime.from({ hour: h }) }).toInstant().toString();
    const onAmer1 = (await api('GET', `/api/v1/oncall?group=amer&at=${at(12)}`)).body.schedules[0].owners[0];
    const gave = await api('POST', '/api/v1/schedule-overrides', { schedule: 'amer-1', start: at(12), end: at(13), replaces: onAmer1 });
    expect(gave.status).toBe(201);
    await page.getByTestId('gap-band').first().waitFor();
    expect(await page.getByTestId('gap-band').count()).toBe(1);
    await page.getByText('Schedule · America/New_York').waitFor();
    await page.getByText(/^You · /).waitFor();
    const path = await screenshot(page, 'oncall-week');
    expect(path).toMatch(/oncall-week/);
  }, 60_000);

  it('SCH-6: dragging across AMER 2 creates an override for the signed-in engineer', async () => {
    const { page } = browser;
    const before = await page.locator('[data-testid="band"][data-source="override"]').count();
    await drag(page, 'amer-2', 0.3, 0.38);
    await page.getByRole('button', { name: 'Create override' }).click();
    await page.getByTestId('selection-panel').waitFor({ state: 'detached' });
    await page.locator('[data-testid="band"][data-source="override"][data-user="alice.nguyen@example.com"]').first().waitFor();
    expect(await page.locator('[data-testid="band"][data-source="override"]').count()).toBeGreaterThan(before);
    const list = await api('GET', '/api/v1/schedule-overrides?schedule=amer-2');
    expect(list.body.items.map((o: any) => o.user)).toContain('alice.nguyen@example.com');
    await screenshot(page, 'oncall-override');
  }, 60_000);

  it('SCH-6: alice asks bruno for a swap; bruno accepts it on the page', async () => {
    const { page } = browser;
    await drag(page, 'amer-1', 0.45, 0.6);
    await page.getByTestId('selection-panel').getByText('Ask for a swap', { exact: true }).click();
    await page.getByLabel('Swap with').first().click();
    await page.getByRole('option', { name: 'Bruno Costa' }).click();
    await page.getByRole('button', { name: 'Ask for swap' }).click();
    await page.getByTestId('swap-row').waitFor();
    expect(await page.getByTestId('swap-row').innerText()).toMatch(/waiting for bruno/i);

    await signIn(page, server.url, 'bruno.costa@example.com');
    await openOnCall(page);
    const row = page.getByTestId('swap-row');
    await row.getByRole('button', { name: 'Accept' }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Next week →' }).click();
    await page.locator('[data-testid="band"][data-source="swap"]').first().waitFor();
    const swaps = await api('GET', '/api/v1/schedule-swaps?status=accepted');
    expect(swaps.body.items).toHaveLength(1);
    await screenshot(page, 'oncall-swap');
  }, 60_000);
});
