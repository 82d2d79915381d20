// PG-8: the Events API v2 intake, over real HTTP, and with the real Prometheus Alertmanager as
// the sender (its pagerduty_configs receiver pointed at Hotline): an alert opens a page, the
// same alert with endsAt in the past resolves it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { freePort, waitFor } from '../support/processes.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { ALERTMANAGER_PATH, needs, requireAvailable } from '../support/requirements.ts';

const KEY = 'hotlinedemocustomeremergencies01';
describe.each(testEngines())('PG-8 Events API v2 intake (%s)', (engine) => {
  let s: TestServer;
  let api: ReturnType<typeof http>;
  let admin: ReturnType<typeof http>;
  beforeAll(async () => {
    process.env.HOTLINE_EVENTS_PER_MINUTE = '40';
    s = await startTestServer({ demo: true, engine });
    api = http(s.url);
    admin = http(s.url, { token: s.admin.token });
  }, 30_000);
  afterAll(async () => {
    delete process.env.HOTLINE_EVENTS_PER_MINUTE;
    await s?.close();
  });

  const trigger = (dedup: string | undefined, extra: Record<string, unknown> = {}) => ({
    routing_key: KEY, event_action: 'trigger', ...(dedup ? { dedup_key: dedup } : {}),
    payload: { summary: `Disk full on ${dedup ?? 'db'}`, source: 'db1', severity: 'critical' }, ...extra,
  });
  const openPage = async (dedup: string) => (await admin('GET', '/api/v1/pages?status=open')).body.items.find((p: any) => p.dedupKey === dedup);

  it('PG-8: trigger opens a page (202 body with dedup_key); a repeat appends; acknowledge and resolve apply; after resolve a trigger opens a new page', async () => {
    const r1 = await api('POST', '/v2/enqueue', trigger('disk-1'));
    expect(r1).toMatchObject({ status: 202, body: { status: 'success', message: 'Event processed', dedup_key: 'disk-1' } });
    const r2 = await api('POST', '/api/v2/enqueue', trigger('disk-1'));
    expect(r2.status).toBe(202);
    const page = await openPage('disk-1');
    expect(page).toMatchObject({ alertCount: 2, urgency: 'high', status: 'triggered', serviceId: 'customer-emergencies', title: 'Disk full on disk-1' });
    expect((await api('POST', '/v2/enqueue', { routing_key: KEY, event_action: 'acknowledge', dedup_key: 'disk-1' })).status).toBe(202);
    expect((await openPage('disk-1')).status).toBe('acknowledged');
    expect((await api('POST', '/v2/enqueue', { routing_key: KEY, event_action: 'resolve', dedup_key: 'disk-1' })).status).toBe(202);
    expect(await openPage('disk-1')).toBeUndefined();
    await api('POST', '/v2/enqueue', trigger('disk-1'));
    expect((await openPage('disk-1')).id).not.toBe(page.id);
  });

  it('PG-8: a trigger without dedup_key gets a generated one; acknowledge of an unknown key is dropped, never creating a page', async () => {
    const r = await api('POST', '/v2/enqueue', trigger(undefined));
    expect(r.status).toBe(202);
    expect(r.body.dedup_key).toMatch(/^[0-9a-f-]{36}$/);
    const before = (await admin('GET', '/api/v1/pages?status=open&limit=500')).body.items.length;
    expect((await api('POST', '/v2/enqueue', { routing_key: KEY, event_action: 'resolve', dedup_key: 'never-seen' })).status).toBe(202);
    expect((await admin('GET', '/api/v1/pages?status=open&limit=500')).body.items.length).toBe(before);
  });

  it.each([
    ['not JSON', '{nope', { status: 'Unrecognized object', message: 'Event object format is unrecognized' }],
    ['missing routing key', { event_action: 'trigger', payload: { summary: 'x', source: 'y', severity: 'info' } }, { status: 'invalid event', errors: ['routing_key is missing'] }],
    ['bad severity', { routing_key: KEY, event_action: 'trigger', payload: { summary: 'x', source: 'y', severity: 'fatal' } }, { status: 'invalid event', errors: ['payload.severity must be one of critical, error, warning, info'] }],
    ['unknown routing key', { routing_key: 'x'.repeat(32), event_action: 'trigger', payload: { summary: 'x', source: 'y', severity: 'info' } }, { status: 'invalid event' }],
  ])('PG-8: %s → 400 with the documented body', async (_name, body, expected) => {
    const r = await api('POST', '/v2/enqueue', body);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject(expected);
  });

  it('PG-8: the 512 KB limit is checked on the raw body', async () => {
    const big = trigger('big', { payload: { summary: 'big', source: 'x', severity: 'info', custom_details: { blob: 'a'.repeat(530_000) } } });
    const r = await api('POST', '/v2/enqueue', big);
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toContain('too large');
    const ok = trigger('almost', { payload: { summary: 'ok', source: 'x', severity: 'info', custom_details: { blob: 'a'.repeat(500_000) } } });
    expect((await api('POST', '/v2/enqueue', ok)).status).toBe(202);
  });

  it('PG-8: too many events for one routing key in a minute → 429 with a body and Retry-After', async () => {
    let last;
    for (let i = 0; i < 45; i++) {
      last = await api('POST', '/v2/enqueue', trigger('flood'));
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(last!.body).toMatchObject({ status: 'throttle event', errors: ['Request Limit Exceeded'] });
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe.each(testEngines())('PG-8 with the real Prometheus Alertmanager (%s)', needs('alertmanager'), (engine) => {
  let s: TestServer;
  let am: ChildProcess | undefined;
  let dir: string;
  beforeAll(async () => {
    requireAvailable('alertmanager');
    s = await startTestServer({ demo: true, engine });
    dir = mkdtempSync(join(tmpdir(), 'hotline-am-'));
  }, 30_000);
  afterAll(async () => {
    am?.kill('SIGKILL');
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('PG-8: an alert opens a page and the same alert with endsAt in the past resolves it', async () => {
    const port = await freePort();
    writeFileSync(join(dir, 'am.yml'), [
      'global: { resolve_timeout: 1s }',
      'route: { receiver: hotline, group_by: [alertname], group_wait: 100ms, group_interval: 1s, repeat_interval: 1h }',
      'receivers:',
      '  - name: hotline',
      `    pagerduty_configs: [ { routing_key: ${KEY}, url: '${s.url}/v2/enqueue', send_resolved: true } ]`,
    ].join('\n'));
    am = spawn(ALERTMANAGER_PATH, [`--config.file=${join(dir, 'am.yml')}`, `--storage.path=${dir}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='], { stdio: 'ignore' });
    const amUrl = `http://127.0.0.1:${port}`;
    await waitFor('alertmanager to be ready', async () => (await fetch(`${amUrl}/-/ready`).catch(() => null))?.ok, 15_000);
    const admin = http(s.url, { token: s.admin.token });
    const alert = (endsAt?: string) => [{
      labels: { alertname: 'HotlineDiskFull', instance: 'db1', severity: 'critical' },
      annotations: { summary: 'Disk full on db1' },
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      ...(endsAt ? { endsAt } : {}),
    }];
    const post = (body: unknown) => fetch(`${amUrl}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post(alert())).ok).toBe(true);
    const page = await waitFor('a page from Alertmanager', async () =>
      (await admin('GET', '/api/v1/pages?status=open')).body.items.find((p: any) => p.source === 'events' && p.title.includes('HotlineDiskFull')), 15_000);
    expect(page).toMatchObject({ status: 'triggered', serviceId: 'customer-emergencies', urgency: 'high' });
    expect(page.dedupKey).toBeTruthy();

    expect((await post(alert(new Date(Date.now() - 1000).toISOString()))).ok).toBe(true);
    const resolved = await waitFor('the page to resolve', async () => {
      const p = (await admin('GET', `/api/v1/pages/${page.id}`)).body;
      return p.status === 'resolved' ? p : undefined;
    }, 15_000);
    expect(resolved.timeline.map((e: any) => e.action).filter((a: string) => a !== 'page.note')).toEqual(['page.triggered', 'page.resolved']);
    expect(resolved.timeline.find((e: any) => e.action === 'page.resolved').via).toBe('events');
  }, 40_000);
});
