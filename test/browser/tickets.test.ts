// Browser journeys of the helpdesk: an engineer previews then applies a macro from the ticket
// page (TK-3), and bulk-updates two tickets picked from a search (TK-2, TK-5); a customer opens
// an emergency in the portal and never sees an internal note (TK-8).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt, launchBrowser, screenshot, type BrowserSession, signIn } from './support.ts';
import { needs } from '../support/requirements.ts';

describe('web: tickets', needs('chromium'), () => {
  let server: TestServer;
  let browser: BrowserSession;
  let api: ReturnType<typeof http>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true });
    api = http(server.url, { token: server.admin.token });
    for (const [key, subject, tags] of [
      ['db', 'Database down after upgrade', []], ['b1', 'Runner queue stuck', ['outage-42']], ['b2', 'Pipelines failing', ['outage-42']],
    ] as const) {
      const r = await api('POST', '/api/v1/tickets', { subject, form: 'self_managed', requesterEmail: 'rita@acme.example', tags: [...tags], description: `${subject}: please help.` });
      expect(r.status).toBe(201);
      ids[key] = r.body.ticket.id;
    }
    await api('POST', `/api/v1/tickets/${ids.db}/comments`, { body: 'Customer is on 17.2; check the migration log.', public: false });
    browser = await launchBrowser();
    await signIn(browser.page, server.url, 'alice.nguyen@example.com');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('TK-3: macro preview shows the changes and the rendered reply, then applies', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/tickets/${ids.db}`);
    await page.getByRole('heading', { name: /Database down after upgrade/ }).waitFor();
    // Internal note and public reply are labelled differently.
    await page.getByTestId('internal-note').getByText(/customer cannot see/i).waitFor();
    expect(await page.getByTestId('public-reply').count()).toBe(1);

    await page.getByRole('combobox', { name: 'Macro' }).click();
    await page.getByRole('option', { name: 'General::Emergency::Strict Definition' }).click();
    const preview = page.getByTestId('macro-preview');
    await preview.waitFor();
    await preview.getByText('+ emergency_strict_definition').waitFor();
    expect(await preview.getByTestId('public-reply').innerText()).toContain('Hi Rita');
    // Nothing changed yet.
    expect((await api('GET', `/api/v1/tickets/${ids.db}`)).body.ticket.tags).toEqual([]);
    await screenshot(page, 'ticket-macro-preview');

    await page.getByTestId('macro-apply').click();
    await page.getByTestId('macro-applied').waitFor();
    const after = (await api('GET', `/api/v1/tickets/${ids.db}`)).body;
    expect(after.ticket.tags).toContain('emergency_strict_definition');
    expect(after.comments.filter((c: { isPublic: boolean }) => c.isPublic)).toHaveLength(2);
    await page.getByTestId('conversation').getByText(/I'm Alice Nguyen, the engineer on call/).waitFor();
    await screenshot(page, 'ticket-page');
  }, 60_000);

  it('TK-1: a stale edit is refused with "someone else changed this ticket"', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/tickets/${ids.b1}`);
    await page.getByTestId('ticket-fields').waitFor();
    await page.getByRole('combobox', { name: 'Priority' }).click();
    await page.getByRole('option', { name: 'high' }).click();
    // Someone else changes the ticket meanwhile (no live update reaches a dirty form).
    const v = (await api('GET', `/api/v1/tickets/${ids.b1}`)).body.ticket.version;
    expect((await api('PATCH', `/api/v1/tickets/${ids.b1}`, { version: v, status: 'open' })).status).toBe(200);
    await page.getByTestId('save-fields').click();
    await page.getByTestId('conflict').getByText(/someone else changed this ticket/i).waitFor();
    await page.getByTestId('conflict').getByRole('button', { name: 'Reload' }).click();
    await page.getByTestId('conflict').waitFor({ state: 'detached' });
  }, 60_000);

  it('TK-2/TK-5: a bad query shows the position; two tickets from a search are bulk updated', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/tickets`);
    const box = page.getByTestId('ticket-search');
    await box.fill('prio:urgent');
    await box.press('Enter');
    const err = page.getByTestId('search-error');
    await err.waitFor();
    expect(await err.innerText()).toMatch(/position 0/);
    await screenshot(page, 'tickets-search-error');

    await box.fill('tags:outage-42 order_by:created_at sort:asc');
    await box.press('Enter');
    // The rows of the page's first list stay on screen until the search answers: wait for its answer.
    await expect.poll(() => page.getByTestId('ticket-row').count(), { timeout: 10_000 }).toBe(2);
    await page.getByRole('checkbox', { name: 'Select all' }).check();
    const panel = page.getByTestId('bulk-panel');
    await panel.getByLabel('Add tags').fill('bulk-checked');
    await panel.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'pending' }).click();
    await panel.getByLabel(/Public reply/).fill('We are on it: the outage affects runners; next update within the hour.');
    await screenshot(page, 'tickets-bulk-form');
    await page.getByTestId('bulk-apply').click();
    await page.getByTestId('bulk-progress').getByText(/Finished 2 of 2/).waitFor();
    expect(await page.getByTestId('bulk-result').count()).toBe(2);
    expect(await page.getByTestId('bulk-result').filter({ hasText: 'updated' }).count()).toBe(2);
    await screenshot(page, 'tickets-bulk-result');
    for (const id of [ids.b1, ids.b2]) {
      const t = (await api('GET', `/api/v1/tickets/${id}`)).body;
      expect(t.ticket.tags).toContain('bulk-checked');
      expect(t.ticket.status).toBe('pending');
      expect(t.comments.some((c: { body: string; isPublic: boolean }) => c.isPublic && c.body.startsWith('We are on it'))).toBe(true);
    }
  }, 60_000);

  it('TK-8: a customer opens an emergency in the portal; internal notes stay hidden', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'rita@acme.example');
    // The portal is the customer's home page.
    await page.getByRole('heading', { name: 'Support requests' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).count()).toBe(0);
    await page.getByTestId('open-emergency').click();
    const def = page.getByTestId('emergency-definition');
    await def.waitFor();
    expect(await def.innerText()).toMatch(/production[\s\S]*down or unusable/i);
    await page.getByLabel('Subject').fill('Production cluster down after upgrade');
    await page.getByLabel('What is happening?').fill('All nodes return 502 since 02:40 UTC. Reach me on +1 312 555 0100.');
    await screenshot(page, 'portal-emergency-form');
    await page.getByTestId('submit-request').click();
    await page.getByRole('heading', { name: /Production cluster down after upgrade/ }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const t = (await api('GET', `/api/v1/tickets/${id}`)).body.ticket;
    expect(t).toMatchObject({ isEmergency: true, priority: 'urgent', organizationId: expect.any(String) });

    await api('POST', `/api/v1/tickets/${id}/comments`, { body: 'INTERNAL: customer skipped the 17.1 upgrade stop.', public: false });
    await api('POST', `/api/v1/tickets/${id}/comments`, { body: 'Joining your bridge now.', public: true });
    await page.reload();
    await page.getByTestId('portal-conversation').getByText('Joining your bridge now.').waitFor();
    expect(await page.getByText(/INTERNAL: customer skipped/).count()).toBe(0);
    await screenshot(page, 'portal-ticket');
    await page.getByRole('link', { name: '← Your requests' }).click();
    await page.getByTestId('portal-row').first().waitFor();
    await screenshot(page, 'portal-list');
  }, 60_000);
});
