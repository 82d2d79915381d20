// Moving in from Opsgenie: `hotline import opsgenie` from saved API v2 responses and through a
// loopback stand-in (paged with paging.next, rate limited once), then `hotline apply` on a fresh
// server and who is on call over 8 weeks compared with Opsgenie's own timeline, on both engines.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/clock.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { hotline } from '../support/cli.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { compareWithServer, startVendorStandIn, type Rendered } from './helpers.ts';

const FIX = fileURLToPath(new URL('./fixtures/opsgenie', import.meta.url));
const AS_OF = '2027-01-04T00:00:00Z';
const UNTIL = '2027-03-01T00:00:00Z';
const read = (p: string) => JSON.parse(readFileSync(join(FIX, `${p}.json`), 'utf8'));
const SCHEDULES: Record<string, string> = { 'd875alp4-0000-4000-8000-00000000aaaa': 'sre-on-call', 'd875alp4-0000-4000-8000-00000000bbbb': 'support-weekdays' };
const rendered = (id: string): Rendered => ({
  scheduleId: SCHEDULES[id],
  entries: read(`schedules/${id}/timeline`).data.finalTimeline.rotations.flatMap((r: any) => r.periods.map((p: any) => ({ start: p.startDate, end: p.endDate, user: p.recipient.name }))),
});

describe.each(testEngines())('hotline import opsgenie on %s', { timeout: 120_000 }, (engine) => {
  let s: TestServer;
  let env: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'hotline-import-og-'));
  const out = join(dir, 'workspace.yaml');
  let report: any;
  beforeAll(async () => {
    s = await startTestServer({ engine, clock: new FakeClock(AS_OF), runJobs: false });
    env = { HOTLINE_URL: s.url, HOTLINE_TOKEN: s.admin.token };
    const r = await hotline(['import', 'opsgenie', '--from', FIX, '--as-of', AS_OF, '-o', out, '--json']);
    expect(r.stderr).toBe('');
    report = JSON.parse(r.stdout);
  }, 120_000);
  afterAll(async () => s?.close());

  it('SCH-1, PG-3: cumulative rotations share one layer; escalation rules become levels; the report names approximations and what did not map', () => {
    expect(report.counts).toMatchObject({ users_created: 7, teams: 2, rotations: 3, schedules: 2, overrides: 1, escalation_policies: 2, services: 1 });
    const doc = YAML.parse(readFileSync(out, 'utf8'));
    expect(doc.schedules[0]).toEqual({ id: 'sre-on-call', name: 'SRE On Call', time_zone: 'Europe/Berlin', layers: [{ id: 'rotations', name: 'Rotations', rotations: ['sre-on-call-weekly', 'sre-on-call-nights'] }] });
    // 0 min: the schedule; 10 min: the lead; 30 min: the team; the last level waits the repeat interval
    expect(doc.escalation_policies[0]).toEqual({ id: 'sre-escalation', name: 'SRE_escalation', repeat: 2, levels: [
      { delay_minutes: 10, targets: [{ schedule: 'sre-on-call' }] }, { delay_minutes: 20, targets: [{ user: 'hana.kim@example.com' }] }, { delay_minutes: 5, targets: [{ team: '@sre' }] },
    ] });
    expect(doc.schedule_overrides).toEqual([{ id: 'sre-on-call-ivan-covers-jan-15-1', schedule: 'sre-on-call', start: '2027-01-15T08:00:00Z', end: '2027-01-15T18:00:00Z', user: 'lea.meyer@example.com', replaces: 'ivan.petrov@example.com' }]);
    expect(report.approximated.map((a: any) => a.source)).toEqual(expect.arrayContaining(['Support Weekdays / Weekdays', 'Support_escalation', 'Prometheus SRE']));
    expect(report.notMapped).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'escalation_rule', why: expect.stringMatching(/"all" has no equivalent/) }),
      expect.objectContaining({ kind: 'integration', source: 'Support mailbox (Email)' }),
      expect.objectContaining({ kind: 'notification_rules', source: 'hana.kim@example.com', why: expect.stringMatching(/^New Alert: .*per role/) }),
    ]));
    const by = Object.fromEntries(report.proof.map((p: any) => [p.schedule, p]));
    expect(by['sre-on-call'].differences).toEqual([]);
    expect(by['support-weekdays'].differences[0]).toEqual({ at: '2027-01-11T17:00:00.000Z', vendor: ['nina.berg@example.com'], hotline: ['hana.kim@example.com'] });
  });

  it('SCH-1, SCH-6: applied on a fresh server, who is on call for 8 weeks equals Opsgenie\'s timeline; re-running import and apply changes nothing', async () => {
    const first = await hotline(['apply', '-f', out, '--json'], env);
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout).schedules.created).toBe(1);
    expect(await compareWithServer(s, rendered('d875alp4-0000-4000-8000-00000000aaaa'), AS_OF, UNTIL)).toEqual([]);
    expect(await compareWithServer(s, rendered('d875alp4-0000-4000-8000-00000000bbbb'), AS_OF, UNTIL)).toEqual(report.proof.find((p: any) => p.schedule === 'support-weekdays').differences);
    const again = await hotline(['import', 'opsgenie', '--from', FIX, '--as-of', AS_OF, '-o', join(dir, 'again.yaml'), '--json']);
    expect(readFileSync(join(dir, 'again.yaml'), 'utf8')).toBe(readFileSync(out, 'utf8'));
    const dry = await hotline(['apply', '--dry-run', '-f', join(dir, 'again.yaml'), '--json'], env);
    for (const [section, c] of Object.entries(JSON.parse(dry.stdout)) as [string, any][]) expect({ section, changed: c.created + c.updated }).toEqual({ section, changed: 0 });
    expect(again.code).toBe(0);
  });

  it('SCH-1: through the API (GenieKey, pages by paging.next, one 429 + Retry-After) the file is the same as from saved responses', async () => {
    const api = await startVendorStandIn(FIX, { paging: 'offset-next', token: 'og-key-1', key: (p) => (/^\/(users|teams|schedules|escalations|integrations)$/.test(p) ? 'data' : null) });
    try {
      const r = await hotline(['import', 'opsgenie', '--api-url', `${api.url}/v2`, '--token', 'og-key-1', '--as-of', AS_OF, '-o', join(dir, 'api.yaml')]);
      expect(r.code).toBe(0);
      expect(readFileSync(join(dir, 'api.yaml'), 'utf8')).toBe(readFileSync(out, 'utf8'));
      expect(r.stderr).toMatch(/Opsgenie: rate limited, waiting 1 s/);
      expect(api.requests.filter((q) => q.path.startsWith('/v2/users?')).length).toBeGreaterThan(3);
      expect(api.requests.every((q) => q.status === 429 || q.auth === 'GenieKey og-key-1')).toBe(true);
    } finally {
      await api.close();
    }
  });
});
