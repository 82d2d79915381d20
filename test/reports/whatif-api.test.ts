// RP-2 what-if staffing through the real HTTP API on both engines, against the demo workspace's
// schedules: planted collisions a proposal removes, a proposal that adds a single-engineer hour,
// a hand-off that frees the engineer, the CSV export, and refusals that name the problem.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/clock.ts';
import { Temporal } from '../../src/kernel/time.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hotline } from '../support/cli.ts';
import { DEMO_PASSWORD, http, startTestServer, type TestServer } from '../support/server.ts';

const NY = 'America/New_York';
const ny = (wall: string) => Temporal.PlainDateTime.from(wall).toZonedDateTime(NY).toInstant().toString();
const ex = (n: string) => `${n}@example.com`;
// Tuesday 10 November 2026: AMER 1 (12:00–18:00 New York) is alone from 12:00 to 13:00, and AMER 3 alone from 19:00 to 20:00.
const DAY = { since: ny('2026-11-10T00:00'), until: ny('2026-11-11T00:00') };
const amer2 = (hours: string) => `rotations:\n  - { id: amer-2, name: AMER 2, time_zone: ${NY}, start: '2026-01-05T00:00', handoff: { every: 1, unit: weeks }, restrictions: [ '${hours}' ], members: [ carmen.diaz@example.com, dmitri.volkov@example.com ] }\n`;

