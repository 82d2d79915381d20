// Browser journey: sign in, find a customer organisation and its account team; a wrong password
// is refused with a readable message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt, launchBrowser, screenshot, type BrowserSession } from './support.ts';
import { needs } from '../support/requirements.ts';

describe('web: sign-in and organisations', needs('chromium'), () => {
  let server: TestServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a wrong password shows the error and stays on the sign-in form', async () => {
    const { page } = browser;
    await page.goto(server.url);
    // The sign-in page says which server and database it talks to.
    await page.getByTestId('workspace-meta').getByText('SQLite').waitFor();
    await page.getByLabel('E-mail', { exact: true }).fill('admin@example.com');
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/sign-in failed/i);
    expect((await error.innerText()).length).toBeGreaterThan('Sign-in failed'.length + 5);
    expect(await page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
    await screenshot(page, 'login-error');
  }, 60_000);

  it('admin signs in, opens Acme Robotics and sees its CSM', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await page.getByLabel('E-mail', { exact: true }).fill('admin@example.com');
    await page.getByLabel('Password', { exact: true }).fill('hotline-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Header names who is signed in and as what.
    await page.getByTestId('current-user').waitFor();
    expect(await page.getByTestId('role-badge').first().innerText()).toMatch(/admin/i);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organisations' }).click();
    const acme = page.getByRole('link', { name: 'Acme Robotics' });
    await acme.waitFor();
    await screenshot(page, 'organisations');
    await acme.click();

    await page.getByRole('heading', { name: 'Acme Robotics' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/orgs\/.+/);
    expect(await page.getByTestId('org-csm').innerText()).toContain('Zoe Adams');
    await screenshot(page, 'organisation-acme');
  }, 60_000);

  it('live updates: a person created elsewhere appears on the open People page', async () => {
    const { page } = browser; // still signed in from the previous case
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await page.getByTestId('person-row').first().waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    expect(await page.getByText('Quentin Live-Update').count()).toBe(0);

    const api = http(server.url, { token: server.admin.token });
    const created = await api('POST', '/api/v1/users', {
      email: 'quentin.live@example.com', name: 'Quentin Live-Update', role: 'engineer', timeZone: 'Europe/Lisbon',
    });
    expect(created.status).toBe(201);
    // No reload: the stream's user.created event refetches the list.
    await page.getByText('Quentin Live-Update').waitFor({ timeout: 10_000 });
  }, 60_000);
});
