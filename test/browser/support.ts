// Browser-test helpers: Debian's Chromium driven by playwright-core, one throwaway profile per
// launch so runs never share cookies or caches.
import { existsSync, mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../support/server.ts';
import { CHROMIUM_PATH, requireAvailable } from '../support/requirements.ts';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Closes the browser and deletes its profile directory. */
  close(): Promise<void>;
}

export async function launchBrowser(opts: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {}): Promise<BrowserSession> {
  // Browser suites are declared with needs('chromium'): this throws only where they run without it (CI).
  requireAvailable('chromium');
  const userDataDir = mkdtempSync(join(tmpdir(), 'hotline-chromium-'));
  // launchPersistentContext is playwright's way to pass --user-data-dir (launch() refuses it).
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    colorScheme: opts.colorScheme ?? 'light',
    timeout: 60_000,
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

const WEB_ROOT = fileURLToPath(new URL('../../web/', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds web/dist when it is missing or older than web/src, so the server serves current code. */
export async function ensureWebBuilt(): Promise<void> {
  const index = join(WEB_ROOT, 'dist', 'index.html');
  const sourcesAt = Math.max(newestMtime(join(WEB_ROOT, 'src')), statSync(join(WEB_ROOT, 'index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sourcesAt) return;
  const { build } = await import('vite');
  await build({ configFile: join(WEB_ROOT, 'vite.config.ts'), root: WEB_ROOT, logLevel: 'warn' });
}

/** Saves a full-page screenshot under the temp directory and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(tmpdir(), `hotline-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Sign in as a demo person, ending whatever session this browser had. */
export async function signIn(page: Page, url: string, email: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(url);
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('current-user').waitFor();
}
