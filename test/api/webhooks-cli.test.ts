// `hotline webhook …` against a real node: create (the secret printed once), list, send a test
// event a Standard Webhooks receiver verifies, read the delivery log, rotate and delete; enable a
// disabled one with --resend (the receiver gets the cancelled delivery by its webhook-id); --help
// on every command, and the exit codes scripts test (2 bad input, 3 not allowed, 4 not found).
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
    const commands = [[], ['list'], ['create'], ['show'], ['delete'], ['test'], ['deliveries'], ['enable'], ['cancelled'], ['rotate-secret']];
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

  it('enable --resend sends what the disabling cancelled, by the same webhook-id; --help says which', async () => {
    const help = await hotline(['webhook', 'enable', '--help']);
    expect(help.stdout).toMatch(/--resend/);
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(/queued in the last 7 days, with their webhook-id/);
    const rx2 = await startStandardWebhookReceiver('whsec_' + Buffer.alloc(32, 1).toString('base64'));
    try {
      const c = JSON.parse((await hotline(['webhook', 'create', '--name', 'Resend me', '--url', rx2.url, '--event', 'ticket.created', '--json'], env)).stdout);
      rx2.setSecret(c.secret);
      const id = c.subscription.id;
      rx2.always(503);
      const deliveryId = JSON.parse((await hotline(['webhook', 'test', id, '--json'], env)).stdout).deliveryId;
      for (let i = 0; i < 300 && rx2.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(rx2.requests.map((r) => [r.headers['webhook-id'], r.status]), JSON.stringify((await http(s.url, { token: s.admin.token })('GET', `/api/v1/webhook-subscriptions/${id}/deliveries`)).body)).toEqual([[deliveryId, 503]]);
      const api = http(s.url, { token: s.admin.token });
      expect((await api('POST', `/api/v1/webhook-subscriptions/${id}/disable`)).body.enabled).toBe(false); // its retry is cancelled
      const counted = await hotline(['webhook', 'cancelled', id], env);
      expect(counted.stdout).toMatch(/^cancelled: 1\nresendable: 1 \(queued since /);
      rx2.always(null);
      const en = await hotline(['webhook', 'enable', id, '--resend', '--json'], env);
      expect(en.code, en.stderr).toBe(0);
      expect(JSON.parse(en.stdout)).toMatchObject({ id, enabled: true, resent: 1 });
      for (let i = 0; i < 300 && !rx2.accepted.has(deliveryId); i++) await new Promise((r) => setTimeout(r, 100));
      expect([...rx2.accepted.keys()]).toEqual([deliveryId]);
      expect(rx2.accepted.get(deliveryId)?.type).toBe('webhook.test');
      // enabling an enabled one resends nothing, and says so in words
      const again = await hotline(['webhook', 'enable', id, '--resend'], env);
      expect(again.stdout).toMatch(/enabled: yes\n {2}resent: 0 cancelled deliveries queued again/);
      expect(rx2.requests.filter((r) => r.status === 200)).toHaveLength(1);
    } finally {
      await rx2.close();
    }
  }, 300_000);

  it('bad input exits 2, a non-admin 3', async () => {
    const alice = (await http(s.url, { token: s.admin.token })('GET', '/api/v1/users?q=alice.nguyen@example.com')).body.items[0];
    const token = (await http(s.url, { token: s.admin.token })('POST', '/api/v1/tokens', { name: 'cli-alice', userId: alice.id })).body.token;
    const [bad, denied, deniedEnable] = await Promise.all([
      hotline(['webhook', 'create', '--name', 'x', '--url', 'ftp://x', '--event', 'page.triggered'], env),
      hotline(['webhook', 'list'], { HOTLINE_URL: s.url, HOTLINE_TOKEN: token }),
      hotline(['webhook', 'enable', 'any', '--resend'], { HOTLINE_URL: s.url, HOTLINE_TOKEN: token }),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/webhook\.bad_url/);
    expect(denied.code).toBe(3);
    expect(deniedEnable.code).toBe(3);
  }, 300_000);
});
