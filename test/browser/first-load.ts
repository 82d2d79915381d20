// What a fresh Chromium downloads to show one screen of a signed-in person: every script, its gzip
// size (level 9, as the build precompresses it) and the bytes actually transferred. Used by the
// weight test (budgets) and bench/weight.bench.ts (figures).
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchBrowser, signIn } from './support.ts';

export interface FirstLoad { scripts: string[]; gzipKB: number; transferredKB: number }

const kb = (n: number) => Math.round(n / 102.4) / 10;

export async function firstLoad(base: string, email: string, path: string, ready: (p: Page) => Promise<unknown>): Promise<FirstLoad> {
  const login = await launchBrowser();
  let cookies;
  try {
    await signIn(login.page, base, email);
    cookies = await login.context.cookies();
  } finally {
    await login.close();
  }
  // A new profile for the measured load: nothing cached from signing in.
  const b = await launchBrowser();
  try {
    await b.context.addCookies(cookies);
    const seen: Promise<{ name: string; gz: number; sent: number }>[] = [];
    b.page.on('response', (r) => {
      if (r.request().resourceType() !== 'script') return;
      seen.push((async () => {
        const body = await r.body();
        const sizes = await r.request().sizes();
        return { name: new URL(r.url()).pathname, gz: gzipSync(body, { level: 9 }).length, sent: sizes.responseBodySize };
      })());
    });
    await b.page.goto(base + path);
    await ready(b.page);
    await b.page.waitForLoadState('networkidle');
    const all = await Promise.all(seen);
    return { scripts: all.map((s) => s.name), gzipKB: kb(all.reduce((s, x) => s + x.gz, 0)), transferredKB: kb(all.reduce((s, x) => s + x.sent, 0)) };
  } finally {
    await b.close();
  }
}
