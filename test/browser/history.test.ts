// RP-3 in the browser: ended pages and emergencies stay findable. Pages → History finds a resolved
// page by words of its title and opens its timeline and delivery log; Emergencies → History finds a
// resolved emergency by its subject, keeps the filters in the address, and opens it; the escalation
// list finds a rejected one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { needs } from '../support/requirements.ts';
import { ensureWebBuilt, launchBrowser, screenshot, signIn, type BrowserSession } from './support.ts';

describe('web: history of pages and emergencies', needs('chromium'), () => {
  let server: TestServer;
  let b: BrowserSession;
  const made = { pageNumber: 0, ticketNumber: 0, escalation: 0 };

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true });
    const api = http(server.url, { token: server.admin.token });
    // A page triggered and resolved, and an open one that must not match the search.
    const p = await api('POST', '/api/v1/pages', { serviceId: 'customer-emergencies', title: 'Geyser cluster lost quorum' });
    expect(p.status, p.text).toBe(201);
    made.pageNumber = p.body.number;
    expect((await api('POST', `/api/v1/pages/${p.body.id}/resolve`)).status).toBe(200);
    expect((await api('POST', '/api/v1/pages', { serviceId: 'customer-emergencies', title: 'Disk filling on runner' })).status).toBe(201);
    // An emergency raised, acknowledged and resolved: gone from the board, kept in the history.
    const t = await api('POST', '/api/v1/tickets', { subject: 'Tundra registry refuses pushes', form: 'self_managed', priority: 'urgent', requesterEmail: 'rita@acme.example', description: 'Everything is down.' });
    expect(t.status, t.text).toBe(201);
    made.ticketNumber = t.body.ticket.number;
    expect((await api('POST', `/api/v1/emergencies/${made.ticketNumber}/acknowledge`)).status).toBe(200);
    const r = await api('POST', `/api/v1/emergencies/${made.ticketNumber}/resolve`, { followUp: { kind: 'none' } });
    expect(r.status, r.text).toBe(200);
    // An escalation filed and rejected: ended, found by words of its need.
    const e = await api('POST', '/api/v1/escalations', { title: 'Quasar licence reissue', need: 'A decision on the quasar seats', businessCase: 'Renewal on Friday', urgency: 'low' });
    expect(e.status, e.text).toBe(201);
    made.escalation = e.body.number;
    expect((await api('POST', `/api/v1/escalations/${made.escalation}/acknowledge`)).status).toBe(200);
    expect((await api('POST', `/api/v1/escalations/${made.escalation}/reject`, { reason: 'A licence key reissue' })).status).toBe(200);
    b = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  it('RP-3: Pages → History finds a resolved page by text and opens its timeline', async () => {
    const page = b.page;
    try {
      await signIn(page, server.url, 'alice.nguyen@example.com');
      await page.getByRole('link', { name: 'Pages' }).click();
      await page.getByRole('tab', { name: 'History' }).click();
      const rows = page.getByTestId('history-row');
      await rows.first().waitFor();
      const filters = page.getByTestId('history-filters');
      await filters.getByLabel('Search pages').fill('LOST quorum');
      await filters.getByLabel('Search pages').press('Enter');
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().innerText()).toContain('Geyser cluster lost quorum');
      expect(new URL(page.url()).searchParams.get('q')).toBe('LOST quorum');
      await filters.getByLabel('State').selectOption('resolved');
      await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('resolved');
      // the list loads again for the new state: wait for its answer, not the instant after the change
      await expect.poll(async () => (await rows.count()) === 1 && (await rows.first().innerText()).includes('Geyser cluster lost quorum')).toBe(true);
      await rows.first().getByRole('link').click();
      await page.getByTestId('page-timeline').waitFor();
      expect(await page.getByTestId('page-timeline').innerText()).toMatch(/resolved/i);
    } catch (e) {
      console.error('screenshot:', await screenshot(page, 'history-pages'));
      throw e;
    }
  }, 120_000);

  it('RP-3: Emergencies → History finds an ended emergency, the filters in a shareable address', async () => {
    const page = b.page;
    try {
      await page.goto(`${server.url}/emergencies`);
      await page.getByRole('tab', { name: 'History' }).click();
      const filters = page.getByTestId('history-filters');
      await filters.getByLabel('State').selectOption('ended');
      await filters.getByLabel('Search emergencies').fill('tundra');
      await filters.getByLabel('Search emergencies').press('Enter');
      const rows = page.getByTestId('emergency-history-row');
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().getAttribute('data-ticket')).toBe(String(made.ticketNumber));
      expect(await rows.first().innerText()).toMatch(/resolved/i);
      // The same address in a fresh load shows the same list.
      const shared = page.url();
      expect(new URL(shared).search).toMatch(/view=history.*state=ended.*q=tundra|view=history.*q=tundra.*state=ended/);
      await page.goto(shared);
      await expect.poll(() => rows.count()).toBe(1);
      await filters.getByLabel('State').selectOption('open');
      await page.getByText('No emergency matches').waitFor();
      await filters.getByLabel('State').selectOption('ended');
      await rows.first().getByRole('link').click();
      await page.waitForURL(`**/emergencies/${made.ticketNumber}`);
      await page.getByRole('heading', { name: `Emergency #${made.ticketNumber}` }).waitFor();
    } catch (e) {
      console.error('screenshot:', await screenshot(page, 'history-emergencies'));
      throw e;
    }
  }, 120_000);

  it('RP-3: Escalations → Ended finds a rejected escalation by words and opens it', async () => {
    const page = b.page;
    try {
      await page.goto(`${server.url}/escalations`);
      await page.getByRole('heading', { name: 'Escalations' }).waitFor();
      await page.getByText('Ended', { exact: true }).click();
      const filters = page.getByTestId('history-filters');
      await filters.getByLabel('Search escalations').fill('quasar');
      await filters.getByLabel('Search escalations').press('Enter');
      const rows = page.getByTestId('escalation-row');
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().getAttribute('data-number')).toBe(String(made.escalation));
      expect(new URL(page.url()).search).toMatch(/state=ended/);
      expect(await page.getByTestId('history-count').innerText()).toMatch(/1 escalation shown, all that match/);
      await rows.first().getByRole('link').click();
      await page.waitForURL(`**/escalations/${made.escalation}`);
    } catch (e) {
      console.error('screenshot:', await screenshot(page, 'history-escalations'));
      throw e;
    }
  }, 120_000);
});
