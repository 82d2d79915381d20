// RP-1 and RP-2 in the browser, on a demo workspace with its generated half year of history: a
// manager opens Reports, filters a region and downloads the CSV, then opens What-if staffing, edits
// a copy of the AMER group (one member fewer, AMER 1 starting an hour later), sees a bad hour refused
// next to the field, replays the last quarter and gets the side by side with the difference marked,
// and exports it as CSV; then the same from a pasted workspace YAML, broken first.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import { runHistory } from '../../src/demo/history.ts';
import { Temporal } from '../../src/kernel/time.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { needs } from '../support/requirements.ts';
import { ensureWebBuilt, launchBrowser, screenshot, signIn, type BrowserSession } from './support.ts';

describe('web: reports and what-if staffing on the demo history', needs('chromium'), () => {
  let server: TestServer;
  let b: BrowserSession;

  beforeAll(async () => {
    await ensureWebBuilt();
    // Six months back from now: the default period, the last whole quarter, lies inside it.
    const dataDir = mkdtempSync(join(tmpdir(), 'hotline-whatif-'));
    await runHistory({ months: 6, seed: 11, now: Temporal.Now.instant(), dataDir, log: () => {} });
    server = await startTestServer({ demo: true, dataDir });
    b = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  it('RP-1, RP-2: a manager filters a report by region, downloads its CSV, then replays the last quarter on an edited AMER group and sees the difference', async () => {
    const page = b.page;
    try {
      await signIn(page, server.url, 'tara.brooks@example.com');
      await page.getByRole('link', { name: 'Reports' }).click();
      await page.getByRole('heading', { name: 'Reports' }).waitFor();
      await page.getByLabel('Region', { exact: true }).first().click();
      await page.getByRole('option', { name: 'EMEA' }).click();
      await page.getByTestId('report-table').waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
      expect(download.suggestedFilename()).toMatch(/^time-to-acknowledge_.*\.csv$/);
      const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
      expect(csv[0]).toMatch(/median_seconds/);

      await page.getByTestId('open-whatif').click();
      await page.getByRole('heading', { name: 'What-if staffing' }).waitFor();
      // The default period is the last whole quarter.
      const since = await page.getByTestId('whatif-since').inputValue();
      const until = await page.getByTestId('whatif-until').inputValue();
      expect(since).toMatch(/^\d{4}-(01|04|07|10)-01$/);
      expect(Temporal.PlainDate.from(since).add({ months: 3 }).toString()).toBe(until);

      await page.getByTestId('whatif-group').selectOption('amer');
      const amer1 = page.locator('[data-testid="whatif-rotation"][data-rotation="amer-1"]');
      await amer1.getByRole('button', { name: 'Remove bruno.costa@example.com from AMER 1' }).click();
      expect(await amer1.getByTestId('whatif-member').count()).toBe(1);
      // A bad hour first: refused by the server, shown under the field it names.
      const hours = amer1.getByLabel('On-call hours');
      await hours.fill('13:00-25:00');
      await hours.blur();
      await page.getByTestId('whatif-run').click();
      await amer1.getByText(/not a (window|wall-clock time)/).waitFor();
      await hours.fill('13:00-18:00');
      await hours.blur();
      await page.getByTestId('whatif-run').click();
      await page.getByTestId('whatif-result').waitFor({ timeout: 60_000 });

      // AMER 1 starting at 13:00 leaves 12:00–13:00 New York with nobody: fewer single-engineer hours.
      const single = page.getByTestId('whatif-total-singleEngineerHours').getByTestId('whatif-diff');
      expect(Number(await single.getAttribute('data-diff'))).toBeLessThan(0);
      expect(await page.getByTestId('whatif-chart').count()).toBe(4);
      expect(await page.getByTestId('whatif-weeks').locator('tbody tr[data-changed]').count()).toBeGreaterThan(0);
      // Bruno is off the rotation: he takes nothing in the proposal.
      const bruno = page.getByTestId('whatif-people').locator('tbody tr', { hasText: 'bruno.costa@example.com' });
      expect(await bruno.count()).toBe(1);
      expect((await bruno.locator('td').nth(1).innerText()).trim()).toMatch(/^[1-9]\d* → 0\b/);

      const [weekly] = await Promise.all([page.waitForEvent('download'), page.getByTestId('whatif-csv').click()]);
      expect(weekly.suggestedFilename()).toBe(`whatif-${since}-${until}.csv`);
      const lines = readFileSync((await weekly.path())!, 'utf8').trim().split(/\r?\n/);
      expect(lines[0]).toMatch(/^week,arrivals_actual,arrivals_proposed,arrivals_difference,/);
      expect(lines.at(-1)).toMatch(/^total,/);
      expect(lines.length).toBeGreaterThan(12);
      await screenshot(page, 'whatif');
      // The side by side (charts, coloured differences) reads in both colour schemes: no critical or
      // serious WCAG A/AA violation (the a11y suite scans the screen before a run).
      for (const scheme of ['dark', 'light']) {
        await page.getByRole('button', { name: `Switch to ${scheme} mode` }).click();
        await page.waitForTimeout(300);
        const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        const bad = r.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').flatMap((v) => v.nodes.map((n) => `${scheme} ${v.id} ${n.target.join(' ')}: ${n.failureSummary ?? ''}`));
        expect(bad, bad.join('\n')).toEqual([]);
      }

      // The same from a pasted workspace file: broken YAML is refused under the text, a good one runs.
      await page.getByText('Workspace YAML', { exact: true }).click();
      const yaml = page.getByTestId('whatif-yaml');
      await yaml.fill('rotations: [ { id: amer-2');
      await page.getByTestId('whatif-run').click();
      await page.getByText(/not valid YAML/).waitFor();
      await yaml.fill("rotations:\n  - { id: amer-2, name: AMER 2, time_zone: America/New_York, start: '2026-01-05T00:00', handoff: { every: 1, unit: weeks }, restrictions: [ '12:00-19:00' ], members: [ carmen.diaz@example.com, dmitri.volkov@example.com ] }\n");
      await page.getByTestId('whatif-run').click();
      await page.getByText(/not valid YAML/).waitFor({ state: 'detached' });
      await page.getByTestId('whatif-result').waitFor({ timeout: 60_000 });
      // AMER 2 from 12:00: two engineers in the hour AMER 1 was alone.
      expect(Number(await page.getByTestId('whatif-total-singleEngineerHours').getByTestId('whatif-diff').getAttribute('data-diff'))).toBeLessThan(0);
    } catch (e) {
      console.error('screenshot:', await screenshot(page, 'whatif-failed'));
      throw e;
    }
  }, 240_000);
});
