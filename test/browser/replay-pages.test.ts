// WF-9, PG-1/PG-2 as an operator meets them: `hotline demo replay` plays an on-call day (a Tuesday:
// licence paths, a downgrade, an incident's bulk response…), then `hotline start --demo` serves the
// same data directory in its own process with its job engine running. Signed in as an engineer, the
// pages view holds no open page for an emergency that is over, and a page closed with its emergency
// before anyone replied says so instead of claiming the customer was engaged.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hotline } from '../support/cli.ts';
import { needs } from '../support/requirements.ts';
import { http } from '../support/server.ts';
import { ensureWebBuilt, launchBrowser, screenshot, signIn, type BrowserSession } from './support.ts';

const DAY = '2026-11-17';
const TOKEN = 'hl_test_replay_pages_token_0123456789ab';
const BIN = fileURLToPath(new URL('../../bin/hotline.js', import.meta.url));
const ENV = { HOTLINE_DATABASE_URL: '', HOTLINE_ADMIN_EMAIL: 'admin@example.com', HOTLINE_ADMIN_TOKEN: TOKEN };

/** `hotline start --demo` in its own process; resolves with the URL it prints. */
function start(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'start', '--demo', '--data', dir, '--port', '0', '--log-level', 'error'], { env: { ...process.env, ...ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`hotline start printed no URL in 60 s: ${out} ${err}`)), 60_000);
    child.stderr!.on('data', (d) => (err += String(d)));
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /Hotline (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.on('exit', (code) => reject(new Error(`hotline start exited with ${code}: ${err}`)));
  });
}

