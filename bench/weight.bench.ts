// First-load weight of the web app as a fresh Chromium sees it: the JavaScript fetched to show the
// customer portal (/support, and its emergency form) and the staff board (/emergencies), signed in,
// with an empty cache. gzipKB: gzip sizes of the scripts; transferredKB: the bytes on the wire
// (brotli, precompressed at build time). Targets: portal ≤ 120 KB gzipped, staff ≤ 250 KB gzipped.
// Run: npm run bench -- weight
import { ensureWebBuilt } from '../test/browser/support.ts';
import { firstLoad } from '../test/browser/first-load.ts';
import { startTestServer } from '../test/support/server.ts';

export async function run(): Promise<Record<string, unknown>> {
  await ensureWebBuilt();
  const s = await startTestServer({ demo: true });
  try {
    const figures = (l: Awaited<ReturnType<typeof firstLoad>>) => ({ scripts: l.scripts.length, gzipKB: l.gzipKB, transferredKB: l.transferredKB });
    const portal = await firstLoad(s.url, 'rita@acme.example', '/support', (p) => p.getByTestId('open-emergency').waitFor());
    const portalForm = await firstLoad(s.url, 'rita@acme.example', '/support?new=emergency', (p) => p.getByTestId('submit-request').waitFor());
    const staff = await firstLoad(s.url, 'alice.nguyen@example.com', '/emergencies', (p) => p.getByTestId('current-user').waitFor());
    return { portal: figures(portal), portalEmergencyForm: figures(portalForm), staffBoard: figures(staff), targets: 'portal ≤ 120 KB, staff ≤ 250 KB (gzipped JS)' };
  } finally {
    await s.close();
  }
}
