// RP-1 in the browser: a manager opens Reports, picks time to first reply grouped by region, filters
// the region to EMEA, sees the chart and its table, and downloads the CSV — which holds the EMEA row
// only, with the figures of the tickets made here (one answered after the description, one not).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { needs } from '../support/requirements.ts';
import { ensureWebBuilt, launchBrowser, screenshot, signIn, type BrowserSession } from './support.ts';

describe('web: reports', needs('chromium'), () => {
  let server: TestServer;
  let b: BrowserSession;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true });
    const api = http(server.url, { token: server.admin.token });
    const open = async (requesterEmail: string, subject: string) => {
      const r = await api('POST', '/api/v1/tickets', { subject, form: 'saas', priority: 'normal', requesterEmail, description: 'Please help.' });
      expect(r.status, r.text).toBe(201);
      return r.body.ticket as { id: string };
    };
    const emea = await open('gus@globex.example', 'Slow pipelines'); // Europe/London → EMEA
    await open('gus@globex.example', 'Runner question');
    await open('rita@acme.example', 'Backup question'); // America/Chicago → AMER
    await new Promise((r) => setTimeout(r, 20));
    expect((await api('POST', `/api/v1/tickets/${emea.id}/comments`, { body: 'Looking into it.', public: true })).status).toBe(201);
    b = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  it('RP-1: a manager opens Reports, filters a region and downloads the CSV of what is shown', async () => {
    const page = b.page;
    try {
      await signIn(page, server.url, 'tara.brooks@example.com');
      await page.getByRole('link', { name: 'Reports' }).click();
      await page.getByRole('heading', { name: 'Reports' }).waitFor();
      await page.getByLabel('Report', { exact: true }).first().click();
      await page.getByRole('option', { name: 'time-to-first-reply' }).click();
      await page.getByLabel('Group by').first().click();
      await page.getByRole('option', { name: 'region' }).click();
      await page.getByTestId('report-table').getByText('AMER').waitFor();
      await page.getByLabel('Region', { exact: true }).first().click();
      await page.getByRole('option', { name: 'EMEA' }).click();
      await page.getByTestId('report-table').getByText('AMER').waitFor({ state: 'detached' });
      await page.getByTestId('report-chart').waitFor();
      const rows = await page.getByTestId('report-table').locator('tbody tr').allInnerTexts();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatch(/^EMEA\s+ticket\s+1\s+1\b/);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
      expect(download.suggestedFilename()).toMatch(/^time-to-first-reply_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
      expect(csv[0]).toBe('region,kind,unanswered,count,median_seconds,p90_seconds,<5m,5-15m,15-30m,30-60m,1-4h,4-24h,>=24h');
      expect(csv[1]).toMatch(/^EMEA,ticket,1,1,\d+,\d+,1,0,0,0,0,0,0$/);
      expect(csv.slice(2)).toEqual(['']);
    } catch (e) {
      console.error('screenshot:', await screenshot(page, 'reports'));
      throw e;
    }
  }, 120_000);
});
