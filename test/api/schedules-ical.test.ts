// A schedule layer that follows an external iCalendar feed (SCH-1, SCH-11; "for teams that cannot
// export otherwise"): a loopback calendar publishes an .ics with a recurring weekday event (RRULE,
// across the week Europe moves its clocks) and a one-off weekend event naming its person in the
// summary; the rotation reads it, the final schedule and `oncall` answer from it, a changed feed is
// picked up at the next refresh, a broken feed keeps the last copy and says so, and the rotation is
// read-only. On both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/clock.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { startIcsFeed, type IcsFeed } from '../stand-ins/index.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

const T0 = '2027-03-22T06:00:00Z'; // Monday; Europe/Berlin goes to summer time on Sunday 2027-03-28
const yaml = { 'content-type': 'application/yaml' };

function ics(weekday: string, weekend = 'On call: Ben.Okafor@example.com'): string {
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Acme//Team calendar//EN', 'CALSCALE:GREGORIAN',
    'BEGIN:VTIMEZONE', 'TZID:Europe/Berlin',
    'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'TZNAME:CEST', 'DTSTART:19700329T020000', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT',
    'BEGIN:STANDARD', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'TZNAME:CET', 'DTSTART:19701025T030000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD',
    'END:VTIMEZONE',
    'BEGIN:VEVENT', 'UID:weekdays-1@acme.example', 'DTSTAMP:20270301T000000Z', 'SUMMARY:Weekday support',
    'DTSTART;TZID=Europe/Berlin:20270301T090000', 'DTEND;TZID=Europe/Berlin:20270301T170000', 'RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    `ATTENDEE;CN=Weekday;ROLE=REQ-PARTICIPANT:mailto:${weekday}`, 'END:VEVENT',
    'BEGIN:VEVENT', 'UID:weekend-13@acme.example', 'DTSTAMP:20270301T000000Z', `SUMMARY:${weekend}`,
    'DTSTART;TZID=Europe/Berlin:20270327T090000', 'DTEND;TZID=Europe/Berlin:20270329T090000', 'END:VEVENT',
    'BEGIN:VEVENT', 'UID:offsite@acme.example', 'DTSTAMP:20270301T000000Z', 'SUMMARY:Offsite (stranger@elsewhere.example)',
    'DTSTART:20270324T120000Z', 'DTEND:20270324T130000Z', 'END:VEVENT',
    'END:VCALENDAR', '',
  ].join('\r\n');
}

