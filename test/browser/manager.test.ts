// Browser journey of the support manager during emergencies (SM-6): the manager on call opens the
// Manager screen; a customer's emergency arrives and appears without a reload, its page shown
// waiting; the manager replaces the on-call engineer from the screen, and the row shows the new
// owner while the previous one is told. An engineer has no Manager screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt, launchBrowser, screenshot, type BrowserSession, signIn } from './support.ts';
import { needs } from '../support/requirements.ts';

async function shot<T>(page: Page, name: string, run: () => Promise<T>): Promise<T> {
  try { return await run(); } catch (e) { console.error('screenshot:', await screenshot(page, name)); throw e; }
}

describe('web: the Manager screen', needs('chromium'), () => {
  let server: TestServer;
  let browser: BrowserSession;
  let api: ReturnType<typeof http>;
  let manager: { email: string; name: string };

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true });
    api = http(server.url, { token: server.admin.token });
    const email = (await api('GET', '/api/v1/oncall')).body.schedules.find((s: { scheduleId: string }) => s.scheduleId === 'support-managers').owners[0] as string;
    manager = (await api('GET', '/api/v1/users?role=manager')).body.items.find((m: { email: string }) => m.email === email);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('SM-6: the manager sees an emergency waiting, live, and replaces the on-call engineer', async () => {
    const p = browser.page;
    await signIn(p, server.url, manager.email);
    await p.goto(`${server.url}/manager`);
    await p.getByRole('heading', { name: 'Manager', level: 1 }).waitFor();
    await p.getByText('No emergency under way').waitFor();
    await p.evaluate(() => { (window as unknown as { marker: number }).marker = 7; });

    const t = await api('POST', '/api/v1/tickets', { subject: 'Prod down: 502 on every push', form: 'self_managed', priority: 'urgent', requesterEmail: 'rita@acme.example', description: 'Everything is down.' });
    expect(t.status, t.text).toBe(201);
    const number = t.body.ticket.number as number;
    const row = p.getByTestId('manager-row').filter({ hasText: 'Prod down: 502 on every push' });
    await shot(p, 'manager-live', () => row.waitFor({ timeout: 10_000 }));
    expect(await p.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);
    await row.getByTestId('waiting-page').first().waitFor();
    expect(await row.innerText()).toContain('Acme Robotics');

    const before = (await api('GET', `/api/v1/manager/emergencies/${number}`)).body;
    const replacement = before.owner?.email === 'frank.osei@example.com' ? 'carmen.diaz@example.com' : 'frank.osei@example.com';
    const replacementName = replacement === 'frank.osei@example.com' ? 'Frank Osei' : 'Carmen Diaz';
    await row.getByRole('button', { name: `Act on emergency ticket ${number}` }).click();
    const dialog = p.getByRole('dialog');
    await dialog.getByTestId('replace-email').fill('ghost@example.com');
    await dialog.getByTestId('replace-submit').click();
    await shot(p, 'manager-unknown', () => dialog.getByTestId('action-error').getByText(/Nobody is called ghost@example.com/).waitFor());
    await dialog.getByTestId('replace-email').fill(replacement);
    await dialog.getByTestId('replace-submit').click();
    await shot(p, 'manager-replaced', () => row.getByTestId('owner').getByText(replacementName).waitFor({ timeout: 10_000 }));
    await row.getByTestId('waiting-page').filter({ hasText: replacement }).waitFor();

    const after = (await api('GET', `/api/v1/manager/emergencies/${number}`)).body;
    expect(after.owner.email).toBe(replacement);
    expect(after.timeline.map((x: { action: string }) => x.action)).toEqual(['manager.engineer_replaced']);

    // An engineer has no Manager screen.
    await signIn(p, server.url, 'alice.nguyen@example.com');
    expect(await p.getByRole('link', { name: 'Manager', exact: true }).count()).toBe(0);
  }, 120_000);
});
