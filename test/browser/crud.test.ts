// Browser journey for the editing screens: an admin creates an organisation (a wrong date order
// is refused with the server's words), changes its CSM, adds an SMS contact method (a bad number
// is refused next to the field) and creates then revokes an API token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt, launchBrowser, screenshot, type BrowserSession } from './support.ts';
import { needs } from '../support/requirements.ts';

describe('web: create and edit organisations, contact methods and tokens', needs('chromium'), () => {
  let server: TestServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true });
    browser = await launchBrowser();
    const { page } = browser;
    await page.goto(server.url);
    await page.getByLabel('E-mail', { exact: true }).fill('admin@example.com');
    await page.getByLabel('Password', { exact: true }).fill('hotline-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('current-user').waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates an organisation: end before start is refused, then it is created with a CSM', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organisations' }).click();
    await page.getByRole('button', { name: 'New organisation' }).click();
    const dialog = page.getByRole('dialog', { name: 'New organisation' });
    await dialog.getByLabel(/^Name/).fill('Zephyr Logistics');
    await dialog.getByLabel('Starts on').fill('2026-06-01');
    await dialog.getByLabel('Ends on').fill('2026-01-31');
    await dialog.getByRole('button', { name: 'Create organisation' }).click();
    const error = dialog.getByTestId('org-form-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/ends \(2026-01-31\) before it starts \(2026-06-01\)/);
    await screenshot(page, 'org-create-error');

    await dialog.getByLabel('Ends on').fill('2027-05-31');
    await dialog.getByLabel('CSM', { exact: true }).click();
    await dialog.getByLabel('CSM', { exact: true }).fill('Zoe');
    await page.getByRole('option', { name: /Zoe Adams/ }).click();
    await screenshot(page, 'org-create-form');
    await dialog.getByRole('button', { name: 'Create organisation' }).click();

    await page.getByRole('heading', { name: 'Zephyr Logistics' }).waitFor();
    expect(await page.getByTestId('org-csm').innerText()).toContain('Zoe Adams');
  }, 60_000);

  it('changes the CSM and sees the change', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Edit organisation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Zephyr Logistics' });
    const csm = dialog.getByLabel('CSM', { exact: true });
    // the dialog opens before the people list arrives: the CSM's name fills in a moment later
    await expect.poll(() => csm.inputValue(), { timeout: 10_000 }).toContain('Zoe Adams');
    await csm.click();
    await csm.fill('Aaron');
    await page.getByRole('option', { name: /Aaron Blake/ }).click();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('org-csm').getByText('Aaron Blake').waitFor();
    await screenshot(page, 'org-edited');

    await page.getByRole('link', { name: 'All organisations' }).click();
    const row = page.getByTestId('org-row').filter({ hasText: 'Zephyr Logistics' });
    expect(await row.innerText()).toContain('Aaron Blake');
  }, 60_000);

  it('adds an SMS contact method: a bad number shows the server error, a good one is listed', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await page.getByRole('link', { name: 'My profile' }).click();
    await page.getByRole('heading', { name: 'My profile' }).waitFor();
    const form = page.getByRole('form', { name: 'Add a contact method' });
    expect(await form.getByLabel('Kind').inputValue()).toBe('SMS');
    await form.getByLabel('Address').fill('555-1234');
    await form.getByRole('button', { name: 'Add contact method' }).click();
    await form.getByText('"555-1234" is not a valid sms address').waitFor();
    expect(await form.getByText(/E\.164 form/).count()).toBeGreaterThan(0);
    expect(await page.getByTestId('contact-method').filter({ hasText: '555-1234' }).count()).toBe(0);
    await screenshot(page, 'contact-error');

    await form.getByLabel('Address').fill('+14155550123');
    await form.getByRole('button', { name: 'Add contact method' }).click();
    await page.getByTestId('contact-method').filter({ hasText: '+14155550123' }).waitFor();
    expect(await form.getByLabel('Address').inputValue()).toBe('');
  }, 60_000);

  it('creates an API token, shows the secret once, then revokes it after confirmation', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog', { name: 'New API token' });
    await dialog.getByLabel('Token name').fill('crud-test-ci');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const secret = page.getByTestId('token-secret');
    await secret.waitFor();
    const value = await secret.inputValue();
    expect(value).toMatch(/^hl_.{20,}/);
    await page.getByText('it will not be shown again').waitFor();
    await screenshot(page, 'token-created');

    // The secret works as a bearer token.
    const res = await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${value}` } });
    expect(res.status).toBe(200);

    await page.getByRole('button', { name: 'I have copied it, close' }).click();
    const row = page.getByTestId('token-row').filter({ hasText: 'crud-test-ci' });
    await row.waitFor();
    expect(await row.innerText()).toContain(value.slice(0, 9));
    expect(await page.getByText(value).count()).toBe(0);

    await row.getByRole('button', { name: 'Revoke token crud-test-ci' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke token "crud-test-ci"?' });
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await row.getByText('Revoked').waitFor();
    await screenshot(page, 'my-profile');
    const after = await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${value}` } });
    expect(after.status).toBe(401);
  }, 60_000);

  it('creates a team with members, and an admin edits and deactivates a person', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Teams' }).click();
    await page.getByRole('button', { name: 'New team' }).click();
    const dialog = page.getByRole('dialog', { name: 'New team' });
    await dialog.getByLabel(/^Handle/).fill('crud-night-shift');
    await dialog.getByLabel(/^Name/).fill('Night shift');
    const members = dialog.getByLabel('Members');
    await members.click();
    await members.fill('Alice');
    await page.getByRole('option', { name: /Alice Nguyen/ }).click();
    await members.fill('Kenji');
    await page.getByRole('option', { name: /Kenji Sato/ }).click();
    await dialog.getByRole('heading', { name: 'New team' }).click(); // closes the option list
    await screenshot(page, 'team-new');
    await dialog.getByRole('button', { name: 'Create team' }).click();
    const card = page.getByTestId('team-card').filter({ hasText: '@crud-night-shift' });
    await card.getByText('2 members').waitFor();
    expect(await card.innerText()).toContain('Kenji Sato');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await page.getByRole('link', { name: 'Alice Nguyen' }).click();
    await page.getByRole('heading', { name: 'Alice Nguyen' }).waitFor();
    const profile = page.getByRole('form', { name: 'Profile' });
    await profile.getByLabel('Title').fill('Staff Engineer');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await profile.getByText('Saved').waitFor();
    await page.getByRole('button', { name: 'Deactivate…' }).click();
    await page.getByRole('dialog', { name: 'Deactivate Alice Nguyen?' }).getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('button', { name: 'Reactivate' }).waitFor();
    await screenshot(page, 'person-deactivated');
    await page.getByRole('button', { name: 'Reactivate' }).click();
    await page.getByRole('button', { name: 'Deactivate…' }).waitFor();
  }, 60_000);

  it('the editing screens render in dark mode', async () => {
    const dark = await launchBrowser({ colorScheme: 'dark' });
    try {
      const { page } = dark;
      await page.goto(server.url);
      await page.getByLabel('E-mail', { exact: true }).fill('admin@example.com');
      await page.getByLabel('Password', { exact: true }).fill('hotline-demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('current-user').waitFor();
      await page.goto(`${server.url}/people/me`);
      await page.getByRole('heading', { name: 'My profile' }).waitFor();
      await screenshot(page, 'my-profile-dark');
      await page.goto(`${server.url}/teams`);
      await page.getByRole('button', { name: 'New team' }).click();
      await page.getByRole('dialog', { name: 'New team' }).waitFor();
      await screenshot(page, 'team-new-dark');
      await page.goto(`${server.url}/orgs`);
      await page.getByRole('link', { name: 'Acme Robotics' }).click();
      await page.getByRole('button', { name: 'Edit organisation' }).click();
      await page.getByRole('dialog', { name: 'Edit Acme Robotics' }).waitFor();
      await screenshot(page, 'org-edit-dark');
    } finally {
      await dark.close();
    }
  }, 60_000);
});
