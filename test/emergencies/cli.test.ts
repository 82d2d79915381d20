// `hotline emergency …` against a real node: the board and detail as JSON and as tables, and the
// engineer's actions from a terminal, with exit codes scripts can test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hotline } from '../support/cli.ts';
import { emergencyNode } from './helpers.ts';

describe('hotline emergency', { timeout: 60_000 }, () => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  let env: Record<string, string>;
  beforeAll(async () => {
    n = await emergencyNode('sqlite', '2026-11-24T17:30:00Z');
    env = { HOTLINE_URL: n.s.url, HOTLINE_TOKEN: n.s.admin.token };
  }, 30_000);
  afterAll(() => n?.close());

  it('WF-1/WF-2: list and show, as JSON and as tables; qualify, reply, note; unknown ticket exits 4', async () => {
    const t = await n.urgent('rita@acme.example');
    const list = await hotline(['emergency', 'list', '--json'], env);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).map((e: any) => e.ticketNumber)).toContain(t.number);
    expect((await hotline(['emergency', 'list'], env)).stdout).toMatch(/^#\s+AGE\s+OWNER/m);
    const q = await hotline(['emergency', 'qualify', String(t.number), 'exception'], env);
    expect(q.code).toBe(2);
    expect((await hotline(['emergency', 'qualify', String(t.number), 'exception', '--criterion', 'legal'], env)).code).toBe(0);
    expect((await hotline(['emergency', 'reply', String(t.number), 'Joining the bridge now.'], env)).code).toBe(0);
    expect((await hotline(['emergency', 'reply', String(t.number), 'Customer on 16.4, Gitaly down', '--note'], env)).code).toBe(0);
    const show = JSON.parse((await hotline(['emergency', 'show', String(t.number), '--json'], env)).stdout);
    expect(show.qualification).toBe('exception');
    expect(show.thread.some((p: any) => p.kind === 'note' && p.text.includes('Gitaly'))).toBe(true);
    expect(show.timers.map((x: any) => x.kind)).toContain('silence-followup');
    expect((await hotline(['emergency', 'show', String(t.number)], env)).stdout).toContain('Runbook:');
    expect((await hotline(['emergency', 'show', '99999'], env)).code).toBe(4);
  });

  it('SCH-12 / WF-11: load and category from the terminal, as text and JSON; bad input exits non-zero with the reason', async () => {
    const t = await n.urgent('gus@globex.example', 'SaaS from the CLI', 'saas');
    const load = await hotline(['emergency', 'load', '--engineer', 'alice.nguyen@example.com', '--json'], env);
    expect(load.code, load.stderr).toBe(0);
    expect(JSON.parse(load.stdout)).toMatchObject({ engineer: 'alice.nguyen@example.com', baseline: 22 });
    expect((await hotline(['emergency', 'load', '--engineer', 'alice.nguyen@example.com'], env)).stdout).toMatch(/^alice\.nguyen@example\.com: phase /);
    const cat = await hotline(['emergency', 'category', String(t.number), 'regression'], env);
    expect(cat.code, cat.stderr).toBe(0);
    expect(cat.stdout).toContain('is a regression emergency');
    const bad = await hotline(['emergency', 'category', String(t.number), 'gremlins'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('emergency.unknown_saas_category');
    expect((await hotline(['emergency', 'load', '--help'], env)).stdout).toContain('SCH-12');
  });

  it('WF-5: bridge — show, set, refuse a javascript: link (exit 2, nothing written), clear; --json for scripts; --help', async () => {
    const t = await n.urgent('rita@acme.example', 'Bridge from the CLI');
    const num = String(t.number);
    const shown = await hotline(['emergency', 'bridge', num], env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toBe(`Emergency ticket ${num}: bridge https://meet.example.com/hotline-${num}\n`);
    const set = await hotline(['emergency', 'bridge', num, 'https://zoom.example/j/77', '--json'], env);
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ ticketNumber: t.number, bridgeUrl: 'https://zoom.example/j/77' });
    const bad = await hotline(['emergency', 'bridge', num, 'javascript:alert(1)'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('emergency.bad_bridge_url');
    expect(JSON.parse((await hotline(['emergency', 'bridge', num, '--json'], env)).stdout)).toMatchObject({ bridgeUrl: 'https://zoom.example/j/77', live: true });
    expect((await hotline(['emergency', 'show', num], env)).stdout).toContain('Bridge: https://zoom.example/j/77');
    const cleared = await hotline(['emergency', 'bridge', num, '--clear'], env);
    expect([cleared.code, cleared.stdout]).toEqual([0, `Emergency ticket ${num}: bridge removed.\n`]);
    expect((await hotline(['emergency', 'bridge', num], env)).stdout).toBe(`Emergency ticket ${num}: no bridge\n`);
    expect((await hotline(['emergency', 'bridge', num, 'https://x.example', '--clear'], env)).code).toBe(2);
    expect((await hotline(['emergency', 'bridge', '99999', 'https://x.example'], env)).code).toBe(4);
    expect((await hotline(['emergency', 'bridge', '--help'], env)).stdout).toContain('WF-5');
  });
});