describe.each(testEngines())('RP-2 what-if API on %s', (engine) => {
  let s: TestServer;
  let admin: ReturnType<typeof http>;
  const clock = new FakeClock('2026-11-24T15:00:00Z');
  const as = async (who: string) => {
    const r = await http(s.url)('POST', '/api/v1/auth/login', { email: ex(who), password: DEMO_PASSWORD });
    return http(s.url, { cookie: r.headers.get('set-cookie')!.split(';')[0], csrf: r.body.csrfToken });
  };
  let n = 9000;
  const emergency = async (from: string, to: string | null, o: { state?: 'open' | 'resolved' | 'not_paged'; handoffAt?: string } = {}) => {
    const id = `whatif-e${++n}`;
    const db = s.hotline.ctx.db.kysely;
    await db.insertInto('emergencies').values({
      id, ticket_id: `whatif-t${n}`, ticket_number: n, organization_id: null, state: o.state ?? 'resolved', dri_user_id: null, page_id: null,
      rotation: 'customer-emergencies', channel: '#support_self-managed', route: '{}', entitlement: '{}', qualification: null, exception_criterion: null,
      category: null, guards: '[]', first_public_reply_at: null, customer_replied_at: null, acknowledged_at: null, call_ended_at: null, bridge_url: null,
      created_at: ny(from), updated_at: ny(from), resolved_at: to ? ny(to) : null, version: 1,
    }).execute();
    if (o.handoffAt) await db.insertInto('timeline').values({ id: `whatif-h${n}`, subject_type: 'emergency', subject_id: id, at: ny(o.handoffAt), actor_kind: 'user', actor_id: null, action: 'emergency.handoff', via: 'web', detail: '{}' }).execute();
  };

  beforeAll(async () => {
    s = await startTestServer({ demo: true, engine, clock, runJobs: false });
    admin = http(s.url, { token: s.admin.token });
    // Two planted collisions in the hour AMER 1 is alone (12:00–13:00 New York, EMEA gone, AMER 2 not
    // yet on): each arrives while that one engineer is busy with the one before.
    await emergency('2026-11-10T12:05', '2026-11-10T12:25');
    await emergency('2026-11-10T12:10', '2026-11-10T12:20'); // collision
    // Taken at 12:30 and handed over at 12:40: from then on the engineer is free again, so 12:45
    // is no collision although this one was resolved only at 16:00.
    await emergency('2026-11-10T12:30', '2026-11-10T16:00', { handoffAt: '2026-11-10T12:40' });
    await emergency('2026-11-10T12:45', '2026-11-10T12:55');
    await emergency('2026-11-10T12:47', '2026-11-10T12:58'); // collision
    // At 19:20 AMER 3 is busy but APAC is on in the follow-the-sun group: concurrent, not waiting.
    await emergency('2026-11-10T19:10', '2026-11-10T19:40');
    await emergency('2026-11-10T19:20', '2026-11-10T19:30');
    // Paged nobody (not entitled): never kept anybody busy, so not replayed.
    await emergency('2026-11-10T12:15', '2026-11-10T12:16', { state: 'not_paged' });
    // Outside the period.
    await emergency('2026-11-11T12:10', '2026-11-11T12:30');
  }, 60_000);
  afterAll(async () => s?.close());

  it('RP-2: AMER 2 from 12:00 provably removes the planted collisions: each second emergency goes to AMER 2 instead of the manager', async () => {
    const r = await admin('POST', '/api/v1/whatif', { ...DAY, proposal: amer2('12:00-19:00'), zone: NY });
    expect(r.status, r.text).toBe(200);
    expect(r.body.groups).toEqual(['amer', 'customer-emergencies']);
    expect(r.body.totals.actual).toMatchObject({ arrivals: 7, concurrent: 3, waitedForManager: 2, uncovered: 0 });
    expect(r.body.totals.proposed).toMatchObject({ arrivals: 7, concurrent: 3, waitedForManager: 0, uncovered: 0 });
    expect(r.body.totals.difference).toMatchObject({ waitedForManager: -2 });
    expect(r.body.changed.map((c: any) => [c.ref, c.actual.outcome, c.proposed.outcome, c.proposed.user])).toEqual([
      ['9002', 'manager', 'concurrent_engineer', ex('carmen.diaz')],
      ['9005', 'manager', 'concurrent_engineer', ex('carmen.diaz')],
    ]);
    expect(r.body.weeks).toHaveLength(1);
    expect(r.body.weeks[0]).toMatchObject({ week: '2026-11-09', difference: { waitedForManager: -2 } });
    const manager = r.body.people.find((p: any) => p.actual.emergencies === 2 && p.proposed.emergencies === 0);
    expect(manager, JSON.stringify(r.body.people)).toBeTruthy();
  });

  it('RP-2: AMER 2 from 14:00 adds a single-engineer hour (13:00–14:00) in each group that holds AMER 2', async () => {
    const r = await admin('POST', '/api/v1/whatif', { ...DAY, proposal: amer2('14:00-19:00') });
    expect(r.status, r.text).toBe(200);
    expect(r.body.totals.difference.singleEngineerHours).toBe(2);
    expect(r.body.totals.proposed.singleEngineerHours - r.body.totals.actual.singleEngineerHours).toBe(2);
  });

  it('RP-2: the proposal as JSON, the weeks as CSV, and the current definitions to start from', async () => {
    const cur = await admin('GET', '/api/v1/whatif/current');
    expect(cur.status).toBe(200);
    const rot = cur.body.rotations.find((x: any) => x.id === 'amer-2');
    expect(rot.restrictions).toEqual(['13:00-19:00']);
    const csv = await admin('POST', '/api/v1/whatif?format=csv', { ...DAY, proposal: { rotations: [{ ...rot, restrictions: ['12:00-19:00'] }] } });
    expect(csv.status, csv.text).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toContain('waitedForManager_actual,waitedForManager_proposed,waitedForManager_difference');
    expect(lines.at(-1)).toMatch(/^total,7,7,0,3,3,0,2,0,-2,/);
  });

  it.each([
    ['RP-2: a proposal that is not YAML → 400 naming the line', { proposal: 'rotations:\n  - { id: amer-2, members: [ a\n' }, 'whatif.bad_yaml', /line \d+/],
    ['RP-2: a proposal naming nobody of the workspace → 400 naming the path and the person', { proposal: amer2('12:00-19:00').replace('dmitri.volkov', 'nobody') }, 'schedules.unknown_user', /rotations\[0\]\.members\[1\].*nobody@example\.com/],
    ['RP-2: a proposal naming a rotation that does not exist → 400', { proposal: 'schedules:\n  - { id: amer-2, layers: [ { rotation: amer-9 } ] }\n' }, 'schedules.unknown_rotation', /amer-9/],
    ['RP-2: a proposal that changes nothing → 400', { proposal: 'users: []\n' }, 'whatif.empty_proposal', /rotations/],
    ['RP-2: until before since → 400', { proposal: amer2('12:00-19:00'), since: DAY.until, until: DAY.since }, 'whatif.bad_period', /after/],
    ['RP-2: a period not yet begun → 400', { proposal: amer2('12:00-19:00'), since: '2027-01-01', until: '2027-02-01' }, 'whatif.bad_period', /past/],
    ['RP-2: a date that is not one → 400', { proposal: amer2('12:00-19:00'), since: 'last week' }, 'whatif.bad_period', /last week/],
    ['RP-2: an unknown zone → 400', { proposal: amer2('12:00-19:00'), zone: 'Mars/Olympus' }, 'whatif.bad_zone', /Mars/],
  ])('%s', async (_name, body, code, message) => {
    const r = await admin('POST', '/api/v1/whatif', { ...DAY, ...body });
    expect(r.status, r.text).toBe(400);
    expect(r.body.error.code).toBe(code);
    expect(r.body.error.message).toMatch(message);
  });

  it('RP-2: engineers may not run a what-if (403); managers may', async () => {
    const eng = await (await as('alice.nguyen'))('POST', '/api/v1/whatif', { ...DAY, proposal: amer2('12:00-19:00') });
    expect(eng.status).toBe(403);
    const mgr = await (await as('tara.brooks'))('POST', '/api/v1/whatif', { ...DAY, proposal: amer2('12:00-19:00') });
    expect(mgr.status, mgr.text).toBe(200);
  });

  it('RP-2: hotline whatif prints the side by side; a proposal that is not YAML exits 2 naming the problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whatif-'));
    const good = join(dir, 'proposal.yaml');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(good, amer2('12:00-19:00'));
    writeFileSync(bad, 'rotations: [ { id: amer-2\n');
    const env = { HOTLINE_URL: s.url, HOTLINE_TOKEN: s.admin.token };
    const text = await hotline(['whatif', '--since', DAY.since, '--until', DAY.until, '-f', good, '--zone', NY], env);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/waited for the manager\s+2\s+0\s+-2/);
    const refused = await hotline(['whatif', '--since', DAY.since, '--until', DAY.until, '-f', bad], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not valid YAML.*whatif\.bad_yaml/);
  }, 120_000);
});
