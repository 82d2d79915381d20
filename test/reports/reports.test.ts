// RP-1 end to end over real HTTP on every engine: each report's figures against the hand-computed
// fixture (test/reports/fixture.ts says how each number comes about), JSON and CSV, the
// spring-forward week in the heat map, who may read reports, and bad input refused with a code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { reportsFixture, SINCE, UNTIL } from './fixture.ts';

describe.each(testEngines())('RP-1 reports on %s', (engine) => {
  let f: Awaited<ReturnType<typeof reportsFixture>>;
  beforeAll(async () => {
    f = await reportsFixture(engine);
  }, 180_000);
  afterAll(async () => {
    await f?.n.close();
  });
  const get = async (name: string, q = '') => {
    const r = await f.manager('GET', `/api/v1/reports/${name}?since=${SINCE}&until=${UNTIL}${q}`);
    expect(r.status, r.text).toBe(200);
    return r.body as { columns: string[]; rows: unknown[][]; zone: string };
  };

  it('RP-1: time to acknowledge per region — median, p90 and buckets (pages acknowledged after 4, 12, 2, 5 and 8 minutes)', async () => {
    const r = await get('time-to-acknowledge', '&group=region');
    expect(r.columns).toEqual(['region', 'count', 'median_seconds', 'p90_seconds', '<5m', '5-15m', '15-30m', '30-60m', '1-4h', '4-24h', '>=24h']);
    expect(r.rows).toEqual([
      ['AMER', 4, 240, 720, 2, 2, 0, 0, 0, 0, 0], // 120, 240, 300, 720: nearest rank 2 and 4
      ['EMEA', 1, 480, 480, 0, 1, 0, 0, 0, 0, 0],
    ]);
    expect((await get('time-to-acknowledge')).rows).toEqual([['all', 5, 300, 720, 2, 3, 0, 0, 0, 0, 0]]);
  });

  it('RP-1: time to first public reply, tickets and emergencies apart; the unanswered counted, not timed', async () => {
    const r = await get('time-to-first-reply', '&group=organisation');
    expect(r.rows).toEqual([
      // E1 +10m, E2 +20m, E3 +40m (the downgrade message); T5 +2h, T6 unanswered
      ['Acme Robotics', 'ticket', 1, 1, 7200, 7200, 0, 0, 0, 0, 1, 0, 0],
      ['Acme Robotics', 'emergency', 0, 3, 1200, 2400, 0, 1, 1, 1, 0, 0, 0],
      ['Globex Cloud', 'emergency', 1, 0, null, null, 0, 0, 0, 0, 0, 0, 0],
      ['Tyrell Federal', 'emergency', 1, 0, null, null, 0, 0, 0, 0, 0, 0, 0],
    ]);
    expect((await get('time-to-first-reply', '&form=saas')).rows).toEqual([['all', 'emergency', 1, 0, null, null, 0, 0, 0, 0, 0, 0, 0]]);
  });

  it('RP-1: SLA breaches listed newest first, and per week', async () => {
    const list = await get('sla-breaches');
    // E1 and E2: the emergency next reply (30m) after their replies at 14:40 and 15:10 → 15:10, 15:40;
    // E3 replied at 15:10 → 15:40; E4 never answered → 09:30; T5 and T6: normal 8 business hours
    // (24x5 Pacific) from Wed 12:00Z → 20:00Z; T5 answered at 14:00Z, owes its next reply by 22:00Z.
    expect(list.rows.map((r) => [r[0], r[1]])).toEqual([
      [5, '2026-03-11T22:00:00.000Z'], [6, '2026-03-11T20:00:00.000Z'], [4, '2026-03-11T09:30:00.000Z'],
      [3, '2026-03-10T15:40:00.000Z'], [2, '2026-03-03T15:40:00.000Z'], [1, '2026-03-03T15:10:00.000Z'],
    ]);
    expect((await get('sla-breach-trend')).rows).toEqual([['2026-03-02', 2, 2], ['2026-03-09', 4, 2]]);
    expect((await get('sla-breaches', '&region=EMEA')).rows.map((r) => r[0])).toEqual([4]);
  });

  it('RP-1: escalations — count, outcome and labels', async () => {
    expect((await get('escalations', '&group=form')).rows).toEqual([['self_managed', 1, 1, 0, 0]]);
    expect((await get('escalation-labels')).rows).toEqual([['Response-Time', 1]]);
    expect((await get('escalations', '&region=EMEA')).rows).toEqual([]);
  });

  it('RP-1: qualification mix — strict and E3 downgraded by the bridge closing count as downgraded, not an emergency, unqualified', async () => {
    // E1 strict and E2 exception both lost urgent when their bridge closed (WF-5) → downgraded;
    // E3 not an emergency; E4 and E5 never qualified and still urgent
    expect((await get('qualification-mix', '&group=region')).rows).toEqual([
      ['AMER', 4, 0, 0, 0, 1, 2, 1],
      ['EMEA', 1, 0, 0, 0, 0, 0, 1],
    ]);
  });

  it('RP-1: concurrent emergencies per shift, in the region\'s zone', async () => {
    const r = await get('concurrency-shifts', '&region=AMER');
    expect(r.zone).toBe('America/New_York');
    expect(r.rows).toEqual([
      ['2026-03-03', 'day 08-16', 2, 1, 2], // E2 arrived while E1 was open
      ['2026-03-10', 'day 08-16', 1, 0, 1],
      ['2026-03-12', 'night 00-08', 1, 0, 1], // E5 at 04:00 EDT
    ]);
  });

  it('RP-1: the heat map puts 14:30Z at 09:00 New York before spring-forward and at 10:00 after it', async () => {
    const ny = await get('concurrency-heatmap', '&region=AMER');
    expect(ny.rows).toHaveLength(168);
    expect(ny.rows.filter((r) => (r[2] as number) > 0)).toEqual([['Tue', 9, 2, 1], ['Tue', 10, 1, 0], ['Thu', 4, 1, 0]]);
    const utc = await get('concurrency-heatmap', '&region=AMER&zone=UTC');
    expect(utc.rows.filter((r) => (r[2] as number) > 0)).toEqual([['Tue', 14, 3, 1], ['Thu', 8, 1, 0]]);
  });

  it('RP-1: load per engineer — pages, emergencies owned, night pages on their own clock', async () => {
    const r = await get('engineer-load');
    const by = Object.fromEntries(r.rows.map((x) => [x[1], x.slice(4)]));
    expect(by['greta.muller@example.com']).toEqual([2, 2, 0]);
    expect(by['hamid.rahimi@example.com']).toEqual([2, 2, 0]);
    // E5 paged the US-government overnight engineer at 01:00 Pacific: a night page
    const usgov = r.rows.filter((x) => x[2] === 'USGOV');
    expect(usgov.map((x) => x.slice(4))).toEqual([[1, 1, 1]]);
    expect((await get('engineer-load', '&region=EMEA')).rows.every((x) => x[2] === 'EMEA')).toBe(true);
  });

  it('RP-1: the same table as CSV, by Accept header or format=csv', async () => {
    const r = await f.manager('GET', `/api/v1/reports/time-to-acknowledge?since=${SINCE}&until=${UNTIL}&group=region`, undefined, { accept: 'text/csv' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.text).toBe('region,count,median_seconds,p90_seconds,<5m,5-15m,15-30m,30-60m,1-4h,4-24h,>=24h\r\nAMER,4,240,720,2,2,0,0,0,0,0\r\nEMEA,1,480,480,0,1,0,0,0,0,0\r\n');
    const c = await f.manager('GET', `/api/v1/reports/escalation-labels?since=${SINCE}&until=${UNTIL}&format=csv`);
    expect(c.text).toBe('label,escalations\r\nResponse-Time,1\r\n');
  });

  it('RP-1: engineers and customers are refused with a code; bad dates, groups and names get 400/404 with codes', async () => {
    const engineer = await f.n.as('alice.nguyen@example.com');
    const no = await engineer('GET', `/api/v1/reports/escalations?since=${SINCE}&until=${UNTIL}`);
    expect(no.status).toBe(403);
    expect(no.body.error.code).toBe('auth.forbidden');
    const cases: [string, number, string][] = [
      [`/api/v1/reports/nope?since=${SINCE}&until=${UNTIL}`, 404, 'report.unknown'],
      ['/api/v1/reports/escalations?since=yesterday&until=2026-03-15', 400, 'report.bad_date'],
      ['/api/v1/reports/escalations', 400, 'report.period_required'],
      ['/api/v1/reports/escalations?since=2026-03-15&until=2026-03-01', 400, 'report.bad_period'],
      [`/api/v1/reports/escalations?since=${SINCE}&until=${UNTIL}&group=colour`, 400, 'report.bad_group'],
      [`/api/v1/reports/escalations?since=${SINCE}&until=${UNTIL}&organisation=Nobody`, 404, 'report.unknown_organisation'],
    ];
    for (const [path, status, code] of cases) {
      const r = await f.manager('GET', path);
      expect([r.status, r.body.error?.code], path).toEqual([status, code]);
    }
    expect((await f.manager('GET', '/api/v1/reports')).body.items.map((i: { name: string }) => i.name)).toContain('concurrency-heatmap');
  });
});
