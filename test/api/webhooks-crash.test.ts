// A node that runs jobs sends an event's first webhook attempts itself as soon as the change
// commits, with a job due a minute later standing behind them: the last attempt's record cancels
// that job, so it is never claimed. If the node dies with an attempt in flight (the receiver took
// the request but never answered), the next node runs the job: the delivery goes out again with the
// same webhook-id, and the receiver's de-duplication sees one message. Real nodes in their own
// processes; the receiver verifies every request with the `standardwebhooks` library.
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';
import { createTestDatabase, testEngines } from '../../src/store/test-db.ts';
import { startStandardWebhookReceiver } from '../stand-ins/standard-webhook-receiver.ts';
import { freePort, kill, startProcess, waitFor } from '../support/processes.ts';
import { http } from '../support/server.ts';

const TOKEN = 'hl_test_admin_token_0123456789abcdef';

describe.each(testEngines())('webhook first attempts sent by the committing node (%s)', (engine) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => {});
  });

  it('sent at once with the job behind them cancelled, never claimed; after a crash mid-attempt the next node sends it again by the same webhook-id', async () => {
    const db = await createTestDatabase(engine);
    const rx = await startStandardWebhookReceiver('whsec_' + Buffer.alloc(32, 1).toString('base64'));
    cleanup.push(() => rx.close(), () => db.drop());
    const where = engine === 'sqlite' ? dirname(db.url) : db.url;
    const port = await freePort();
    const api = http(`http://127.0.0.1:${port}`, { token: TOKEN });
    const fanOutJobs = async () => {
      const store = await openDatabase(engine === 'sqlite' ? { file: db.url } : { url: db.url });
      try {
        return await store.kysely.selectFrom('jobs').select(['status', 'replace_key']).where('kind', '=', 'webhook.fanout').execute();
      } finally {
        await store.close();
      }
    };

    const first = await startProcess('../paging/pager-node.ts', [where, String(port), '0', '1']);
    cleanup.push(() => kill(first));
    const sub = await api('POST', '/api/v1/webhook-subscriptions', { name: 'Pages', url: rx.url, eventTypes: ['page.triggered'], serviceIds: ['customer-emergencies'] });
    expect(sub.status, sub.text).toBe(201);
    rx.setSecret(sub.body.secret);

    const one = await api('POST', '/api/v1/pages', { serviceId: 'customer-emergencies', title: 'Acme: checkout down' });
    expect(one.status, one.text).toBe(201);
    await waitFor('the first delivery', async () => rx.accepted.size === 1, 10_000);
    await waitFor('its attempt to be recorded', async () => (await fanOutJobs()).every((j) => j.status === 'cancelled'), 10_000);
    const jobs = await fanOutJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0].replace_key).toMatch(/^webhook-event:/);
    const log = (await api('GET', `/api/v1/webhook-subscriptions/${sub.body.subscription.id}/deliveries`)).body.items;
    expect(log.map((d: any) => [d.state, d.attempts])).toEqual([['delivered', 1]]);

    // the receiver takes the next request and never answers; the node dies meanwhile
    rx.holdNext(1);
    const two = await api('POST', '/api/v1/pages', { serviceId: 'customer-emergencies', title: 'Acme: login down' });
    expect(two.status, two.text).toBe(201);
    await waitFor('the held request', async () => rx.requests.some((r) => r.status === 0), 10_000);
    await kill(first, 'SIGKILL');
    const held = rx.requests.find((r) => r.status === 0)!;
    expect(rx.accepted.has(held.headers['webhook-id'])).toBe(false);

    // a node whose clock is past the job's minute runs it: the same message, by the same id
    const second = await startProcess('../paging/pager-node.ts', [where, String(port), String(65_000), '0']);
    cleanup.push(() => kill(second));
    await waitFor('the delivery sent again', async () => rx.accepted.size === 2, 15_000);
    const again = rx.accepted.get(held.headers['webhook-id']);
    expect(again?.body.data.page.title).toBe('Acme: login down');
    expect(rx.requests.filter((r) => r.headers['webhook-id'] === held.headers['webhook-id'])).toHaveLength(2);
    expect(rx.requests.every((r) => r.rejected === null)).toBe(true);
    // the message arrives before its record commits: wait for the job's end, not just its start
    await waitFor('both event jobs finished', async () => (await fanOutJobs()).every((j) => j.status !== 'pending' && j.status !== 'running'), 10_000);
    expect((await fanOutJobs()).map((j) => j.status).sort()).toEqual(['cancelled', 'done']);
    await kill(second, 'SIGTERM');
  }, 90_000);
});
