// The on-call person's view of the schedule (SCH-2/6/9): who is on call now in every group (names,
// as the API says), the week at 1440 px for every group (no sideways scrolling, a now-line, names on
// the bands), colours that belong to a person (an override never recolours anyone else), and an
// override made with the form: saved with a toast, or refused with the server's message when its
// start is already past.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt, launchBrowser, screenshot, type BrowserSession, signIn } from './support.ts';
import { needs } from '../support/requirements.ts';

async function openOnCall(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'On call' }).click();
  await page.getByTestId('oncall-timeline').waitFor();
  await page.getByTestId('oncall-now-group').first().waitFor();
}

/** Each person in the legend and their colour. */
const legend = (page: Page) => page.getByTestId('legend-person').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-user'), e.getAttribute('data-colour')])));

/** A datetime-local value in the browser's own zone, `hours` from now, on the hour. */
const local = (page: Page, hours: number) => page.evaluate((h) => {
  const d = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + h * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}, hours);

describe('web: on call now, the week, colours and the override form', needs('chromium'), () => {
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

  it('SCH-9: on call now shows every group with the names the API gives, on the On call page and on the board', async () => {
    const { page } = browser;
    await openOnCall(page);
    const now = (await api('GET', '/api/v1/oncall')).body;
    expect(await page.getByTestId('oncall-now-group').count()).toBe(now.groups.length);
    for (const g of now.groups) {
      const card = page.locator(`[data-testid="oncall-now-group"][data-group="${g.groupId}"]`);
      expect(await card.getByText(g.name, { exact: true }).count()).toBe(1);
      const shown = await card.getByTestId('oncall-now-person').allInnerTexts();
      expect(shown.map((t) => t.replace(/\s*DRI$/, '').trim())).toEqual(g.owners.map((o: string) => now.people[o]?.name ?? o.split('@')[0]));
      if (!g.owners.length) await card.getByTestId('oncall-now-nobody').waitFor();
      const text = await card.innerText();
      expect(text).not.toMatch(/@example\.com/);
      if (g.next?.owners.length) expect(text).toContain(`next: ${g.next.owners.map((o: string) => now.people[o]?.name ?? o.split('@')[0]).join(', ')}`);
    }
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Emergencies' }).click();
    await page.getByTestId('oncall-now').waitFor();
    expect(await page.getByTestId('oncall-now-group').count()).toBe(now.groups.length);
  }, 60_000);

  it('SCH-2/9: at 1440 px every group’s week fits, with a now-line, names on the bands and gaps hatched', async () => {
    const { page } = browser;
    await openOnCall(page);
    const groups = (await api('GET', '/api/v1/schedules')).body.groups as { id: string; name: string }[];
    for (const g of groups) {
      await page.getByRole('combobox', { name: 'Rotation group' }).click();
      await page.getByRole('option', { name: g.name, exact: true }).click();
      await page.locator(`[data-testid="oncall-timeline"][data-group="${g.id}"]`).waitFor();
      await page.getByTestId('band').first().waitFor();
      const w = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      if (w.scroll > w.client) console.error(g.id, w, await screenshot(page, `oncall-1440-${g.id}`));
      expect(w.scroll, g.id).toBeLessThanOrEqual(w.client);
      expect(await page.getByTestId('now-line').count(), g.id).toBeGreaterThan(0);
    }
    // names, not e-mails, written on the bands
    await page.getByRole('combobox', { name: 'Rotation group' }).click();
    await page.getByRole('option', { name: 'AMER', exact: true }).click();
    await page.locator('[data-testid="band"][data-user="bruno.costa@example.com"]').first().waitFor();
    const names = await page.getByTestId('band-name').allInnerTexts();
    expect(names).toContain('Bruno Costa');
    expect(names.some((n) => n.includes('@'))).toBe(false);
    const gap = await page.getByText('nobody on call', { exact: true }).locator('xpath=preceding-sibling::div').evaluate((e) => getComputedStyle(e).backgroundImage);
    expect(gap).toMatch(/repeating-linear-gradient/);
    await screenshot(page, 'oncall-1440-amer');
  }, 90_000);

  it('SCH-6: someone new on the schedule (an override) does not recolour anyone else', async () => {
    const { page } = browser;
    await Promise.all([page.waitForResponse((r) => r.url().includes('/timeline?')), page.getByRole('button', { name: 'Next week →' }).click()]);
    await page.getByTestId('legend-person').first().waitFor();
    const before = await legend(page);
    expect(Object.keys(before)).not.toContain('jonas.berg@example.com');
    const today = new Date();
    const nextWed = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + ((7 - ((today.getUTCDay() + 6) % 7)) + 2), 18));
    const o = await api('POST', '/api/v1/schedule-overrides', { schedule: 'amer-1', start: nextWed.toISOString(), end: new Date(nextWed.getTime() + 3_600_000).toISOString(), user: 'jonas.berg@example.com' });
    expect(o.status).toBe(201);
    await page.locator('[data-testid="legend-person"][data-user="jonas.berg@example.com"]').waitFor();
    const after = await legend(page);
    for (const [user, colour] of Object.entries(before)) expect(after[user], user).toBe(colour);
    await page.getByRole('button', { name: 'This week' }).click();
  }, 60_000);

  it('SCH-6: an override made with the form is saved with a toast; one that starts in the past is refused with the message', async () => {
    const { page } = browser;
    await openOnCall(page);
    await page.getByTestId('new-override').click();
    const panel = page.getByTestId('override-panel');
    await panel.getByLabel('Schedule', { exact: true }).click();
    await page.getByRole('option', { name: 'AMER 2', exact: true }).click();
    expect(await panel.getByLabel('Who covers', { exact: true }).inputValue()).toBe('Alice Nguyen');
    await panel.getByLabel(/^From/).fill(await local(page, 26));
    await panel.getByLabel(/^To/).fill(await local(page, 28));
    await panel.getByLabel('Reason', { exact: true }).fill('covering for a dentist visit');
    await panel.getByRole('button', { name: 'Create override' }).click();
    const toast = page.getByTestId('toast').filter({ hasText: 'Override saved' });
    await toast.waitFor();
    expect(await toast.innerText()).toMatch(/Alice Nguyen covers on AMER 2/);
    await panel.waitFor({ state: 'detached' });
    const list = (await api('GET', '/api/v1/schedule-overrides?schedule=amer-2')).body.items;
    expect(list.find((x: any) => x.note === 'covering for a dentist visit')).toMatchObject({ user: 'alice.nguyen@example.com' });

    await page.getByTestId('new-override').click();
    await panel.getByLabel(/^From/).fill(await local(page, -5));
    await panel.getByLabel(/^To/).fill(await local(page, 2));
    await panel.getByRole('button', { name: 'Create override' }).click();
    const err = panel.getByTestId('override-error');
    await err.waitFor();
    expect(await err.innerText()).toMatch(/already past.*Start it now or later/s);
    await screenshot(page, 'oncall-override-past');
    expect((await api('GET', '/api/v1/schedule-overrides?schedule=amer-1')).body.items.filter((x: any) => x.user === 'alice.nguyen@example.com')).toEqual([]);
  }, 60_000);
});
