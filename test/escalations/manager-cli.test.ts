// `hotline manager …` against a real node (SM-5/SM-6): --help on every command, the view as JSON and
// as a table, page, replace, lead and hand over, and the exit codes scripts test (2 bad input,
// 3 not allowed, 4 not found, 5 conflict).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hotline } from '../support/cli.ts';
import { emergencyNode } from '../emergencies/helpers.ts';

describe('hotline manager', { timeout: 120_000 }, () => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  const env = new Map<string, Record<string, string>>();
  let me: string;
  let t: { id: string; number: number };
  const as = async (email: string) => {
    if (!env.has(email)) {
      const u = (await n.admin('GET', `/api/v1/users?q=${encodeURIComponent(email)}`)).body.items[0];
      env.set(email, { HOTLINE_URL: n.s.url, HOTLINE_TOKEN: (await n.admin('POST', '/api/v1/tokens', { name: `cli-${email}`, userId: u.id })).body.token });
    }
    return env.get(email)!;
  };
  beforeAll(async () => {
    n = await emergencyNode('sqlite', '2026-11-24T17:30:00Z');
    me = (await n.admin('GET', '/api/v1/oncall')).body.schedules.find((s: any) => s.scheduleId === 'support-managers').owners[0];
    t = await n.urgent('rita@acme.example', 'Prod down: 502 on every push');
  }, 30_000);
  afterAll(() => n?.close());

  it('SM-6: every manager command answers --help', async () => {
    const commands = [['manager'], ...['emergencies', 'show', 'staff', 'page', 'backup-pool', 'replace', 'lead', 'hand-over'].map((c) => ['manager', c])];
    const results = await Promise.all(commands.map((c) => hotline([...c, '--help'])));
    results.forEach((r, i) => {
      expect({ c: commands[i].join(' '), code: r.code }).toEqual({ c: commands[i].join(' '), code: 0 });
      expect(r.stdout).toMatch(/Usage: hotline manager/);
    });
  });

  it('SM-6: the view as JSON and as a table; an engineer is refused (exit 3)', async () => {
    const j = await hotline(['manager', 'emergencies', '--json'], await as(me));
    expect(j.code, j.stderr).toBe(0);
    const v = JSON.parse(j.stdout);
    expect(v.managerOnCall.email).toBe(me);
    const row = v.items.find((x: any) => x.ticketNumber === t.number);
    expect(row.waiting).toHaveLength(1);
    const table = await hotline(['manager', 'emergencies'], await as(me));
    expect(table.stdout).toMatch(/^#\s+ORGANISATION\s+SUBJECT\s+OWNER/m);
    expect(table.stdout).toContain(`page ${row.waiting[0].number} L1 on ${row.owner.email}`);
    const engineer = await hotline(['manager', 'emergencies'], await as(row.owner.email));
    expect(engineer.code).toBe(3);
    expect(engineer.stderr).toContain('auth.forbidden');
  });

  it('SM-6: replace (unknown person exit 2, unknown emergency exit 4, done exit 0), lead twice (exit 5), hand over', async () => {
    const unknown = await hotline(['manager', 'replace', String(t.number), 'ghost@example.com'], await as(me));
    expect([unknown.code, unknown.stderr.includes('manager.unknown_person')]).toEqual([2, true]);
    const missing = await hotline(['manager', 'replace', '99999', 'frank.osei@example.com'], await as(me));
    expect(missing.code).toBe(4);
    const r = await hotline(['manager', 'replace', `#${t.number}`, 'frank.osei@example.com', '--reason', 'needed elsewhere'], await as(me));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Emergency ticket ${t.number}: frank.osei@example.com owns it now and is paged; \\S+ is told\\.\\n$`));
    n.clock.advance({ seconds: 1 }); // the timeline orders by instant
    expect((await hotline(['manager', 'lead', String(t.number)], await as(me))).code).toBe(0);
    const again = await hotline(['manager', 'lead', String(t.number), '--json'], await as(me));
    expect([again.code, again.stderr.includes('manager.already_lead')]).toEqual([5, true]);
    const show = JSON.parse((await hotline(['manager', 'show', String(t.number), '--json'], await as(me))).stdout);
    expect(show.timeline.map((x: any) => x.action)).toEqual(['manager.engineer_replaced', 'manager.lead_taken']);
    const to = me === 'walter.kim@example.com' ? 'tara.brooks@example.com' : 'walter.kim@example.com';
    const h = await hotline(['manager', 'hand-over', '--to', to, '--note', 'call at 13:00'], await as(me));
    expect(h.code, h.stderr).toBe(0);
    expect(h.stdout).toBe(`Handed #${t.number} over to ${to}; they are told.\n`);
  });
});
