// Moving in from PagerDuty, as an operator does it: `hotline import pagerduty` from saved responses
// and from the API (a loopback stand-in, paged, rate limited once), then `hotline apply` on a fresh
// server, then who is on call over 8 weeks compared with PagerDuty's own final schedule, on both engines.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/clock.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { hotline } from '../support/cli.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { compareWithServer, startVendorStandIn, type Rendered } from './helpers.ts';

const FIX = fileURLToPath(new URL('./fixtures/pagerduty', import.meta.url));
const AS_OF = '2027-01-04T00:00:00Z';
const UNTIL = '2027-03-01T00:00:00Z';
const read = (p: string) => JSON.parse(readFileSync(join(FIX, `${p}.json`), 'utf8'));
const emailOf = new Map<string, string>(read('users').users.map((u: any) => [u.id, u.email.replace(/\s+/g, '').toLowerCase()]));
const SCHEDULES: Record<string, string> = { PS1PLAT: 'platform-primary', PS2PAYS: 'payments-day-shift', PS3BUSY: 'payments-business-hours' };
const rendered = (id: string): Rendered => ({
  scheduleId: SCHEDULES[id],
  entries: read(`schedules/${id}`).schedule.final_schedule.rendered_schedule_entries.map((e: any) => ({ start: e.start, end: e.end, user: emailOf.get(e.user.id)! })),
});

describe.each(testEngines())('hotline import pagerduty on %s', { timeout: 120_000 }, (engine) => {
  let s: TestServer;
  let env: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'hotline-import-pd-'));
  const out = join(dir, 'workspace.yaml');
  let report: any;
  beforeAll(async () => {
    s = await startTestServer({ engine, clock: new FakeClock(AS_OF), runJobs: false });
    env = { HOTLINE_URL: s.url, HOTLINE_TOKEN: s.admin.token };
    const r = await hotline(['import', 'pagerduty', '--from', FIX, '--as-of', AS_OF, '-o', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    report = JSON.parse(r.stdout);
  }, 60_000);
  afterAll(async () => s?.close());

  it('SCH-1, PG-3, PG-8: the report says what mapped, what was approximated and how, and what could not be mapped', () => {
    expect(report.counts).toMatchObject({ users_created: 7, teams: 2, rotations: 5, schedules: 3, overrides: 1, escalation_policies: 2, services: 2 });
    expect(report.approximated).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'escalation_policy', source: 'Payments', how: expect.stringMatching(/12 times.*at most 9/) }),
      expect.objectContaining({ kind: 'schedule_layer', source: 'Payments Business Hours / Layer 1', how: expect.stringMatching(/skips them/) }),
    ]));
    expect(report.notMapped).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'schedule_layer', source: 'Payments Day Shift / Layer 1', why: expect.stringMatching(/ended/) }),
      expect.objectContaining({ kind: 'integration', source: 'Platform API: Email' }),
      expect.objectContaining({ kind: 'notification_rules', source: 'ana.reyes@example.com', why: expect.stringMatching(/email at 0 min.*voice at 3 min.*per role/) }),
      expect.objectContaining({ kind: 'contact_method', source: expect.stringMatching(/push_notification/) }),
    ]));
    const doc = YAML.parse(readFileSync(out, 'utf8'));
    expect(doc.services).toEqual([
      { id: 'platform-api', name: 'Platform API', description: 'Public API', escalation_policy: 'platform', integration_key: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' },
      { id: 'payments-gateway', name: 'Payments Gateway', escalation_policy: 'payments', integration_key: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' },
    ]);
    expect(doc.escalation_policies[0]).toEqual({ id: 'platform', name: 'Platform', repeat: 2, levels: [{ delay_minutes: 15, targets: [{ schedule: 'platform-primary' }] }, { delay_minutes: 10, targets: [{ user: 'gus.owner@example.com' }] }] });
    // the past override is left behind; the future one replaces whoever PagerDuty's layers put on
    expect(doc.schedule_overrides).toEqual([{ id: 'platform-primary-po2futr-1', schedule: 'platform-primary', start: '2027-01-20T14:00:00Z', end: '2027-01-21T02:00:00Z', user: 'eve.lind@example.com', replaces: 'ana.reyes@example.com' }]);
  });

  it('SCH-1, SCH-6: the import proof: zero differences for supported layers, named ones for turns PagerDuty counts through restricted days', () => {
    const by = Object.fromEntries(report.proof.map((p: any) => [p.schedule, p]));
    expect(by['platform-primary'].differences).toEqual([]);
    expect(by['payments-day-shift'].differences).toEqual([]);
    expect(by['platform-primary'].instants).toBeGreaterThan(20);
    expect(by['payments-business-hours'].differences.length).toBeGreaterThan(0);
    expect(by['payments-business-hours'].differences[0]).toEqual({ at: '2027-01-11T09:00:00.000Z', vendor: ['eve.lind@example.com'], hotline: ['finn.walsh@example.com'] });
  });

  it('SCH-1, SCH-6, PG-8: applied on a fresh server, who is on call for 8 weeks equals PagerDuty\'s final schedule; Events API senders keep their key; re-running changes nothing', async () => {
    const first = await hotline(['apply', '-f', out, '--json'], env);
    expect(first.stderr).toBe('');
    const applied = JSON.parse(first.stdout);
    expect(applied.users.created).toBe(7);
    expect(applied.services.created).toBe(2);
    for (const id of ['PS1PLAT', 'PS2PAYS']) expect({ id, d: await compareWithServer(s, rendered(id), AS_OF, UNTIL) }).toEqual({ id, d: [] });
    const busy = await compareWithServer(s, rendered('PS3BUSY'), AS_OF, UNTIL);
    expect(busy).toEqual(report.proof.find((p: any) => p.schedule === 'payments-business-hours').differences);

    const event = await http(s.url)('POST', '/v2/enqueue', { routing_key: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', event_action: 'trigger', dedup_key: 'disk-1', payload: { summary: 'Disk full on api-1', source: 'api-1', severity: 'critical' } });
    expect(event.status).toBe(202);

    const again = await hotline(['import', 'pagerduty', '--from', FIX, '--as-of', AS_OF, '-o', join(dir, 'again.yaml'), '--json']);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'again.yaml'), 'utf8')).toBe(readFileSync(out, 'utf8'));
    const dry = await hotline(['apply', '--dry-run', '-f', join(dir, 'again.yaml'), '--json'], env);
    for (const [section, c] of Object.entries(JSON.parse(dry.stdout)) as [string, any][]) expect({ section, changed: c.created + c.updated }).toEqual({ section, changed: 0 });
  });

  it('PG-8: through the API (paged, one 429 + Retry-After waited out) the file is the same as from saved responses', async () => {
    const api = await startVendorStandIn(FIX, { paging: 'offset-more', token: 'pd-token-1', key: (p) => (/^\/(users|teams|schedules|escalation_policies|services)$/.test(p) ? p.slice(1) : /\/members$/.test(p) ? 'members' : null) });
    try {
      const r = await hotline(['import', 'pagerduty', '--api-url', api.url, '--token', 'pd-token-1', '--as-of', AS_OF, '-o', join(dir, 'api.yaml')]);
      expect(r.code).toBe(0);
      expect(readFileSync(join(dir, 'api.yaml'), 'utf8')).toBe(readFileSync(out, 'utf8'));
      expect(r.stderr).toMatch(/rate limited, waiting 1 s/);
      expect(r.stderr).toMatch(/PagerDuty: users 7\/7/);
      expect(api.requests[0].status).toBe(429);
      expect(api.requests.filter((q) => q.path.startsWith('/users')).length).toBeGreaterThan(3);
      expect(api.requests.every((q) => q.status === 429 || q.auth === 'Token token=pd-token-1')).toBe(true);
      const bad = await hotline(['import', 'pagerduty', '--api-url', api.url, '--token', 'wrong', '-o', join(dir, 'bad.yaml')]);
      expect(bad.code).toBe(3);
      expect(bad.stderr).toMatch(/refused the token.*--token/);
    } finally {
      await api.close();
    }
  });
});

