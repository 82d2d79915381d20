// Browser journeys of paging: a page appears live in "My pages", the page view explains its status,
// the engineer acknowledges it there (PG-1); resolving before a public reply is refused with the
// server's reason (PG-2); a manual page from the trigger form (PG-5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt, launchBrowser, screenshot, type BrowserSession, signIn } from './support.ts';
import { needs } from '../support/requirements.ts';

describe('web: pages', needs('chromium'), () => {
  let server: TestServer;
  let browser: BrowserSession;
  let api: ReturnType<typeof http>;
  let aliceId: string;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true });
    api = http(server.url, { token: server.admin.token });
    const users = (await api('GET', '/api/v1/users?role=engineer')).body.items as { id: string; email: string }[];
    aliceId = users.find((u) => u.email === 'alice.nguyen@example.com')!.id;
    browser = await launchBrowser();
    await signIn(browser.page, server.url, 'alice.nguyen@example.com');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('PG-1: a page shows up live in My pages and is acknowledged from the page view', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pages' }).click();
    await page.getByText('No open page is assigned to you').waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    const t = await api('POST', '/api/v1/tickets', { subject: 'Checkout down for all users', form: 'saas', requesterEmail: 'rita@acme.example', priority: 'urgent' });
    expect(t.status).toBe(201);
    const created = await api('POST', '/api/v1/pages', { serviceId: 'customer-emergencies', title: `#${t.body.ticket.number} Checkout down`, ticketId: t.body.ticket.id, targetUserIds: [aliceId] });
    expect(created.status).toBe(201);

    // No reload: the page.* event refetches the list.
    const row = page.getByTestId('page-row').filter({ hasText: 'Checkout down' });
    await row.waitFor({ timeout: 10_000 });
    await screenshot(page, 'pages-mine');
    await row.getByRole('link').click();

    await page.getByTestId('status-meaning').getByText('A customer has requested the attention of the on-call engineer.').waitFor();
    expect(await page.getByTestId('page-state').innerText()).toMatch(/Resolved never means the problem is solved/);
    await page.getByTestId('ack').click();
    await page.getByTestId('status-meaning').getByText('I have seen the page and am reviewing the ticket.').waitFor();
    const after = (await api('GET', `/api/v1/pages/${created.body.id}`)).body;
    expect(after.status).toBe('acknowledged');
    expect(after.acknowledgedBy).toBe(aliceId);
    await page.getByTestId('page-timeline').getByText('acknowledged', { exact: true }).waitFor();

    // PG-2: resolving needs a public reply on the ticket; the refusal is the server's own words.
    await page.getByTestId('resolve').click();
    const refusal = page.getByTestId('action-error');
    await refusal.waitFor();
    expect((await refusal.innerText()).length).toBeGreaterThan(30);
    await screenshot(page, 'page-view-refused');
    await api('POST', `/api/v1/tickets/${t.body.ticket.id}/comments`, { body: 'I am on it; joining your bridge.', public: true });
    await page.getByTestId('resolve').click();
    await page.getByTestId('status-meaning').getByText("I've engaged with the customer by sending a reply to the emergency ticket.").waitFor();
    await screenshot(page, 'page-view-resolved');
  }, 60_000);

  it('PG-5: page a person by hand with a title and a link', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/pages?tab=trigger`);
    const form = page.getByTestId('trigger-form');
    await form.getByText('A person').click();
    await form.getByRole('combobox', { name: 'Person' }).click();
    await page.getByRole('option', { name: /Bruno Costa/ }).click();
    await form.getByLabel('Title').fill('#812 Acme: need a second pair of eyes');
    await form.getByLabel('Link').fill('https://hotline.example/tickets/812');
    await screenshot(page, 'pages-trigger');
    await form.getByRole('button', { name: 'Page now' }).click();
    await page.getByRole('heading', { name: /need a second pair of eyes/ }).waitFor();
    expect(await page.getByTestId('page-state').innerText()).toMatch(/Bruno Costa/);
    await page.goto(`${server.url}/pages?tab=open`);
    await page.getByTestId('page-row').filter({ hasText: 'second pair of eyes' }).waitFor();
    await screenshot(page, 'pages-open');
    await page.goto(`${server.url}/pages?tab=policies`);
    await page.getByTestId('policy').first().waitFor();
    await screenshot(page, 'pages-policies');
  }, 60_000);

  it('PG-5: a support manager turns a ticket into an emergency page from the ticket page', async () => {
    const { page } = browser;
    const t = await api('POST', '/api/v1/tickets', { subject: 'Customer stuck, nobody paged', form: 'self_managed', requesterEmail: 'rita@acme.example' });
    expect(t.status).toBe(201);
    await signIn(page, server.url, 'tara.brooks@example.com');
    await page.goto(`${server.url}/tickets/${t.body.ticket.id}`);
    await page.getByRole('button', { name: 'Page on-call…' }).click();
    await page.getByRole('button', { name: 'Page on-call now' }).click();
    // The title says whose ticket and what it is about (a phone notification's first line).
    await page.getByRole('heading', { name: new RegExp(`Page #\\d+: Acme Robotics — Customer stuck, nobody paged \\(ticket ${t.body.ticket.number}\\)$`) }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const p = (await api('GET', `/api/v1/pages/${id}`)).body;
    expect(p).toMatchObject({ ticketId: t.body.ticket.id, status: 'triggered', escalationPolicyId: 'customer-emergencies' });
    await screenshot(page, 'page-from-ticket');
  }, 60_000);
});
