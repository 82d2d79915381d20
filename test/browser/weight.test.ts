// The app's weight on first load, in a fresh Chromium: a customer on the portal downloads none of
// the staff screens and at most 120 KB of gzipped JavaScript; the staff board at most 250 KB. And
// "/" takes a signed-in engineer to the emergency board.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import { needs } from '../support/requirements.ts';
import { firstLoad } from './first-load.ts';
import { ensureWebBuilt, launchBrowser, signIn } from './support.ts';

const STAFF_SCREENS = /\/(Shell|BoardPage|EmergencyPage|IncidentPage|PagesPage|PageDetailPage|OnCallPage|TicketsPage|TicketPage|PeoplePage|PersonPage|TeamsPage|LoginPage)-/;

describe('web: first-load weight', needs('chromium'), () => {
  let server: TestServer;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true });
  }, 180_000);

  afterAll(async () => {
    await server?.close();
  });

  it('the customer portal loads ≤ 120 KB gzipped JavaScript and no staff screen', async () => {
    const load = await firstLoad(server.url, 'rita@acme.example', '/support', (p) => p.getByTestId('open-emergency').waitFor());
    expect(load.scripts.filter((s) => STAFF_SCREENS.test(s))).toEqual([]);
    expect(load.scripts.some((s) => /\/PortalPage-/.test(s))).toBe(true);
    expect(load.gzipKB).toBeLessThanOrEqual(120);
    // Sent precompressed: the wire carries less than the gzip figure (brotli).
    expect(load.transferredKB).toBeLessThan(load.gzipKB);
  }, 60_000);

  it('the staff board loads ≤ 250 KB gzipped JavaScript and none of the portal', async () => {
    const load = await firstLoad(server.url, 'alice.nguyen@example.com', '/emergencies', (p) => p.getByTestId('current-user').waitFor());
    expect(load.scripts.some((s) => /\/BoardPage-/.test(s))).toBe(true);
    expect(load.scripts.filter((s) => /\/(Portal\w*|TicketPage|OnCallPage|PeoplePage)-/.test(s))).toEqual([]);
    expect(load.gzipKB).toBeLessThanOrEqual(250);
  }, 60_000);

  it('an engineer who signs in lands on the emergency board', async () => {
    const b = await launchBrowser();
    try {
      await signIn(b.page, server.url, 'alice.nguyen@example.com');
      await b.page.waitForURL((u) => u.pathname === '/emergencies');
      await b.page.getByRole('heading', { level: 1 }).first().waitFor();
    } finally {
      await b.close();
    }
  }, 60_000);
});
