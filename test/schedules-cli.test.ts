// `hotline oncall` and `hotline schedule show|gaps|override` as an operator runs them (real process, real server).
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

  it('SCH-6: schedule override makes an override from now on; one that starts in the past is refused with the message', async () => {
    const hour = 3_600_000;
    const t = (ms: number) => new Date(Math.ceil(ms / hour) * hour).toISOString();
    const ok = await hotline(['schedule', 'override', 'amer-2', '--start', t(Date.now() + 24 * hour), '--end', t(Date.now() + 25 * hour), '--user', 'alice.nguyen@example.com', '--note', 'cover'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Override \S+ on amer-2: alice\.nguyen@example\.com, /);
    const past = await hotline(['schedule', 'override', 'amer-2', '--start', t(Date.now() - 3 * hour), '--end', t(Date.now() + hour), '--user', 'alice.nguyen@example.com'], env);
    expect(past.code).not.toBe(0);
    expect(past.stderr).toMatch(/already past .*Start it now or later.*schedule\.override_starts_in_past/);
  });
});
