// `hotline upgrade …` against a real node (SM-8): list (--flagged), show, reassign and reschedule as
// JSON and as text, and the exit codes scripts test (2 bad input, 3 not allowed, 4 not found).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hotline } from '../support/cli.ts';
import { emergencyNode } from '../emergencies/helpers.ts';

const START = '2026-11-24T15:00:00Z';

describe('hotline upgrade', { timeout: 300_000 }, () => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  const env = new Map<string, Record<string, string>>();
  let manager: string;
  const as = async (email: string) => {
    if (!env.has(email)) {
      const u = (await n.admin('GET', `/api/v1/users?q=${encodeURIComponent(email)}`)).body.items[0];
      env.set(email, { HOTLINE_URL: n.s.url, HOTLINE_TOKEN: (await n.admin('POST', '/api/v1/tokens', { name: `cli-${email}`, userId: u.id })).body.token });
    }
    return env.get(email)!;
  };
  beforeAll(async () => {
    n = await emergencyNode('sqlite', START);
    manager = (await n.admin('GET', '/api/v1/oncall')).body.schedules.find((s: any) => s.scheduleId === 'support-managers').owners[0];
  }, 30_000);
  afterAll(() => n?.close());

  it('SM-8: list --flagged --json, show, reschedule and reassign (exit 0), and bad input (exit 2, 3, 4)', async () => {
    const rita = await n.as('rita@acme.example');
    const ok = (await rita('POST', '/api/v1/upgrade-requests', { start: '2026-12-08T09:00:00-08:00', durationMinutes: 90, scope: 'Single node 17.4 to 17.5' })).body;
    const sat = (await rita('POST', '/api/v1/upgrade-requests', { start: '2026-12-12T10:00:00-08:00', durationMinutes: 120, scope: 'Geo to 17.5' })).body;
    const flagged = await hotline(['upgrade', 'list', '--flagged', '--json'], await as(manager));
    expect(flagged.code, flagged.stderr).toBe(0);
    expect(JSON.parse(flagged.stdout).map((u: any) => u.number)).toEqual([sat.number]);
    const show = await hotline(['upgrade', 'show', String(sat.number)], await as(manager));
    expect(show.stdout).toContain('Flagged:   The session falls outside the support hours');
    const re = await hotline(['upgrade', 'reschedule', `#${sat.number}`, '--start', '2026-12-14T09:00:00-08:00', '--note', 'Monday suits us'], await as(manager));
    expect(re.code, re.stderr).toBe(0);
    expect(re.stdout).toBe(`Upgrade request #${sat.number}: new time proposed, Mon 14 Dec 2026, 09:00 (-08:00); the requester is told.\n`);
    const ra = await hotline(['upgrade', 'reassign', String(sat.number), '--to', 'carmen.diaz@example.com', '--json'], await as(manager));
    expect(ra.code, ra.stderr).toBe(0);
    expect(JSON.parse(ra.stdout)).toMatchObject({ state: 'reassigned', assignee: { email: 'carmen.diaz@example.com' } });

    expect((await hotline(['upgrade', 'reschedule', String(ok.number), '--start', '2026-12-09T09:00:00Z', '--duration', 'two hours'], await as(manager))).code).toBe(2);
    expect((await hotline(['upgrade', 'reassign', String(ok.number), '--to', 'carmen.diaz@example.com'], await as('alice.nguyen@example.com'))).code).toBe(3);
    const missing = await hotline(['upgrade', 'show', '999'], await as(manager));
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('hotline upgrade list');
  });
});