describe('hotline import pagerduty: partial moves and people who already exist', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-import-pd-f-'));
  it('SCH-1: --team keeps one team\'s schedules, policies and services and only the people they need', async () => {
    const r = await hotline(['import', 'pagerduty', '--from', FIX, '--as-of', AS_OF, '--team', 'platform', '-o', join(dir, 't.yaml'), '--json']);
    expect(r.code).toBe(0);
    const doc = YAML.parse(readFileSync(join(dir, 't.yaml'), 'utf8'));
    expect(doc.schedules.map((x: any) => x.id)).toEqual(['platform-primary']);
    expect(doc.services.map((x: any) => x.id)).toEqual(['platform-api']);
    expect(doc.teams.map((x: any) => x.handle)).toEqual(['@platform']);
    expect(doc.users.map((u: any) => u.email).sort()).toEqual(['ana.reyes@example.com', 'ben.okoro@example.com', 'chloe.martin@example.com', 'eve.lind@example.com', 'gus.owner@example.com']);
    const n = await hotline(['import', 'pagerduty', '--from', FIX, '--as-of', AS_OF, '--name-regex', '^payments day', '-o', join(dir, 'n.yaml')]);
    expect(YAML.parse(readFileSync(join(dir, 'n.yaml'), 'utf8')).schedules.map((x: any) => x.id)).toEqual(['payments-day-shift']);
    const u = await hotline(['import', 'pagerduty', '--from', FIX, '--as-of', AS_OF, '--user', ' Chloe.Martin@example.com', '-o', join(dir, 'u.yaml')]);
    expect(YAML.parse(readFileSync(join(dir, 'u.yaml'), 'utf8')).schedules.map((x: any) => x.id)).toEqual(['platform-primary']);
    expect(n.code + u.code).toBe(0);
  });

  it('SCH-1: --into matches people by e-mail (case and spaces ignored) and keeps what the workspace already had', async () => {
    const into = join(dir, 'existing.yaml');
    writeFileSync(into, YAML.stringify({ hotline: 1, users: [{ email: 'finn.walsh@example.com', name: 'Finn W.', role: 'manager' }], rotations: [{ id: 'ops', time_zone: 'UTC', start: '2026-01-05T00:00', members: ['finn.walsh@example.com'] }], schedules: [{ id: 'ops', layers: [{ rotation: 'ops' }] }] }));
    const r = await hotline(['import', 'pagerduty', '--from', FIX, '--as-of', AS_OF, '--into', into, '-o', join(dir, 'm.yaml'), '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.counts).toMatchObject({ users_matched: 1, users_created: 6 });
    const doc = YAML.parse(readFileSync(join(dir, 'm.yaml'), 'utf8'));
    expect(doc.users.filter((u: any) => u.email.startsWith('finn'))).toEqual([{ email: 'finn.walsh@example.com', name: 'Finn W.', role: 'manager' }]);
    expect(doc.schedules.map((x: any) => x.id)).toEqual(['ops', 'platform-primary', 'payments-day-shift', 'payments-business-hours']);
    const bad = await hotline(['import', 'pagerduty', '--from', join(dir, 'nope')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no such directory/);
    const noToken = await hotline(['import', 'pagerduty'], { HOTLINE_IMPORT_TOKEN: '' });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/--token .*--from DIR/);
  });
});
