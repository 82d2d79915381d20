// Moving in from Grafana OnCall: `hotline import grafana-oncall` from saved public API v1 responses
// and through a loopback stand-in (paged by `next` links, rate limited once), then `hotline apply`
// on a fresh server and who is on call over 8 weeks compared with Grafana OnCall's own final
// shifts, on both engines.
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

const FIX = fileURLToPath(new URL('./fixtures/grafana-oncall', import.meta.url));
const AS_OF = '2027-01-04T00:00:00Z';
const UNTIL = '2027-03-01T00:00:00Z';
const read = (p: string) => JSON.parse(readFileSync(join(FIX, `${p}.json`), 'utf8'));
const emailOf = new Map<string, string>(read('users').results.map((u: any) => [u.id, u.email.replace(/\s+/g, '').toLowerCase()]));
const SCHEDULES: Record<string, string> = { SSREPRIMARY1: 'sre-primary', SDBDAYSHIFT2: 'database-day-shift', SDBBUSINESS3: 'database-business-hours' };
const rendered = (id: string): Rendered => ({
  scheduleId: SCHEDULES[id],
  entries: read(`schedules/${id}/final_shifts`).results.map((f: any) => ({ start: f.shift_start, end: f.shift_end, user: emailOf.get(f.user_pk)! })),
});
const LISTS = /^\/(users|teams|schedules|on_call_shifts|escalation_chains|escalation_policies|integrations|routes|personal_notification_rules|schedules\/[A-Z0-9]+\/final_shifts)$/;

