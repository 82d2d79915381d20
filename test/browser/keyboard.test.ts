// Keyboard use of the staff app: a skip link first, board rows reachable and opened with Enter,
// the `?` sheet, shortcuts (g b, r, n, a) that never fire while typing, and the header search
// (`/`) that finds an emergency, a ticket and a person and opens a hit with the keyboard.
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt, launchBrowser, screenshot, signIn, type BrowserSession } from './support.ts';
import { needs } from '../support/requirements.ts';

const SUBJECT = 'Keyboard-only outage of the registry';

/** Serious or critical WCAG A/AA violations inside `selector` (the sheet, the search list). */
async function violations(p: Page, selector: string): Promise<string[]> {
  const r = await new AxeBuilder({ page: p }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.join(' ')}: ${n.failureSummary ?? v.help}`));
}

describe('web: keyboard', needs('chromium'), () => {
  let server: TestServer;
  let browser: BrowserSession;
  let number = '';

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true });
    const admin = http(server.url, { token: server.admin.token });
    const rita = (await admin('GET', '/api/v1/users?q=rita@acme.example')).body.items[0];
    const customer = http(server.url, { token: (await admin('POST', '/api/v1/tokens', { name: 'kb-rita', userId: rita.id })).body.token });
    const e = await customer('POST', '/api/v1/portal/tickets', { subject: SUBJECT, description: 'The registry answers 503.', form: 'self_managed', emergency: true });
    expect(e.status, e.text).toBe(201);
    number = String(e.body.ticket.number);
    browser = await launchBrowser();
    // An admin sees every emergency (an engineer only those paged to them, TK-8).
    await signIn(browser.page, server.url, 'admin@example.com');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const focused = () => browser.page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase(), text: el?.textContent?.trim().slice(0, 60), id: el?.id, label: el?.getAttribute('aria-label'), testid: el?.dataset.testid };
  });

  it('the first Tab reaches "Skip to main content", which moves focus to the page', async () => {
    const p = browser.page;
    onTestFailed(async () => { console.error('screenshot:', await screenshot(p, 'keyboard-skip-failed')); });
    await p.goto(`${server.url}/emergencies`);
    await p.getByTestId('emergency-row').first().waitFor();
    await p.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ tag: 'a', text: 'Skip to main content' });
    expect(await p.getByRole('link', { name: 'Skip to main content' }).isVisible()).toBe(true);
    await p.keyboard.press('Enter');
    expect((await focused()).id).toBe('main-content');
  });

  it('a board row takes focus and Enter opens its emergency; g b goes back to the board', async () => {
    const p = browser.page;
    onTestFailed(async () => { console.error('screenshot:', await screenshot(p, 'keyboard-row-failed')); });
    await p.goto(`${server.url}/emergencies`);
    const row = p.getByTestId('emergency-row').filter({ hasText: SUBJECT });
    await row.waitFor();
    // Tab from the page's top until the row itself holds focus: it is in the tab order.
    await p.locator('#main-content').focus();
    let onRow = false;
    for (let i = 0; i < 40 && !onRow; i++) {
      await p.keyboard.press('Tab');
      onRow = await row.evaluate((el) => el === document.activeElement);
    }
    expect(onRow).toBe(true);
    await p.keyboard.press('Enter');
    await p.waitForURL(`**/emergencies/${number}`);
    await p.getByRole('heading', { name: `Emergency #${number}` }).waitFor();

    await p.keyboard.press('g');
    await p.keyboard.press('b');
    await p.waitForURL(/\/emergencies$/);
  });

  it('? opens the sheet listing the shortcuts; Escape closes it', async () => {
    const p = browser.page;
    await p.goto(`${server.url}/pages`);
    await p.getByRole('heading', { level: 1 }).waitFor();
    await p.keyboard.press('Shift+Slash');
    const sheet = p.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    const text = await sheet.innerText();
    for (const what of ['Go to the emergency board', 'Go to pages', 'Go to on call', 'Go to tickets', 'Acknowledge', 'Write a public reply', 'Write an internal note', 'Search tickets']) {
      expect(text).toContain(what);
    }
    expect(await violations(p, '[role="dialog"]')).toEqual([]);
    await p.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
  });

  it('on an emergency: r starts a public reply, n an internal note, typing "a" in them does nothing, a acknowledges', async () => {
    const p = browser.page;
    onTestFailed(async () => { console.error('screenshot:', await screenshot(p, 'keyboard-commands-failed')); });
    await p.goto(`${server.url}/emergencies/${number}`);
    const ack = p.getByTestId('acknowledge');
    await ack.waitFor();
    await p.keyboard.press('r');
    await expect.poll(focused).toMatchObject({ tag: 'textarea', label: 'Public reply' });
    await p.keyboard.type('a note typed here');
    expect(await p.getByRole('textbox', { name: 'Public reply' }).inputValue()).toBe('a note typed here');
    expect(await ack.isVisible()).toBe(true);
    await p.keyboard.press('Escape');
    await p.locator('#main-content').focus();
    await p.keyboard.press('n');
    await expect.poll(focused).toMatchObject({ tag: 'textarea', label: 'Internal note' });
    await p.locator('#main-content').focus();
    await p.keyboard.press('a');
    await ack.waitFor({ state: 'detached' });
  });

  it('/ focuses the header search; it finds the emergency and a person, and Enter opens the highlighted hit', async () => {
    const p = browser.page;
    onTestFailed(async () => { console.error('screenshot:', await screenshot(p, 'keyboard-search-failed')); });
    await p.goto(`${server.url}/tickets`);
    await p.getByRole('heading', { level: 1 }).waitFor();
    await p.keyboard.press('/');
    expect((await focused()).testid).toBe('global-search');
    await p.keyboard.type('registry');
    const results = p.getByTestId('global-search-results');
    await results.getByText(`#${number} ${SUBJECT}`).waitFor();
    expect(await results.innerText()).toContain('Emergencies');
    expect(await violations(p, '[data-testid="global-search-results"]')).toEqual([]);
    await p.keyboard.press('Enter');
    await p.waitForURL(`**/emergencies/${number}`);

    await p.keyboard.press('/');
    await p.keyboard.type('tara');
    await results.getByText('Tara Brooks').waitFor();
    expect(await results.innerText()).toContain('People');
    await p.keyboard.press('Enter');
    await p.waitForURL(/\/people\/[^/]+$/);
    await p.getByRole('heading', { name: 'Tara Brooks' }).waitFor();
  });
});
