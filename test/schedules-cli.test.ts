// `hotline oncall` and `hotline schedule show|gaps` as an operator runs them (real process, real server).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.ts';
import { hotline } from './support/cli.ts';

describe('hotline oncall / schedule', { timeout: 60_000 }, () => {
  let s: TestServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    s = await startTestServer({ demo: true });
    env = { HOTLINE_URL: s.url, HOTLINE_TOKEN: s.admin.token, TZ: 'Europe/Berlin' };
  });
  afterAll(async () => s?.close());

  it('SCH-9: oncall --group amer --at names the DRI; --json is machine-readable', async () => {
    const j = await hotline(['oncall', '--group', 'amer', '--at', '2026-12-15T23:30:00Z', '--json'], env);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout).groups[0]).toMatchObject({ owners: ['dmitri.volkov@example.com', 'frank.osei@example.com'], dri: { user: 'frank.osei@example.com' } });
    const t = await hotline(['oncall', '--group', 'amer', '--at', '2026-12-15T23:30:00Z'], env);
    expect(t.stdout).toMatch(/AMER\s+dmitri\.volkov@example\.com, frank\.osei@example\.com\s+frank\.osei@example\.com/);
    const bad = await hotline(['oncall', '--at', 'teatime'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/ISO-8601/);
  });

  it('SCH-9: schedule show draws a row per person with both zones; gaps lists single-engineer hours', async () => {
    const r = await hotline(['schedule', 'show', 'amer-2', '--since', '2026-12-14T05:00:00Z', '--until', '2026-12-28T05:00:00Z'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^schedule America\/New_York/m);
    expect(r.stdout).toMatch(/^you\s+Europe\/Berlin/m);
    expect(r.stdout).toMatch(/^carmen\.diaz@example\.com\s+[·█]+$/m);
    expect(r.stdout).toMatch(/^dmitri\.volkov@example\.com\s+[·█]+$/m);
    const g = await hotline(['schedule', 'gaps', 'amer', '--days', '7', '--since', '2026-12-14T05:00:00Z'], env);
    expect(g.stdout).toMatch(/Single-engineer hours: 14/);
    const missing = await hotline(['schedule', 'show', 'nope'], env);
    expect(missing.code).toBe(4);
  });
});