describe.each(testEngines())('hotline import grafana-oncall on %s', { timeout: 120_000 }, (engine) => {
  let s: TestServer;
  let env: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'hotline-import-go-'));
  const out = join(dir, 'workspace.yaml');
  let report: any;
  beforeAll(async () => {
    s = await startTestServer({ engine, clock: new FakeClock(AS_OF), runJobs: false });
    env = { HOTLINE_URL: s.url, HOTLINE_TOKEN: s.admin.token };
    const r = await hotline(['import', 'grafana-oncall', '--from', FIX, '--as-of', AS_OF, '-o', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    report = JSON.parse(r.stdout);
  }, 60_000);
  afterAll(async () => s?.close());

  it('SCH-1, PG-3: shift levels become layers, rolling groups rotate in step, chains become levels; the report names approximations and what did not map', () => {
    expect(report.counts).toMatchObject({ users_created: 7, teams: 2, rotations: 8, schedules: 4, overrides: 1, escalation_policies: 2, services: 2 });
    const doc = YAML.parse(readFileSync(out, 'utf8'));
    expect(doc.schedules[0]).toEqual({ id: 'sre-primary', name: 'SRE Primary', time_zone: 'Europe/Berlin', layers: [
      { id: 'level-0', name: 'Level 0', rotations: ['sre-primary-sre-weekly'] }, { id: 'level-1', name: 'Level 1', rotations: ['sre-primary-sre-weekend-days'] }, { id: 'level-2', name: 'Level 2', rotations: ['sre-primary-release-day'] },
    ] });
    const rot = Object.fromEntries(doc.rotations.map((r: any) => [r.id, r]));
    // everyone of a recurrent event at once, on its days only
    expect(rot['sre-primary-sre-weekend-days']).toMatchObject({ mode: 'all', members: ['bea.kraus@example.com', 'gil.admin@example.com'], restrictions: [{ days: ['sat'], from: '10:00', to: '18:00' }, { days: ['sun'], from: '10:00', to: '18:00' }] });
    // live from rotation_start, turns counted from start, first group from start_rotation_from_user_index
    expect(rot['database-day-shift-db-days']).toMatchObject({ start: '2027-01-11T08:00', restrictions: ['08:00-20:00'], members: ['dana.ross@example.com', 'emil.voss@example.com', 'fay.lopez@example.com'] });
    // groups [[dana, emil], [fay]]: one rotation per place, turning in step
    expect([rot['database-day-shift-db-nights-1'].members, rot['database-day-shift-db-nights-2'].members]).toEqual([['dana.ross@example.com', 'fay.lopez@example.com'], ['emil.voss@example.com', 'fay.lopez@example.com']]);
    expect(doc.schedule_overrides).toEqual([{ id: 'sre-primary-osreoverr004-1', schedule: 'sre-primary', start: '2027-01-20T14:00:00Z', end: '2027-01-21T02:00:00Z', user: 'alex.stone@example.com', replaces: 'chen.wei@example.com' }]);
    expect(doc.escalation_policies).toEqual([
      { id: 'sre-escalation', name: 'SRE escalation', repeat: 5, levels: [{ delay_minutes: 10, targets: [{ schedule: 'sre-primary' }] }, { delay_minutes: 15, targets: [{ user: 'gil.admin@example.com' }] }] },
      { id: 'database-escalation', name: 'Database escalation', levels: [
        { delay_minutes: 30, targets: [{ schedule: 'database-day-shift' }] },
        { delay_minutes: 15, targets: [{ user: 'dana.ross@example.com' }, { user: 'emil.voss@example.com' }, { user: 'fay.lopez@example.com' }], round_robin: true },
        { delay_minutes: 60, targets: [{ team: '@database' }] },
      ] },
    ]);
    expect(doc.services).toEqual([
      { id: 'alertmanager-sre', name: 'Alertmanager SRE', escalation_policy: 'sre-escalation', integration_key: '9f8e7d6c5b4a39281706f5e4d3c2b1a0' },
      { id: 'database-webhook', name: 'Database webhook', escalation_policy: 'database-escalation' },
    ]);
    expect(report.approximated).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'shift', source: 'Database Business Hours / Business hours', how: expect.stringMatching(/still counts them/) }),
      expect.objectContaining({ kind: 'escalation_chain', source: 'Database escalation', how: expect.stringMatching(/waits 5 min/) }),
      expect.objectContaining({ kind: 'integration', source: 'Database webhook', how: expect.stringMatching(/23 characters.*new one/) }),
      expect.objectContaining({ kind: 'schedule', source: 'Legacy iCal', how: expect.stringMatching(/follows the same iCalendar feed/) }),
    ]));
    // an iCal-fed schedule follows the same feed, read-only
    expect(rot['legacy-ical-feed']).toEqual({ id: 'legacy-ical-feed', name: 'Legacy iCal — iCalendar', time_zone: 'UTC', start: '2027-01-04T00:00', ical_url: 'https://calendar.example.com/oncall.ics' });
    expect(report.notMapped).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'shift', source: 'Database Business Hours / Month start check', why: expect.stringMatching(/monthly/) }),
      expect.objectContaining({ kind: 'escalation_step', source: 'SRE escalation step 4: notify_user_group' }),
      expect.objectContaining({ kind: 'escalation_step', source: 'Database escalation step 5: trigger_webhook' }),
      expect.objectContaining({ kind: 'route', source: 'Alertmanager SRE: service="postgres"' }),
      expect.objectContaining({ kind: 'integration', source: 'Database mailbox (inbound_email)' }),
      expect.objectContaining({ kind: 'notification_rules', source: 'alex.stone@example.com', why: expect.stringMatching(/^sms, wait 5 min, phone_call, important: phone_call: .*per role/) }),
    ]));
  });

  it('SCH-1, SCH-6: the import proof: zero differences for supported shifts, named ones for weekday frames and the monthly event', () => {
    const by = Object.fromEntries(report.proof.map((p: any) => [p.schedule, p]));
    expect(by['sre-primary'].differences).toEqual([]);
    expect(by['database-day-shift'].differences).toEqual([]);
    expect(by['sre-primary'].instants).toBeGreaterThan(20);
    expect(by['database-business-hours'].differences[0]).toEqual({ at: '2027-01-11T09:00:00.000Z', vendor: ['emil.voss@example.com'], hotline: ['fay.lopez@example.com'] });
    expect(by['database-business-hours'].differences).toContainEqual({ at: '2027-02-01T00:00:00.000Z', vendor: ['gil.admin@example.com'], hotline: [] });
  });

  it('SCH-1, SCH-6, PG-8: applied on a fresh server, who is on call for 8 weeks equals Grafana OnCall\'s final shifts; the kept key takes events; re-running changes nothing', async () => {
    const first = await hotline(['apply', '-f', out, '--json'], env);
    expect(first.stderr).toBe('');
    const applied = JSON.parse(first.stdout);
    expect(applied.users.created).toBe(7);
    expect(applied.services.created).toBe(2);
    for (const id of ['SSREPRIMARY1', 'SDBDAYSHIFT2']) expect({ id, d: await compareWithServer(s, rendered(id), AS_OF, UNTIL) }).toEqual({ id, d: [] });
    expect(await compareWithServer(s, rendered('SDBBUSINESS3'), AS_OF, UNTIL)).toEqual(report.proof.find((p: any) => p.schedule === 'database-business-hours').differences);
    const event = await http(s.url)('POST', '/v2/enqueue', { routing_key: '9f8e7d6c5b4a39281706f5e4d3c2b1a0', event_action: 'trigger', dedup_key: 'pg-1', payload: { summary: 'Replica lag on db-2', source: 'db-2', severity: 'critical' } });
    expect(event.status).toBe(202);

    const again = await hotline(['import', 'grafana-oncall', '--from', FIX, '--as-of', AS_OF, '-o', join(dir, 'again.yaml'), '--json']);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'again.yaml'), 'utf8')).toBe(readFileSync(out, 'utf8'));
    const dry = await hotline(['apply', '--dry-run', '-f', join(dir, 'again.yaml'), '--json'], env);
    for (const [section, c] of Object.entries(JSON.parse(dry.stdout)) as [string, any][]) expect({ section, changed: c.created + c.updated }).toEqual({ section, changed: 0 });
  });

  it('PG-8: through the API (Authorization token, pages by `next` links, one 429 + Retry-After waited out) the file is the same as from saved responses', async () => {
    const api = await startVendorStandIn(FIX, { paging: 'next-url', token: 'go-token-1', key: (p) => (LISTS.test(p) ? 'results' : null) });
    try {
      const r = await hotline(['import', 'grafana-oncall', '--api-url', `${api.url}/api/v1`, '--token', 'go-token-1', '--as-of', AS_OF, '-o', join(dir, 'api.yaml')]);
      expect(r.code).toBe(0);
      expect(readFileSync(join(dir, 'api.yaml'), 'utf8')).toBe(readFileSync(out, 'utf8'));
      expect(r.stderr).toMatch(/Grafana OnCall: rate limited, waiting 1 s/);
      expect(r.stderr).toMatch(/Grafana OnCall: users 7/);
      expect(api.requests[0].status).toBe(429);
      expect(api.requests.filter((q) => q.path.startsWith('/api/v1/users') && q.status === 200).length).toBe(4);
      expect(api.requests.some((q) => q.path === '/api/v1/schedules/SSREPRIMARY1/final_shifts?start_date=2027-01-04&end_date=2027-03-01')).toBe(true);
      expect(api.requests.every((q) => q.status === 429 || q.auth === 'go-token-1')).toBe(true);
      const bad = await hotline(['import', 'grafana-oncall', '--api-url', `${api.url}/api/v1`, '--token', 'wrong', '-o', join(dir, 'bad.yaml')]);
      expect(bad.code).toBe(3);
      expect(bad.stderr).toMatch(/Grafana OnCall refused the token/);
    } finally {
      await api.close();
    }
  });
});

