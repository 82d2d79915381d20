// Browser journey of the portal's files (TK-2, TK-8): a customer opens a request with a log
// attached, downloads it from the conversation, replies with another file; an internal note's
// file never shows up in the portal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt, launchBrowser, screenshot, type BrowserSession, signIn } from './support.ts';
import { needs } from '../support/requirements.ts';

describe('web: portal files', needs('chromium'), () => {
  let server: TestServer;
  let browser: BrowserSession;
  let api: ReturnType<typeof http>;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true });
    api = http(server.url, { token: server.admin.token });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('TK-2/TK-8: a customer attaches a file to a new request and to a reply, downloads it, and never sees an internal file', async () => {
    const { page } = browser;
    await signIn(page, server.url, 'rita@acme.example');
    await page.goto(`${server.url}/support?new=request`);
    await page.getByLabel('Subject').fill('Backups fail every night');
    await page.getByLabel('What is happening?').fill('The nightly backup stops at step 3; log attached.');
    await page.getByTestId('request-form').locator('input[type=file]').setInputFiles({ name: 'backup.log', mimeType: 'text/plain', buffer: Buffer.from('step 3: permission denied\n') });
    await page.getByText('backup.log').first().waitFor();
    await page.getByTestId('submit-request').click();
    await page.getByRole('heading', { name: /Backups fail every night/ }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;

    const link = page.getByTestId('portal-conversation').getByRole('link', { name: /backup\.log/ });
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('backup.log');
    expect((await readFile((await download.path())!)).toString()).toBe('step 3: permission denied\n');

    await page.getByLabel('Your reply').fill('And the config.');
    await page.getByTestId('portal-conversation').locator('input[type=file]').setInputFiles({ name: 'backup.yml', mimeType: 'text/yaml', buffer: Buffer.from('schedule: nightly\n') });
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByTestId('portal-conversation').getByRole('link', { name: /backup\.yml/ }).waitFor();

    const note = await api('POST', `/api/v1/tickets/${id}/comments`, { body: 'INTERNAL: their key', public: false, attachments: [{ filename: 'secret-key.pem', contentType: 'text/plain', contentBase64: Buffer.from('KEY').toString('base64') }] });
    expect(note.status).toBe(201);
    await page.reload();
    await page.getByTestId('portal-conversation').getByRole('link', { name: /backup\.yml/ }).waitFor();
    expect(await page.getByText(/secret-key\.pem|INTERNAL: their key/).count()).toBe(0);
    const staffView = (await api('GET', `/api/v1/tickets/${id}`)).body.comments.flatMap((c: { attachments?: { filename: string }[] }) => (c.attachments ?? []).map((a) => a.filename));
    expect(staffView).toEqual(['backup.log', 'backup.yml', 'secret-key.pem']);
    await screenshot(page, 'portal-files');
  }, 90_000);
});