/** Until the started node's engine has run every job that was due (the replayed day is in the past). */
async function untilDueJobsRan(dir: string): Promise<void> {
  const db = new Database(join(dir, 'hotline.db'), { readonly: true, fileMustExist: true });
  try {
    for (let i = 0; i < 300; i++) {
      const r = db.prepare("select count(*) as n from jobs where status in ('pending', 'running') and run_at <= ?").get(new Date().toISOString()) as { n: number };
      if (r.n === 0) return;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    throw new Error('the started node left due jobs unrun for 30 s');
  } finally {
    db.close();
  }
}

describe('web: after a replayed day, no page outlives its emergency', { ...needs('chromium'), timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-replay-pages-'));
  let node: { child: ChildProcess; url: string } | undefined;
  let browser: BrowserSession;
  let api: ReturnType<typeof http>;

  beforeAll(async () => {
    const [built, replay] = await Promise.all([ensureWebBuilt(), hotline(['demo', 'replay', '--day', DAY, '--data', dir, '--json'], ENV)]);
    void built;
    expect(replay.code, replay.stderr).toBe(0);
    node = await start(dir);
    api = http(node.url, { token: TOKEN });
    await untilDueJobsRan(dir);
    browser = await launchBrowser();
    await signIn(browser.page, node.url, 'bruno.costa@example.com');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (node && node.child.exitCode === null) {
      const exited = new Promise((ok) => node!.child.once('exit', ok));
      node.child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('WF-9, PG-1: /pages lists no open page — every emergency of the day is over — on either tab', async () => {
    const board = (await api('GET', '/api/v1/emergencies?all=true')).body.items as { ticketNumber: number; state: string }[];
    expect(board.length).toBe(18);
    expect(board.filter((e) => e.state === 'open')).toEqual([]);

    const { page } = browser;
    await page.goto(`${node!.url}/pages?tab=open`);
    await page.getByText('No open pages', { exact: true }).waitFor();
    expect(await page.getByTestId('page-row').count()).toBe(0);
    await screenshot(page, 'replay-pages-open');
    await page.goto(`${node!.url}/pages?tab=mine`);
    await page.getByText('No open page is assigned to you', { exact: true }).waitFor();
    expect(await page.getByTestId('page-row').count()).toBe(0);
    // the day did page people (16 pages): they are all closed now, none escalating
    expect((await api('GET', '/api/v1/pages?status=resolved&limit=100')).body.items).toHaveLength(16);
  });

  it('PG-1/PG-2: a page closed with its emergency before any reply says why, and does not claim the customer was engaged', async () => {
    const resolved = (await api('GET', '/api/v1/pages?status=resolved&limit=100')).body.items as { id: string }[];
    let closedUnanswered: { id: string; reason: string } | undefined;
    for (const p of resolved) {
      const full = (await api('GET', `/api/v1/pages/${p.id}`)).body;
      const e = full.timeline.find((x: any) => x.action === 'page.resolved' && x.detail.subjectEnded && x.detail.engaged === false);
      if (e) closedUnanswered = { id: p.id, reason: e.detail.reason };
    }
    // the weekday licence path closes its ticket without a public reply
    expect(closedUnanswered?.reason).toMatch(/^emergency ended: ticket closed by the licence path/);
    const { page } = browser;
    await page.goto(`${node!.url}/pages/${closedUnanswered!.id}`);
    await page.getByTestId('status-meaning').getByText('Closed because its emergency ended, before anyone replied to the customer.').waitFor();
    expect(await page.getByTestId('ended-reason').innerText()).toBe(closedUnanswered!.reason);
    await page.getByTestId('page-timeline').getByText(/No public reply was ever sent/).waitFor();
    await screenshot(page, 'replay-page-ended');
  });

  it('board: an emergency that is over shows no overdue alarm, and "nobody yet" on a not-paged one is plain text', async () => {
    type Row = { ticketNumber: number; state: string; owner: unknown; next: { status: string } | null; timers: unknown[] };
    const board = (await api('GET', '/api/v1/emergencies?all=true')).body.items as Row[];
    // The situation the screen must calm down: steps that went overdue on emergencies now over.
    expect(board.some((e) => e.state !== 'open' && (e.next?.status === 'overdue' || e.timers.length > 0))).toBe(true);
    const { page } = browser;
    await page.goto(`${node!.url}/emergencies`);
    await page.getByLabel('Include resolved').check();
    await page.getByTestId('emergency-row').first().waitFor();
    const rows = page.getByTestId('emergency-row');
    expect(await rows.count()).toBe(board.length);
    for (let i = 0; i < board.length; i++) {
      const text = await rows.nth(i).innerText();
      expect(text, text).not.toMatch(/overdue/i);
      expect(await rows.nth(i).getByTestId('next-step').innerText()).toBe('Nothing due');
    }
    const notPaged = board.filter((e) => e.state === 'not_paged' && !e.owner);
    expect(notPaged.length).toBeGreaterThan(0);
    for (const e of notPaged) {
      const cell = page.locator(`[data-testid="emergency-row"][data-ticket="${e.ticketNumber}"]`).getByTestId('no-owner');
      const color = await cell.evaluate((el) => getComputedStyle(el).color);
      const [r, g, b] = color.match(/\d+/g)!.map(Number);
      expect(r! - Math.max(g!, b!), `"nobody yet" is ${color}`).toBeLessThan(40);
    }
    await screenshot(page, 'replay-board-resolved');
  });

  it('history: closed pages are listed, searched and filtered; one opens its timeline and delivery log', async () => {
    const all = (await api('GET', '/api/v1/pages?status=any&limit=100')).body.items as { id: string; number: number; title: string }[];
    expect(all.length).toBe(16);
    const { page } = browser;
    await page.goto(`${node!.url}/pages?tab=history`);
    const rows = page.getByTestId('history-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(16);
    // Search by a word of one page's title: only the pages whose title holds it.
    const word = all[0]!.title.split(/\s+/).find((w) => w.length > 5)!;
    const expected = all.filter((p) => p.title.toLowerCase().includes(word.toLowerCase())).length;
    const filters = page.getByTestId('history-filters');
    await filters.getByLabel('Search pages').fill(word);
    await filters.getByLabel('Search pages').press('Enter');
    await expect.poll(() => rows.count()).toBe(expected);
    await filters.getByLabel('State').selectOption('acknowledged');
    await page.getByText('No page matches').waitFor();
    await filters.getByLabel('State').selectOption('resolved');
    await expect.poll(() => rows.count()).toBe(expected);
    await rows.first().getByRole('link').click();
    await page.getByTestId('page-timeline').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/pages\/[^/]+$/);
    await screenshot(page, 'replay-page-history');
  });
});
