// `hotline escalation …` against a real node (SM-1..SM-3): file, list, show, ack, suggestions,
// assign, resolve and reject as JSON and as text, --help, and the exit codes scripts test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hotline } from '../support/cli.ts';
import { emergencyNode } from '../emergencies/helpers.ts';

describe('hotline escalation', { timeout: 90_000 }, () => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  let env: Record<string, string>;
  let engineer: Record<string, string>;
  beforeAll(async () => {
    n = await emergencyNode('sqlite', '2026-11-24T15:00:00Z');
    env = { HOTLINE_URL: n.s.url, HOTLINE_TOKEN: n.s.admin.token };
    const alice = (await n.admin('GET', '/api/v1/users?q=alice.nguyen%40example.com')).body.items[0];
    engineer = { HOTLINE_URL: n.s.url, HOTLINE_TOKEN: (await n.admin('POST', '/api/v1/tokens', { name: 'alice-cli', userId: alice.id })).body.token };
  }, 30_000);
  afterAll(() => n?.close());

  const ticket = async (subject: string) => (await n.admin('POST', '/api/v1/tickets', { subject, form: 'licensing', priority: 'high', requesterEmail: 'rita@acme.example', description: 'Licence' })).body.ticket as { number: number };
  const json = (r: { stdout: string }) => JSON.parse(r.stdout);

  it('SM-1: create files and announces; a duplicate exits 5, an unknown ticket 4, a bad urgency 2; --help describes it', async () => {
    const t = await ticket('Licence rejected');
    const args = ['--need', 'An owner today', '--business-case', 'Renewal on Friday', '--urgency', 'high'];
    const c = await hotline(['escalation', 'create', '--ticket', String(t.number), ...args, '--json'], engineer);
    expect(c.code, c.stderr).toBe(0);
    const e = json(c);
    expect(e).toMatchObject({ state: 'filed', ticket: { number: t.number }, initiator: { email: 'alice.nguyen@example.com' } });
    expect(e.thread[0].text).toMatch(new RegExp(`^@${e.manager.name}: escalation #${e.number}`));
    const text = await hotline(['escalation', 'create', '--title', 'Geo training budget', ...args], engineer);
    expect(text.stdout).toMatch(/^Escalation #\d+: filed and announced in #support_escalations to /);
    const dup = await hotline(['escalation', 'create', '--ticket', String(t.number), ...args], engineer);
    expect(dup.code).toBe(5);
    expect(dup.stderr).toContain('escalation.already_open');
    expect((await hotline(['escalation', 'create', '--ticket', '99999', ...args], engineer)).code).toBe(4);
    expect((await hotline(['escalation', 'create', '--ticket', String(t.number), '--need', 'x', '--business-case', 'y', '--urgency', 'soon'], engineer)).code).toBe(2);
    const help = await hotline(['escalation', '--help']);
    expect(help.code).toBe(0);
    for (const cmd of ['create', 'list', 'show', 'ack', 'assign', 'resolve', 'reject']) expect(help.stdout).toContain(cmd);
  });

  it('SM-2/SM-3: list and show, ack (an engineer exits 3), suggestions, assign, resolve with a label; resolve again exits 5', async () => {
    const list = await hotline(['escalation', 'list', '--open', '--json'], env);
    expect(list.code).toBe(0);
    const e = json(list).find((x: any) => x.kind === 'ticket');
    expect((await hotline(['escalation', 'list'], env)).stdout).toMatch(/^#\s+STATE\s+URGENCY\s+TICKET/m);
    expect((await hotline(['escalation', 'show', String(e.number)], env)).stdout).toContain(`Escalation #${e.number} — filed (high urgency)`);
    expect((await hotline(['escalation', 'show', '9999'], env)).code).toBe(4);
    expect((await hotline(['escalation', 'resolve', String(e.number)], env)).code).toBe(5); // not acknowledged yet
    expect((await hotline(['escalation', 'ack', String(e.number)], engineer)).code).toBe(3);
    expect((await hotline(['escalation', 'ack', String(e.number), '--json'], env)).code).toBe(0);
    const s = await hotline(['escalation', 'assign', String(e.number), '--json'], env);
    expect(s.code, s.stderr).toBe(0);
    expect(json(s).items[0]).toMatchObject({ email: 'lena.fox@example.com', level: 'expert' }); // 15:00 UTC: at work in Dublin
    expect((await hotline(['escalation', 'assign', String(e.number)], env)).stdout).toMatch(/^Suggestions for licensing/);
    const a = await hotline(['escalation', 'assign', String(e.number), 'lena.fox@example.com', '--json'], env);
    expect(json(a)).toMatchObject({ state: 'assigned', owner: { email: 'lena.fox@example.com' } });
    const r = await hotline(['escalation', 'resolve', String(e.number), '--label', 'License-Issue', '--comment', 'Licence re-issued', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(json(r)).toMatchObject({ state: 'resolved', labels: ['License-Issue'] });
    expect((await hotline(['escalation', 'resolve', String(e.number)], env)).code).toBe(5);
  });

  it('SM-3: reject needs --reason (usage error) and tells the initiator', async () => {
    const e = json(await hotline(['escalation', 'list', '--open', '--json'], env)).find((x: any) => x.kind === 'internal');
    await hotline(['escalation', 'ack', String(e.number)], env);
    expect((await hotline(['escalation', 'reject', String(e.number)], env)).code).not.toBe(0);
    const r = await hotline(['escalation', 'reject', String(e.number), '--reason', 'Not a support escalation'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Escalation #${e.number}: rejected; the initiator is told.\n`);
    const shown = json(await hotline(['escalation', 'show', String(e.number), '--json'], env));
    expect(shown).toMatchObject({ state: 'rejected', reason: 'Not a support escalation' });
    expect(shown.thread.at(-1).mentions).toEqual(['alice.nguyen@example.com']);
  });
});
