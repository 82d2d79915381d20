// Schedules through the real HTTP API on both engines: the AMER group across DST (SCH-1/2/3/9),
// overrides and swaps (SCH-6), eligibility (SCH-8), gaps (SCH-9), calendar feeds (SCH-11), and
// answers to bad input.
import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/clock.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { DEMO_PASSWORD, http, startTestServer, type TestServer } from '../support/server.ts';

const ex = (n: string) => `${n}@example.com`;

describe.each(testEngines())('schedules API on %s', (engine) => {
  let s: TestServer;
  let admin: ReturnType<typeof http>;
  const clock = new FakeClock('2026-11-24T03:00:00Z');
  const as = async (who: string) => {
    const r = await http(s.url)('POST', '/api/v1/auth/login', { email: ex(who), password: DEMO_PASSWORD });
    return http(s.url, { cookie: r.headers.get('set-cookie')!.split(';')[0], csrf: r.body.csrfToken });
  };
  beforeAll(async () => {
    s = await startTestServer({ demo: true, engine, clock, runJobs: false });
    admin = http(s.url, { token: s.admin.token });
  }, 60_000);
  afterAll(async () => s?.close());

  it.each([
    ['SCH-1/2: July 16:30 UTC (12:30 EDT): AMER 1 alone is on and DRI', '2026-07-14T16:30:00Z', ['bruno.costa'], 'bruno.costa', 'on_call'],
    ['SCH-1/2: July 23:30 UTC (19:30 EDT): AMER 3 alone', '2026-07-14T23:30:00Z', ['frank.osei'], 'frank.osei', 'on_call'],
    ['SCH-1: December 16:30 UTC (11:30 EST): before the AMER window', '2026-12-15T16:30:00Z', [], null, 'no_dri_window'],
    ['SCH-1/3: December 23:30 UTC (18:30 EST): AMER 2 and 3, AMER 3 is DRI', '2026-12-15T23:30:00Z', ['dmitri.volkov', 'frank.osei'], 'frank.osei', 'on_call'],
  ])('%s', async (_n, at, owners, dri, status) => {
    const r = await admin('GET', `/api/v1/oncall?group=amer&at=${at}`);
    expect(r.status).toBe(200);
    expect(r.body.groups).toHaveLength(1);
    expect(r.body.groups[0].owners).toEqual(owners.map(ex));
    expect(r.body.groups[0].dri).toMatchObject({ user: dri ? ex(dri) : null, status });
    expect(r.body.schedules.map((x: any) => x.scheduleId)).toEqual(['amer-1', 'amer-2', 'amer-3']);
  });

  it.each([
    ['GET', '/api/v1/oncall?at=yesterday', undefined, 400, 'schedule.bad_instant'],
    ['GET', '/api/v1/oncall?group=nope', undefined, 404, 'schedule.group_not_found'],
    ['GET', '/api/v1/oncall?colour=red', undefined, 400, undefined],
    ['GET', '/api/v1/schedules/amer-1/final?since=2026-07-20T00:00:00Z&until=2026-07-13T00:00:00Z', undefined, 400, 'schedule.bad_range'],
    ['GET', '/api/v1/schedules/amer-1/final?since=2026-01-01T00:00:00Z&until=2026-12-31T00:00:00Z', undefined, 400, 'schedule.range_too_long'],
    ['GET', '/api/v1/schedules/nope/final', undefined, 404, 'schedule.not_found'],
    ['GET', '/api/v1/schedules/amer/gaps?days=500', undefined, 400, 'schedule.bad_days'],
    ['GET', '/api/v1/schedules/amer/gaps?days=-1', undefined, 400, undefined],
    ['POST', '/api/v1/schedule-overrides', { schedule: 'amer-1', start: '2026-07-14T16:00:00Z', end: '2026-07-14T17:00:00Z' }, 400, 'schedule.bad_override'],
    ['POST', '/api/v1/schedule-overrides', { schedule: 'amer-1', start: 'noon', end: '2026-07-14T17:00:00Z', user: ex('alice.nguyen') }, 400, 'schedule.bad_instant'],
    ['POST', '/api/v1/schedule-overrides', { schedule: 'amer-1', start: '2026-07-14T16:00:00Z', end: '2026-07-14T17:00:00Z', user: ex('alice.nguyen'), colour: 'red' }, 400, undefined],
    ['POST', '/api/v1/schedule-overrides', { schedule: 'amer-1', start: '2026-12-01T17:00:00Z', end: '2026-12-01T18:00:00Z', replaces: ex('greta.muller') }, 400, 'schedule.unknown_member'],
    ['POST', '/api/v1/schedule-overrides', { schedule: 'amer-1', start: '2026-11-24T02:00:00Z', end: '2026-11-24T05:00:00Z', user: ex('alice.nguyen') }, 400, 'schedule.override_starts_in_past'],
    ['DELETE', '/api/v1/schedule-overrides/nope', undefined, 404, 'schedule.override_not_found'],
    ['POST', '/api/v1/schedule-swaps', { schedule: 'amer-1', start: '2026-07-14T16:00:00Z', end: '2026-07-14T17:00:00Z', with: ex('greta.muller'), requester: ex('alice.nguyen') }, 400, 'schedule.unknown_member'],
    ['POST', '/api/v1/schedule-swaps/nope/accept', {}, 404, 'schedule.swap_not_found'],
    ['POST', '/api/v1/oncall/approvals', { user: ex('nobody') }, 404, 'schedule.unknown_user'],
    ['POST', '/api/v1/rotations/amer-1/members', { user: ex('lena.fox') }, 400, 'schedule.training_missing'],
    ['POST', '/api/v1/calendar-feeds', { kind: 'schedule', ref: 'nope' }, 404, 'schedule.not_found'],
    ['GET', '/cal/not-a-real-secret-0000000000.ics', undefined, 404, 'schedule.feed_not_found'],
  ])('bad input: %s %s → %s', async (method, path, body, status, code) => {
    const r = await admin(method, path, body);
    expect(r.status).toBe(status);
    if (code) expect(r.body.error.code).toBe(code);
    else expect(r.body.error.code).toBeTruthy();
  });

  it('SCH-6: an engineer asks for a swap, the partner accepts over HTTP, who-is-on-call follows; an override and its removal', async () => {
    const bruno = await as('bruno.costa');
    const alice = await as('alice.nguyen');
    const req = await bruno('POST', '/api/v1/schedule-swaps', { schedule: 'amer-1', start: '2026-07-13T04:00:00Z', end: '2026-07-20T04:00:00Z', with: ex('alice.nguyen') });
    expect(req.status).toBe(201);
    expect((await bruno('POST', `/api/v1/schedule-swaps/${req.body.id}/accept`, {})).status).toBe(403);
    expect((await alice('POST', `/api/v1/schedule-swaps/${req.body.id}/accept`, {})).body.status).toBe('accepted');
    expect((await admin('GET', '/api/v1/oncall?group=amer&at=2026-07-14T16:30:00Z')).body.groups[0].owners).toEqual([ex('alice.nguyen')]);
    expect((await alice('DELETE', `/api/v1/schedule-swaps/${req.body.id}`)).status).toBe(204);
    // 1 December, 12:00–13:00 New York (the clock stands at 24 November): Bruno's hour on AMER 1
    const o = await alice('POST', '/api/v1/schedule-overrides', { schedule: 'amer-1', start: '2026-12-01T17:00:00Z', end: '2026-12-01T18:00:00Z', user: ex('alice.nguyen'), replaces: ex('bruno.costa'), note: 'dentist' });
    expect(o.status).toBe(201);
    const final = await admin('GET', '/api/v1/schedules/amer-1/final?since=2026-12-01T16:00:00Z&until=2026-12-02T00:00:00Z');
    expect(final.body.entries.map((e: any) => [e.user, e.start, e.end, e.source.kind])).toEqual([
      [ex('alice.nguyen'), '2026-12-01T17:00:00Z', '2026-12-01T18:00:00Z', 'override'],
      [ex('bruno.costa'), '2026-12-01T18:00:00Z', '2026-12-01T23:00:00Z', 'layer'],
    ]);
    expect((await bruno('DELETE', `/api/v1/schedule-overrides/${o.body.id}`)).status).toBe(204);
  });

  it('SCH-6: an override that starts in the past is refused with the way forward; two minutes of clock skew are forgiven', async () => {
    const alice = await as('alice.nguyen');
    const past = await alice('POST', '/api/v1/schedule-overrides', { schedule: 'amer-1', start: '2026-11-24T02:55:00Z', end: '2026-11-24T06:00:00Z', user: ex('alice.nguyen') });
    expect(past.status).toBe(400);
    expect(past.body.error).toMatchObject({ code: 'schedule.override_starts_in_past', message: expect.stringContaining('already past') });
    expect((await admin('GET', '/api/v1/schedule-overrides?schedule=amer-1')).body.items.filter((x: any) => x.start.startsWith('2026-11-24T02:55'))).toEqual([]);
    const skewed = await alice('POST', '/api/v1/schedule-overrides', { schedule: 'amer-1', start: '2026-11-24T02:59:00Z', end: '2026-11-24T06:00:00Z', user: ex('alice.nguyen') });
    expect(skewed.status).toBe(201);
    expect((await alice('DELETE', `/api/v1/schedule-overrides/${skewed.body.id}`)).status).toBe(204);
  });

  it('SCH-9: who is on call answers names, until when and who comes next, per group', async () => {
    const r = await admin('GET', '/api/v1/oncall?group=amer&at=2026-12-01T17:30:00Z');
    expect(r.status).toBe(200);
    expect(r.body.groups[0]).toMatchObject({ owners: [ex('bruno.costa')], dri: { user: ex('bruno.costa') }, until: '2026-12-01T18:00:00.000Z', next: { owners: [ex('bruno.costa'), ex('dmitri.volkov')], dri: ex('bruno.costa') }, timeZone: 'America/New_York' });
    expect(r.body.people[ex('bruno.costa')]).toMatchObject({ name: 'Bruno Costa', id: expect.any(String) });
    expect(r.body.people[ex('dmitri.volkov')].name).toBe('Dmitri Volkov');
    // outside AMER hours nobody is on; the answer says when someone comes on and who
    const off = await admin('GET', '/api/v1/oncall?group=amer&at=2026-12-01T16:30:00Z');
    expect(off.body.groups[0]).toMatchObject({ owners: [], until: '2026-12-01T17:00:00.000Z', next: { owners: [ex('bruno.costa')] } });
    const t = await admin('GET', '/api/v1/rotation-groups/amer/timeline?since=2026-12-01T05:00:00Z&until=2026-12-02T05:00:00Z');
    expect(t.body.people[ex('bruno.costa')].name).toBe('Bruno Costa');
  });

  it('SCH-9: gaps and single-engineer hours of AMER over a week', async () => {
    const r = await admin('GET', '/api/v1/schedules/amer/gaps?days=7&since=2026-12-14T05:00:00Z');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: 'group', gaps: [], singleEngineer: { hours: 14 } });
    const t = await admin('GET', '/api/v1/rotation-groups/amer/timeline?since=2026-12-15T05:00:00Z&until=2026-12-16T05:00:00Z');
    expect(t.body.dri.map((d: any) => d.user)).toEqual([ex('bruno.costa'), ex('dmitri.volkov'), ex('frank.osei')]);
  });

  it('SCH-11: per-person and per-schedule iCalendar feeds, public by secret, rotatable', async () => {
    const alice = await as('alice.nguyen');
    const mine = await alice('POST', '/api/v1/calendar-feeds', { kind: 'user' });
    expect(mine.status).toBe(200);
    expect((await alice('POST', '/api/v1/calendar-feeds', { kind: 'user', ref: ex('bruno.costa') })).status).toBe(403);
    const ics = await fetch(`${s.url}${mine.body.path}`);
    expect(ics.headers.get('content-type')).toMatch(/text\/calendar/);
    const events = Object.values(ical.sync.parseICS(await ics.text())).filter((c: any) => c?.type === 'VEVENT') as any[];
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => String(e.summary).startsWith('On call: AMER 1'))).toBe(true);
    const nov30 = events.find((e) => (e.start as Date).toISOString() === '2026-12-07T17:00:00.000Z');
    expect(nov30 ? (nov30.end as Date).toISOString() : null).toBe('2026-12-07T23:00:00.000Z');
    const sched = await admin('POST', '/api/v1/calendar-feeds', { kind: 'schedule', ref: 'us-government' });
    const usgov = Object.values(ical.sync.parseICS(await (await fetch(`${s.url}${sched.body.path}`)).text())).filter((c: any) => c?.type === 'VEVENT');
    expect(usgov.length).toBeGreaterThan(200); // three shifts a day for ~104 days
    const rotated = await alice('POST', '/api/v1/calendar-feeds/rotate', { kind: 'user' });
    expect(rotated.body.path).not.toBe(mine.body.path);
    expect((await fetch(`${s.url}${mine.body.path}`)).status).toBe(404);
    expect((await fetch(`${s.url}${rotated.body.path}`)).status).toBe(200);
  });
});
