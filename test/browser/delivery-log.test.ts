// PG-6 in the page view's delivery log: an attempt whose node died mid-send reads "unknown",
// with the reason, not "sending" forever. The attempt is left in flight by a node that "died"
// (its job running under a lease that has ended) and the real reaper finds it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoUtc } from '../../src/kernel/time.ts';
import { startAttempts } from '../../src/notify/store.ts';
import { readTx } from '../../src/store/tx.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { ensureWebBuilt, launchBrowser, screenshot, signIn, type BrowserSession } from './support.ts';
import { needs } from '../support/requirements.ts';

describe('web: delivery log', needs('chromium'), () => {
  let server: TestServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer({ demo: true, runJobs: false });
    browser = await launchBrowser();
    await signIn(browser.page, server.url, 'alice.nguyen@example.com');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('PG-6: an attempt orphaned by a crash shows as unknown in the delivery log, with why', async () => {
    const api = http(server.url, { token: server.admin.token });
    const alice = (await api('GET', '/api/v1/users?role=engineer')).body.items.find((u: any) => u.email === 'alice.nguyen@example.com');
    const created = (await api('POST', '/api/v1/pages', { serviceId: 'customer-emergencies', title: 'Checkout down', targetUserIds: [alice.id] })).body;
    const { db, clock, jobs } = server.hotline.ctx;
    const job = await db.kysely.selectFrom('jobs').select(['id', 'payload']).where('kind', '=', 'page.notify').executeTakeFirstOrThrow();
    const key = JSON.parse(job.payload).key as string;
    // a node claimed the job, logged its attempt and died before the outcome came back
    await startAttempts(readTx(db), [{ key, pageId: created.id, userId: alice.id, channel: 'email', address: alice.email, at: clock.now(), jobId: job.id }]);
    await db.kysely.updateTable('jobs').set({ status: 'running', lease_owner: 'dead-node', lease_until: isoUtc(clock.now().subtract({ minutes: 1 })) }).where('id', '=', job.id).execute();
    expect(await jobs.reap()).toBe(1);

    const { page } = browser;
    await page.goto(`${server.url}/pages/${created.id}`);
    const row = page.getByTestId('delivery').filter({ hasText: alice.email });
    await row.getByTestId('delivery-status').getByText('unknown').waitFor();
    expect(await row.innerText()).toMatch(/whether it arrived is unknown/);
    await screenshot(page, 'delivery-log-unknown');
  }, 60_000);
});
