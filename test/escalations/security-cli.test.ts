// `hotline emergency incident … --kind security` and `… security …` against a real node (SM-7):
// declare with a search and an outside communications manager, add by hand, respond as the manager
// on call, show and list as JSON and text; an engineer responding exits 3, a bad kind exits 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hotline } from '../support/cli.ts';
import { emergencyNode } from '../emergencies/helpers.ts';

describe('hotline emergency incident security', { timeout: 90_000 }, () => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  const env = new Map<string, Record<string, string>>();
  const as = async (email: string) => {
    if (!env.has(email)) {
      const u = (await n.admin('GET', `/api/v1/users?q=${encodeURIComponent(email)}`)).body.items[0];
      env.set(email, { HOTLINE_URL: n.s.url, HOTLINE_TOKEN: (await n.admin('POST', '/api/v1/tokens', { name: `cli-${email}`, userId: u.id })).body.token });
    }
    return env.get(email)!;
  };
  let manager: string;
  const numbers: number[] = [];
  beforeAll(async () => {
    n = await emergencyNode('sqlite', '2026-11-24T15:00:00Z');
    manager = (await n.admin('GET', '/api/v1/oncall')).body.schedules.find((s: any) => s.scheduleId === 'support-managers').owners[0];
    for (const subject of ['Leaked key in a public repo', 'Leaked key: strange logins', 'Unrelated question']) {
      const r = await n.admin('POST', '/api/v1/tickets', { subject, form: 'saas', priority: 'normal', requesterEmail: 'rita@acme.example', description: 'Hm.' });
      numbers.push(r.body.ticket.number);
    }
  }, 30_000);
  afterAll(() => n?.close());

  it('SM-7: declare (--kind security --query), add by hand, respond, show, list; exit codes 2 and 3', async () => {
    const alice = await as('alice.nguyen@example.com');
    const d = await hotline(['emergency', 'incident', 'declare', '--kind', 'security', '--title', 'Key exposure', '--comms', 'Dana Reyes', '--comms-email', 'dana@pr.example', '--query', 'Leaked', '--json'], alice);
    expect(d.code, d.stderr).toBe(0);
    const i = JSON.parse(d.stdout);
    expect(i).toMatchObject({ kind: 'security', communicationsManager: { kind: 'contact', name: 'Dana Reyes', email: 'dana@pr.example' }, coordinator: { email: manager } });
    expect(i.tickets).toHaveLength(2);
    const add = await hotline(['emergency', 'incident', 'security', 'add', i.label, `#${numbers[2]}`], alice);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain('Communications manager: Dana Reyes <dana@pr.example> (outside contact)');
    const refused = await hotline(['emergency', 'incident', 'security', 'respond', i.label, '--text', 'Please rotate your keys.'], alice);
    expect(refused.code).toBe(3);
    const ok = await hotline(['emergency', 'incident', 'security', 'respond', i.label, '--text', 'Please rotate your keys.'], await as(manager));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('(3 tickets)');
    const list = await hotline(['emergency', 'incident', 'security', 'list', '--json'], alice);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ label: i.label, tickets: 3, responded: 3 })]);
    const show = await hotline(['emergency', 'incident', 'security', 'show', String(i.number)], alice);
    expect(show.stdout).toContain(`Security incident ${i.label} — open: Key exposure`);
    const bad = await hotline(['emergency', 'incident', 'declare', '--kind', 'secret', '--comms', 'x'], alice);
    expect(bad.code).toBe(2);
    const noComms = await hotline(['emergency', 'incident', 'declare', '--kind', 'security', String(numbers[0])], alice);
    expect(noComms.code).toBe(2);
    expect(noComms.stderr).toContain('communications manager');
  });
});
