// `hotline cover …` against a real node (SM-9): request, list, accept and decline as JSON and as
// text, and the exit codes scripts test (2 bad input, 3 not allowed, 5 already answered).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hotline } from '../support/cli.ts';
import { emergencyNode } from '../emergencies/helpers.ts';

const START = '2026-11-24T15:00:00Z';
const at = (h: number) => new Date(Date.parse(START) + h * 3_600_000).toISOString();

describe('hotline cover', { timeout: 90_000 }, () => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  const env = new Map<string, Record<string, string>>();
  let me: string;
  let other: string;
  const as = async (email: string) => {
    if (!env.has(email)) {
      const u = (await n.admin('GET', `/api/v1/users?q=${encodeURIComponent(email)}`)).body.items[0];
      env.set(email, { HOTLINE_URL: n.s.url, HOTLINE_TOKEN: (await n.admin('POST', '/api/v1/tokens', { name: `cli-${email}`, userId: u.id })).body.token });
    }
    return env.get(email)!;
  };
  beforeAll(async () => {
    n = await emergencyNode('sqlite', START);
    const oc = (await n.admin('GET', '/api/v1/oncall')).body;
    me = oc.schedules.find((s: any) => s.scheduleId === 'support-managers').owners[0];
    other = me === 'walter.kim@example.com' ? 'tara.brooks@example.com' : 'walter.kim@example.com';
  }, 30_000);
  afterAll(() => n?.close());

  it('SM-9: request, list --json, accept (exit 0), accept again (exit 5), decline, and bad input (exit 2, 3)', async () => {
    const req = await hotline(['cover', 'request', '--from', at(2), '--to', at(3), '--ask', other, '--note', 'Customer call', '--json'], await as(me));
    expect(req.code, req.stderr).toBe(0);
    const c = JSON.parse(req.stdout);
    expect(c).toMatchObject({ state: 'open', asked: { email: other } });
    const open = await hotline(['cover', 'list', '--json'], await as(other));
    expect(JSON.parse(open.stdout).map((x: any) => x.number)).toEqual([c.number]);
    const text = await hotline(['cover', 'list'], await as(other));
    expect(text.stdout).toContain(String(c.number));
    const acc = await hotline(['cover', 'accept', String(c.number)], await as(other));
    expect(acc.code, acc.stderr).toBe(0);
    expect(acc.stdout).toBe(`Cover request #${c.number}: accepted; you are on call for those hours.\n`);
    const again = await hotline(['cover', 'accept', String(c.number), '--json'], await as(other));
    expect(again.code).toBe(5);
    expect(again.stderr).toContain('cover.already_answered');

    const open2 = JSON.parse((await hotline(['cover', 'request', '--from', at(4), '--to', at(5), '--ask', other, '--json'], await as(me))).stdout);
    const dec = await hotline(['cover', 'decline', String(open2.number), '--reason', 'Busy', '--json'], await as(other));
    expect(dec.code, dec.stderr).toBe(0);
    expect(JSON.parse(dec.stdout)).toMatchObject({ state: 'declined', reason: 'Busy' });
    expect(JSON.parse((await hotline(['cover', 'list', '--state', 'declined', '--json'], await as(me))).stdout)).toHaveLength(1);

    expect((await hotline(['cover', 'request', '--from', at(3), '--to', at(2)], await as(me))).code).toBe(2);
    expect((await hotline(['cover', 'request', '--from', at(1), '--to', at(2)], await as('alice.nguyen@example.com'))).code).toBe(3);
    const help = await hotline(['cover', '--help']);
    for (const cmd of ['request', 'list', 'accept', 'decline']) expect(help.stdout).toContain(cmd);
  });

  it('SM-9: withdraw your own request (exit 0, the manager asked is told), another manager\'s (exit 3), twice (exit 5)', async () => {
    const c = JSON.parse((await hotline(['cover', 'request', '--from', at(6), '--to', at(7), '--ask', other, '--json'], await as(me))).stdout);
    const notMine = await hotline(['cover', 'withdraw', String(c.number)], await as(other));
    expect(notMine.code).toBe(3);
    expect(notMine.stderr).toContain('cover.not_requester');
    const w = await hotline(['cover', 'withdraw', `#${c.number}`], await as(me));
    expect(w.code, w.stderr).toBe(0);
    expect(w.stdout).toBe(`Cover request #${c.number}: withdrawn; the managers asked are told.\n`);
    const again = await hotline(['cover', 'withdraw', String(c.number), '--json'], await as(me));
    expect(again.code).toBe(5);
    expect(JSON.parse((await hotline(['cover', 'list', '--state', 'withdrawn', '--json'], await as(me))).stdout).map((x: any) => x.number)).toEqual([c.number]);
    expect((await hotline(['cover', 'withdraw', '--help'])).stdout).toContain('Withdraw your own request');
  });
});