describe('hotline import grafana-oncall: partial moves and people who already exist', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-import-go-f-'));
  it('SCH-1: --team, --name-regex and --user keep what they ask for and only the people it needs', async () => {
    const r = await hotline(['import', 'grafana-oncall', '--from', FIX, '--as-of', AS_OF, '--team', 'SRE', '-o', join(dir, 't.yaml'), '--json']);
    expect(r.code).toBe(0);
    const doc = YAML.parse(readFileSync(join(dir, 't.yaml'), 'utf8'));
    expect(doc.schedules.map((x: any) => x.id)).toEqual(['sre-primary', 'legacy-ical']);
    expect(doc.services.map((x: any) => x.id)).toEqual(['alertmanager-sre']);
    expect(doc.teams.map((x: any) => x.handle)).toEqual(['@sre']);
    expect(doc.users.map((u: any) => u.email).sort()).toEqual(['alex.stone@example.com', 'bea.kraus@example.com', 'chen.wei@example.com', 'gil.admin@example.com']);
    const n = await hotline(['import', 'grafana-oncall', '--from', FIX, '--as-of', AS_OF, '--name-regex', '^database day', '-o', join(dir, 'n.yaml')]);
    expect(YAML.parse(readFileSync(join(dir, 'n.yaml'), 'utf8')).schedules.map((x: any) => x.id)).toEqual(['database-day-shift']);
    const u = await hotline(['import', 'grafana-oncall', '--from', FIX, '--as-of', AS_OF, '--user', ' Chen.Wei@example.com', '-o', join(dir, 'u.yaml')]);
    expect(YAML.parse(readFileSync(join(dir, 'u.yaml'), 'utf8')).schedules.map((x: any) => x.id)).toEqual(['sre-primary']);
    expect(n.code + u.code).toBe(0);
  });

  it('SCH-1: --into matches people by e-mail (case and spaces ignored) and keeps what the workspace already had', async () => {
    const into = join(dir, 'existing.yaml');
    writeFileSync(into, YAML.stringify({ hotline: 1, users: [{ email: 'alex.stone@example.com', name: 'Alex S.', role: 'manager' }] }));
    const r = await hotline(['import', 'grafana-oncall', '--from', FIX, '--as-of', AS_OF, '--into', into, '-o', join(dir, 'm.yaml'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).counts).toMatchObject({ users_matched: 1, users_created: 6 });
    const doc = YAML.parse(readFileSync(join(dir, 'm.yaml'), 'utf8'));
    expect(doc.users.filter((x: any) => x.email.startsWith('alex'))).toEqual([{ email: 'alex.stone@example.com', name: 'Alex S.', role: 'manager' }]);
  });
});
