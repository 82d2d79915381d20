// `hotline ticket …` as an on-call engineer uses it: a real process against a real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { hotline } from '../support/cli.ts';

describe('hotline ticket CLI', { timeout: 60_000 }, () => {
  let s: TestServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    s = await startTestServer();
    env = { HOTLINE_URL: s.url, HOTLINE_TOKEN: s.admin.token };
    const admin = http(s.url, { token: s.admin.token });
    const org = (await admin('POST', '/api/v1/orgs', { name: 'Acme Robotics', subscription: { planTier: 'premium', supportPackage: 'priority_24x7' } })).body.id; // entitled, so the emergency stays urgent
    await admin('POST', '/api/v1/users', { email: 'rita@acme.example', name: 'Rita Okafor', role: 'customer', organizationId: org });
  });
  afterAll(async () => s?.close());

  it('every ticket command answers --help', async () => {
    const commands = [['ticket'], ['ticket', 'create'], ['ticket', 'show'], ['ticket', 'reply'], ['ticket', 'note'], ['ticket', 'search'], ['ticket', 'bulk']];
    const results = await Promise.all(commands.map((c) => hotline([...c, '--help'])));
    results.forEach((r, i) => {
      expect({ c: commands[i].join(' '), code: r.code }).toEqual({ c: commands[i].join(' '), code: 0 });
      expect(r.stdout).toMatch(/Usage: hotline ticket/);
    });
  });

  it('TK-1 / TK-2 / TK-4 / TK-5: create, reply, note, search and bulk from the terminal', async () => {
    const c = await hotline(['ticket', 'create', '--subject', 'Registry down', '--requester', 'rita@acme.example', '--priority', 'urgent', '--description', 'All pulls fail', '--json'], env);
    expect({ code: c.code, stderr: c.stderr }).toEqual({ code: 0, stderr: '' });
    const t = JSON.parse(c.stdout);
    expect(t).toMatchObject({ priority: 'urgent', isEmergency: true });
    expect((await hotline(['ticket', 'reply', String(t.number), 'Looking now.'], env)).stdout).toMatch(/Replied on ticket #\d+ \(now open\)/);
    expect((await hotline(['ticket', 'note', String(t.number), 'Suspect the CDN.'], env)).code).toBe(0);
    const show = await hotline(['ticket', 'show', String(t.number)], env);
    expect(show.stdout).toMatch(/INTERNAL NOTE/);
    expect(show.stdout).toMatch(/Suspect the CDN\./);
    const fr = await hotline(['ticket', 'search', 'priority:urgent status:open order_by:created_at sort:desc', '--json'], env);
    expect(fr.stderr).toBe('');
    const found = JSON.parse(fr.stdout);
    expect(found.items.map((x: any) => x.id)).toContain(t.id);
    const table = await hotline(['ticket', 'search', 'registry'], env);
    expect(table.stdout).toMatch(/^NUMBER\s+STATUS\s+PRIORITY/m);
    const bulk = JSON.parse((await hotline(['ticket', 'bulk', `number:${t.number}`, '--add-tag', 'cdn', '--status', 'pending', '--json'], env)).stdout);
    expect(bulk).toMatchObject({ status: 'done', total: 1, failed: 0 });
    const bad = await hotline(['ticket', 'search', 'status:nope'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/search\.bad_value/);
  });
});