describe.each(testEngines())('a schedule that follows an iCalendar feed on %s', { timeout: 60_000 }, (engine) => {
  let s: TestServer;
  let api: ReturnType<typeof http>;
  let feed: IcsFeed;
  const clock = new FakeClock(T0);
  const final = async (since: string, until: string) => {
    const r = await api('GET', `/api/v1/schedules/vendor-calendar/final?since=${since}&until=${until}`);
    expect(r.status).toBe(200);
    return r.body.entries.map((e: any) => [e.user, e.start, e.end]);
  };
  const rotation = async () => (await api('GET', '/api/v1/schedules')).body.rotations.find((r: any) => r.id === 'vendor-calendar-feed');

  beforeAll(async () => {
    feed = await startIcsFeed(ics('ana.silva@example.com'));
    s = await startTestServer({ engine, clock, runJobs: false });
    api = http(s.url, { token: s.admin.token });
    const ws = [
      'users:',
      '  - {email: ana.silva@example.com, name: Ana Silva, role: engineer}',
      '  - {email: ben.okafor@example.com, name: Ben Okafor, role: engineer}',
      'rotations:',
      `  - {id: vendor-calendar-feed, name: Vendor calendar, time_zone: Europe/Berlin, start: "2027-01-01T00:00", ical_url: "${feed.feedUrl}", refresh_minutes: 30}`,
      'schedules:',
      '  - {id: vendor-calendar, name: Vendor calendar, layers: [{rotation: vendor-calendar-feed}]}',
    ].join('\n');
    const r = await api('POST', '/api/v1/workspace/apply', ws, yaml);
    expect(r.status).toBe(200);
    await s.hotline.ctx.jobs.drain(); // the new feed is read at once
  });
  afterAll(async () => { await s?.close(); await feed?.close(); });

  it('SCH-1, SCH-11: the recurring event keeps 09:00–17:00 Berlin across the clock change, the weekend event names its person in the summary, strangers are left out', async () => {
    expect(feed.reads).toBe(1);
    expect(await final('2027-03-25T00:00:00Z', '2027-03-31T00:00:00Z')).toEqual([
      ['ana.silva@example.com', '2027-03-25T08:00:00Z', '2027-03-25T16:00:00Z'],
      ['ana.silva@example.com', '2027-03-26T08:00:00Z', '2027-03-26T16:00:00Z'],
      ['ben.okafor@example.com', '2027-03-27T08:00:00Z', '2027-03-29T07:00:00Z'],
      ['ana.silva@example.com', '2027-03-29T07:00:00Z', '2027-03-29T15:00:00Z'], // summer time: 09:00 Berlin is 07:00Z
      ['ana.silva@example.com', '2027-03-30T07:00:00Z', '2027-03-30T15:00:00Z'],
    ]);
    const on = await api('GET', '/api/v1/oncall?at=2027-03-23T10:00:00Z');
    expect(JSON.stringify(on.body)).toContain('ana.silva@example.com');
    expect(await rotation()).toMatchObject({ ical: { url: feed.feedUrl, refreshMinutes: 30, spans: expect.any(Number), lastError: null, fetchedAt: '2027-03-22T06:00:00.000Z' } });
    const tl = await s.hotline.ctx.db.kysely.selectFrom('timeline').selectAll().where('subject_id', '=', 'vendor-calendar').where('action', '=', 'schedule.ical_refreshed').execute();
    expect(JSON.parse(String(tl[0].detail))).toMatchObject({ rotation: 'vendor-calendar-feed', unknownPeople: ['stranger@elsewhere.example'] });
  });

  it('SCH-1: a changed feed is picked up at the next refresh, not before', async () => {
    feed.set(ics('ben.okafor@example.com', 'On call: ana.silva@example.com'));
    clock.advance({ minutes: 10 });
    await s.hotline.ctx.jobs.drain();
    expect(feed.reads).toBe(1);
    clock.advance({ minutes: 21 });
    await s.hotline.ctx.jobs.drain();
    expect(feed.reads).toBe(2);
    expect((await final('2027-03-26T00:00:00Z', '2027-03-29T12:00:00Z')).map((e: string[]) => e[0])).toEqual(['ben.okafor@example.com', 'ana.silva@example.com', 'ben.okafor@example.com']);
  });

  it('SCH-1: a broken feed keeps the last good copy and records the error on the schedule\'s timeline', async () => {
    const before = await final('2027-03-22T00:00:00Z', '2027-04-05T00:00:00Z');
    feed.set('calendar unavailable', 503);
    clock.advance({ minutes: 31 });
    await s.hotline.ctx.jobs.drain();
    expect(feed.reads).toBe(3);
    expect(await final('2027-03-22T00:00:00Z', '2027-04-05T00:00:00Z')).toEqual(before);
    expect(await rotation()).toMatchObject({ ical: { lastError: 'the feed answered HTTP 503', lastErrorAt: '2027-03-22T07:02:00.000Z' } });
    const tl = await s.hotline.ctx.db.kysely.selectFrom('timeline').selectAll().where('subject_id', '=', 'vendor-calendar').where('action', '=', 'schedule.ical_failed').execute();
    expect(tl).toHaveLength(1);
    expect(JSON.parse(String(tl[0].detail))).toMatchObject({ rotation: 'vendor-calendar-feed', error: 'the feed answered HTTP 503' });
    const kept = (await rotation()).ical.spans;
    feed.set('<html>not a calendar</html>');
    const now = await api('POST', '/api/v1/rotations/vendor-calendar-feed/ical-refresh');
    expect(now.body).toEqual({ spans: kept, error: expect.stringMatching(/not an iCalendar/) });
    expect(await final('2027-03-22T00:00:00Z', '2027-04-05T00:00:00Z')).toEqual(before);
  });

  it('SCH-8: the rotation is read-only: adding a member is a 400 that says where its people come from', async () => {
    const r = await api('POST', '/api/v1/rotations/vendor-calendar-feed/members', { user: 'ana.silva@example.com' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('schedule.rotation_read_only');
    expect(r.body.error.message).toMatch(/follows the iCalendar feed .*read-only/);
    const bad = await api('POST', '/api/v1/workspace/apply?dryRun=true', 'rotations:\n  - {id: x, time_zone: UTC, start: "2027-01-01T00:00", ical_url: "ftp://x/y.ics"}\nschedules:\n  - {id: x, layers: [{rotation: x}]}\n', yaml);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/http or https URL/);
  });
});
