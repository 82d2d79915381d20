// `hotline webhook …` against a real node: create (the secret printed once), list, send a test
// event a Standard Webhooks receiver verifies, read the delivery log, rotate and delete; --help on every command, and the exit codes scripts test (2 bad input,
// 3 not allowed, 4 not found).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hotline } from '../support/cli.ts';
import { startTestServer, http, type TestServer } from '../support/server.ts';
import { startStandardWebhookReceiver, type StandardWebhookReceiver } from '../stand-ins/standard-webhook-receiver.ts';

describe('hotline webhook', { timeout: 300_000 }, () => {
  let s: TestServer;
  let env: Record<string, string>;
  let rx: StandardWebhookReceiver;
  beforeAll(async () => {
    s = await startTestServer({ demo: true });
    env = { HOTLINE_URL: s.url, HOTLINE_TOKEN: s.admin.token };
    rx = await startStandardWebhookReceiver('whsec_' + Buffer.alloc(32, 1).toString('base64'));
  }, 60_000);
  afterAll(async () => {
    await rx?.close();
    await s?.close();
  });

  it('every webhook command answers --help', async () => {
    const commands = [[], ['list'], ['create'], ['show'], ['delete'], ['test'], ['deliveries'], ['enable'], ['rotate-secret']];
    const results = [];
    for (let i = 0; i < commands.length; i += 5) results.push(...(await Promise.all(commands.slice(i, i + 5).map((c) => hotline(['webhook', ...c, '--help'])))));
    results.forEach((r, i) => {
      expect({ c: commands[i], code: r.code }).toEqual({ c: commands[i], code: 0 });
      expect(r.stdout).toMatch(/Usage: hotline webhook/);
    });
  }, 300_000);

  it('create, list, test, deliveries, rotate-secret, delete', async () => {
    const c = await hotline(['webhook', 'create', '--name', 'Status page', '--url', rx.url, '--event', 'page.triggered,page.resolved', '--event', 'escalation.*', '--service', 'customer-support', '--json'], env);
    expect(c.code, c.stderr).toBe(0);
    const created = JSON.parse(c.stdout);
    expect(created.subscription).toMatchObject({ name: 'Status page', eventTypes: ['page.triggered', 'page.resolved', 'escalation.*'], serviceIds: ['customer-support'] });
    rx.setSecret(created.secret);
    const id = created.subscription.id;
    const [list, t] = await Promise.all([hotline(['webhook', 'list'], env), hotline(['webhook', 'test', id, '--json'], env)]);
    expect(list.stdout).toMatch(/Status page/);
    expect(list.stdout).not.toContain(created.secret);
    expect(t.code, t.stderr).toBe(0);
    const deliveryId = JSON.parse(t.stdout).deliveryId;
    // the node's own job engine sends it
    const api = http(s.url, { token: s.admin.token });
    for (let i = 0; i < 100 && (await api('GET', `/api/v1/webhook-subscriptions/${id}/deliveries`)).body.items[0]?.state !== 'delivered'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(rx.accepted.get(deliveryId)?.type).toBe('webhook.test');
    expect(rx.requests.every((r) => r.rejected === null)).toBe(true);
    const [log, rot] = await Promise.all([hotline(['webhook', 'deliveries', id], env), hotline(['webhook', 'rotate-secret', id], env)]);
    expect(log.stdout).toMatch(/webhook\.test\s+delivered\s+1/);
    expect(rot.stdout).toMatch(/^secret: whsec_/);
    expect((await hotline(['webhook', 'delete', id], env)).code).toBe(0);
    expect((await hotline(['webhook', 'show', id], env)).code).toBe(4);
  }, 300_000);

  it('bad input exits 2, a non-admin 3', async () => {
    const alice = (await http(s.url, { token: s.admin.token })('GET', '/api/v1/users?q=alice.nguyen@example.com')).body.items[0];
    const token = (await http(s.url, { token: s.admin.token })('POST', '/api/v1/tokens', { name: 'cli-alice', userId: alice.id })).body.token;
    const [bad, denied] = await Promise.all([
      hotline(['webhook', 'create', '--name', 'x', '--url', 'ftp://x', '--event', 'page.triggered'], env),
      hotline(['webhook', 'list'], { HOTLINE_URL: s.url, HOTLINE_TOKEN: token }),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/webhook\.bad_url/);
    expect(denied.code).toBe(3);
  }, 300_000);
});
