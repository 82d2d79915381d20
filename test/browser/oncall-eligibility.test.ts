// Browser journey of on-call eligibility and calendar feeds (SCH-8, SCH-11): a manager records
// someone's training and approves them; everyone sees their own feed address and can rotate it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { testEngines } from '../../src/store/test-db.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt, launchBrowser, screenshot, type BrowserSession, signIn } from './support.ts';
import { needs } from '../support/requirements.ts';

async function openOnCall(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'On call' }).click();
  await page.getByTestId('oncall-timeline').waitFor();
}

describe.each(testEngines())('web: on-call eligibility and calendar feeds (%s)', needs('chromium'), (engine) => {
  let server: TestServer;
  let browser: BrowserSession;
  let api: ReturnType<typeof http>;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true, engine });
    api = http(server.url, { token: server.admin.token });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('SCH-8: a manager records training and approves; the row shows the date and the approving manager', async () => {
    const { page } = browser;
    const records = (await api('GET', '/api/v1/oncall/eligibility')).body.items as { user: string }[];
    const staff = ((await api('GET', '/api/v1/users?role=engineer')).body.items as { email: string; name: string }[]);
    const newcomer = staff.find((u) => !records.some((r) => r.user === u.email))!;
    expect(newcomer).toBeTruthy();
    await signIn(page, server.url, 'tara.brooks@example.com');
    await openOnCall(page);
    const row = page.locator(`[data-testid="eligibility-row"][data-user="${newcomer.email}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('not recorded');
    await row.getByRole('button', { name: 'Record training' }).click();
    await row.getByRole('button', { name: 'Approve' }).click();
    await row.getByText('eligible', { exact: true }).waitFor();
    expect(await row.textContent()).toContain('Tara Brooks on');
    const after = ((await api('GET', '/api/v1/oncall/eligibility')).body.items as { user: string; trainingCompletedAt: string | null; approvedAt: string | null }[]).find((r) => r.user === newcomer.email);
    expect(after?.trainingCompletedAt).toBeTruthy();
    expect(after?.approvedAt).toBeTruthy();
    await page.getByTestId('eligibility').scrollIntoViewIfNeeded();
    await screenshot(page, `oncall-eligibility-${engine}`);
  });

  it('SCH-11: an engineer sees their feed address, it serves iCalendar, and rotating replaces it', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'alice.nguyen@example.com');
    await openOnCall(page);
    const input = page.getByTestId('feed-user');
    await expect.poll(() => input.inputValue()).toMatch(/\/cal\/[^/]+\.ics$/);
    const first = await input.inputValue();
    const ics = await fetch(first);
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
    expect(await page.getByTestId('eligibility-row').getByRole('button').count()).toBe(0); // engineers only read
    page.once('dialog', (d) => d.accept());
    await page.getByTestId('calendar-feeds').getByRole('button', { name: 'Rotate' }).click();
    await expect.poll(() => input.inputValue()).not.toBe(first);
    expect((await fetch(first)).status).toBe(404);
    await page.getByTestId('calendar-feeds').scrollIntoViewIfNeeded();
    await screenshot(page, `oncall-feeds-${engine}`);
  });

  it('SCH-11: a manager also sees the feed of a schedule', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'tara.brooks@example.com');
    await openOnCall(page);
    await expect.poll(() => page.getByTestId('feed-schedule').inputValue()).toMatch(/\/cal\/[^/]+\.ics$/);
  });
});
