// RP-4: what operators scrape from /metrics after real traffic, over real HTTP on every engine:
// events accepted and turned away by reason, pages by state read from the database, the time to
// acknowledge, notifications by channel and outcome, SLA breaches and jobs by kind and outcome;
// and Prometheus's own checker finds nothing wrong with the text.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/clock.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { needs, PROMTOOL, requireAvailable } from '../support/requirements.ts';

const KEY = 'hotlinedemocustomeremergencies01';
const MONDAY_NOON_NY = '2026-11-23T17:00:00Z';

/** The samples of a Prometheus text exposition: `name{a="b",…}` → value. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}
const sum = (s: Map<string, number>, prefix: string) => [...s].filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v, 0);

describe.each(testEngines())('RP-4 operators\' metrics on %s', (engine) => {
  let s: TestServer;
  let api: ReturnType<typeof http>;
  let admin: ReturnType<typeof http>;
  let clock: FakeClock;
  let text = '';
  beforeAll(async () => {
    clock = new FakeClock(MONDAY_NOON_NY);
    s = await startTestServer({ demo: true, engine, clock, runJobs: false });
    api = http(s.url);
    admin = http(s.url, { token: s.admin.token });
  }, 60_000);
  afterAll(async () => s?.close());

  const trigger = (dedup: string) => ({ routing_key: KEY, event_action: 'trigger', dedup_key: dedup, payload: { summary: `Disk full on ${dedup}`, source: dedup, severity: 'critical' } });
  const scrape = async () => {
    const r = await api('GET', '/metrics');
    expect(r.status).toBe(200);
    return r.text;
  };

  it('RP-4: after real traffic each figure says what happened', async () => {
    const before = samples(await scrape());
    const pagesBefore = (state: string) => before.get(`hotline_pages{state="${state}"}`) ?? 0;
    // Two events accepted, four turned away for four reasons.
    expect((await api('POST', '/v2/enqueue', trigger('metrics-1'))).status).toBe(202);
    expect((await api('POST', '/v2/enqueue', trigger('metrics-2'))).status).toBe(202);
    expect((await api('POST', '/v2/enqueue', '{not json', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await api('POST', '/v2/enqueue', { routing_key: KEY, event_action: 'explode' })).status).toBe(400);
    expect((await api('POST', '/v2/enqueue', { ...trigger('metrics-3'), routing_key: 'x'.repeat(32) })).status).toBe(400);
    expect((await api('POST', '/v2/enqueue', 'x'.repeat(600 * 1024), { 'content-type': 'application/json' })).status).toBe(400);
    // Opsgenie's door counts too: an unknown key is turned away.
    expect((await api('POST', '/v2/alerts', { message: 'Disk full' }, { authorization: `GenieKey ${'y'.repeat(32)}` })).status).toBe(401);
    const open = (await admin('GET', '/api/v1/pages?status=open')).body.items as { id: string; dedupKey: string }[];
    const first = open.find((p) => p.dedupKey === 'metrics-1')!;
    expect(first).toBeTruthy();
    // Its notifications go out (the demo has no real channel: the built-in outbox takes them).
    await s.hotline.ctx.jobs.drain();
    // Acknowledged 90 seconds after it was triggered.
    clock.advance({ seconds: 90 });
    const ack = await api('POST', '/v2/enqueue', { routing_key: KEY, event_action: 'acknowledge', dedup_key: 'metrics-1' });
    expect(ack.status).toBe(202);
    expect((await admin('GET', `/api/v1/pages/${first.id}`)).body.status).toBe('acknowledged');

    text = await scrape();
    const m = samples(text);
    expect(m.get('hotline_events_accepted_total{api="events_v2"}')).toBe(3);
    expect(m.get('hotline_events_rejected_total{api="events_v2",reason="not_json"}')).toBe(1);
    expect(m.get('hotline_events_rejected_total{api="events_v2",reason="invalid"}')).toBe(1);
    expect(m.get('hotline_events_rejected_total{api="events_v2",reason="unknown_routing_key"}')).toBe(1);
    expect(m.get('hotline_events_rejected_total{api="events_v2",reason="too_large"}')).toBe(1);
    expect(m.get('hotline_events_rejected_total{api="opsgenie",reason="unknown_routing_key"}')).toBe(1);
    // Pages by state are the database's, whichever node answers.
    expect(m.get('hotline_pages{state="acknowledged"}')).toBe(pagesBefore('acknowledged') + 1);
    expect(m.get('hotline_pages{state="triggered"}')).toBe(pagesBefore('triggered') + 1);
    expect(m.get('hotline_page_time_to_acknowledge_seconds_count')).toBe(1);
    expect(m.get('hotline_page_time_to_acknowledge_seconds_sum')).toBe(90);
    expect(m.get('hotline_page_time_to_acknowledge_seconds_bucket{le="60"}')).toBe(0);
    expect(m.get('hotline_page_time_to_acknowledge_seconds_bucket{le="120"}')).toBe(1);
    const notified = [...m].filter(([k]) => k.startsWith('hotline_notifications_total{'));
    expect(notified.length, text).toBeGreaterThan(0);
    expect(sum(m, 'hotline_notifications_total{')).toBeGreaterThanOrEqual(2);
    expect(notified.every(([k]) => /channel="[a-z]+",outcome="(sent|outbox|already_sent|failed|retrying)"/.test(k))).toBe(true);
    expect(m.get('hotline_jobs_finished_total{kind="page.notify",outcome="done"}')).toBeGreaterThanOrEqual(2);
    expect(sum(m, 'hotline_jobs{')).toBeGreaterThan(0);
  }, 60_000);

  it('RP-4: a breached SLA target is counted once', async () => {
    const t = await admin('POST', '/api/v1/tickets', { subject: 'Metrics breach', form: 'self_managed', priority: 'normal', requesterEmail: 'rita@acme.example', description: 'Slow pipeline.' });
    expect(t.status, t.text).toBe(201);
    clock.advance({ hours: 120 });
    await s.hotline.ctx.jobs.drain();
    const m = samples(await scrape());
    expect(sum(m, 'hotline_sla_breaches_total{')).toBeGreaterThanOrEqual(1);
    const again = samples(await scrape());
    expect(sum(again, 'hotline_sla_breaches_total{')).toBe(sum(m, 'hotline_sla_breaches_total{'));
  }, 60_000);

  it('RP-4: the process metrics are gauges without a counter\'s "_total" suffix', () => {
    expect(text).not.toMatch(/^hotline_nodejs_active_\w+_total/m);
    expect(text).toMatch(/^hotline_nodejs_active_handles\{/m);
  });

  it('RP-4: promtool check metrics finds no problem', needs('promtool'), () => {
    requireAvailable('promtool');
    const r = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`).toBe('');
    expect(r.status).toBe(0);
  });
});
