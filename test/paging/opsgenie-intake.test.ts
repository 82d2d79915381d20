// PG-8: Opsgenie's Alert API as an intake, over real HTTP, and with the real Prometheus
// Alertmanager as the sender (its opsgenie_configs receiver, api_url pointed at Hotline): an alert
// opens a page, repeats append to it, the resolved alert closes it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../src/store/test-db.ts';
import { freePort, waitFor } from '../support/processes.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';
import { ALERTMANAGER_PATH, needs, requireAvailable } from '../support/requirements.ts';

// the demo's customer-emergencies service: its integration key is the GenieKey
const KEY = 'hotlinedemocustomeremergencies01';
const GENIE = { authorization: `GenieKey ${KEY}` };

describe.each(testEngines())('PG-8 Opsgenie Alert API intake (%s)', (engine) => {
  let s: TestServer;
  let api: ReturnType<typeof http>;
  let admin: ReturnType<typeof http>;
  beforeAll(async () => {
    s = await startTestServer({ demo: true, engine });
    api = http(s.url);
    admin = http(s.url, { token: s.admin.token });
  }, 30_000);
  afterAll(async () => {
    await s?.close();
  });

  const openPage = async (dedup: string) => (await admin('GET', '/api/v1/pages?status=open&limit=500')).body.items.find((p: any) => p.dedupKey === dedup);
  const page = async (id: string) => (await admin('GET', `/api/v1/pages/${id}`)).body;

  it('PG-8: create answers 202 {result, took, requestId} and opens a page titled by the message; the same alias appends; close by alias resolves', async () => {
    const r = await api('POST', '/v2/alerts', { message: 'API latency high', alias: 'og-latency', description: 'p99 over 2 s', priority: 'P2', tags: ['api', 'prod'], details: { region: 'eu' }, responders: [{ type: 'team', name: 'ops' }] }, GENIE);
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ result: 'Request will be processed', took: expect.any(Number), requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(r.headers.get('x-request-id')).toBe(r.body.requestId);
    const p = await openPage('og-latency');
    expect(p).toMatchObject({ title: 'API latency high', urgency: 'high', status: 'triggered', serviceId: 'customer-emergencies', alertCount: 1 });
    expect((await api('POST', '/v2/alerts', { message: 'API latency high', alias: 'og-latency' }, GENIE)).status).toBe(202);
    expect((await openPage('og-latency')).alertCount).toBe(2);
    const full = await page(p.id);
    expect(full.details.customDetails.opsgenie).toMatchObject({ priority: 'P2', description: 'p99 over 2 s', tags: ['api', 'prod'], details: { region: 'eu' }, respondersNotObeyed: [{ type: 'team', name: 'ops' }] });

    expect((await api('POST', '/v2/alerts/og-latency/close?identifierType=alias', { source: 'test' }, GENIE)).status).toBe(202);
    expect((await page(p.id)).status).toBe('resolved');
    // after the close, the same alias opens a new page
    await api('POST', '/v2/alerts', { message: 'API latency high', alias: 'og-latency' }, GENIE);
    expect((await openPage('og-latency')).id).not.toBe(p.id);
  });

  it.each([
    ['P1', 'high'], ['P2', 'high'], ['P3', 'high'], ['P4', 'low'], ['P5', 'low'], [undefined, 'high'],
  ])('PG-8: priority %s → %s urgency', async (priority, urgency) => {
    const alias = `og-prio-${priority ?? 'none'}`;
    expect((await api('POST', '/v2/alerts', { message: `prio ${priority}`, alias, ...(priority ? { priority } : {}) }, GENIE)).status).toBe(202);
    expect((await openPage(alias)).urgency).toBe(urgency);
  });

  it('PG-8: acknowledge and close by id (the page id) and by tiny id (the page number)', async () => {
    await api('POST', '/v2/alerts', { message: 'Queue backlog', alias: 'og-queue' }, GENIE);
    const p = await openPage('og-queue');
    expect((await api('POST', `/v2/alerts/${p.id}/acknowledge?identifierType=id`, undefined, GENIE)).status).toBe(202);
    expect((await page(p.id)).status).toBe('acknowledged');
    // identifierType defaults to id, as in Opsgenie
    expect((await api('POST', `/v2/alerts/${p.number}/close?identifierType=tiny`, { note: 'drained' }, GENIE)).status).toBe(202);
    expect((await page(p.id)).status).toBe('resolved');
    await api('POST', '/v2/alerts', { message: 'Queue backlog', alias: 'og-queue2' }, GENIE);
    const q = await openPage('og-queue2');
    expect((await api('POST', `/v2/alerts/${q.id}/close`, undefined, GENIE)).status).toBe(202);
    expect((await page(q.id)).status).toBe('resolved');
  });

  it('PG-8: close of an alias with no open page is accepted and changes nothing; an unknown id is a 404 in Opsgenie\'s shape', async () => {
    const before = (await admin('GET', '/api/v1/pages?status=open&limit=500')).body.items.length;
    expect((await api('POST', '/v2/alerts/never-seen/close?identifierType=alias', undefined, GENIE)).status).toBe(202);
    expect((await admin('GET', '/api/v1/pages?status=open&limit=500')).body.items.length).toBe(before);
    const r = await api('POST', '/v2/alerts/no-such-page/close?identifierType=id', undefined, GENIE);
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ message: 'Alert does not exist', took: expect.any(Number), requestId: expect.any(String) });
  });

  it('PG-8: a page of another service is not reachable with this key', async () => {
    await admin('POST', '/api/v1/services', { id: 'og-other', name: 'Opsgenie other', integrationKey: 'opsgenieotherservicekey000000001' });
    await api('POST', '/v2/alerts', { message: 'other', alias: 'og-other-1' }, { authorization: 'GenieKey opsgenieotherservicekey000000001' });
    const other = await openPage('og-other-1');
    expect(other.serviceId).toBe('og-other');
    expect((await api('POST', `/v2/alerts/${other.id}/close`, undefined, GENIE)).status).toBe(404);
    // by alias the key only ever reaches its own service's pages
    expect((await api('POST', '/v2/alerts/og-other-1/close?identifierType=alias', undefined, GENIE)).status).toBe(202);
    expect((await page(other.id)).status).toBe('triggered');
  });

  it.each([
    ['no key', 401, { message: 'x' }, {}],
    ['a Bearer token instead', 401, { message: 'x' }, { authorization: 'Bearer nope' }],
    ['an unknown key', 401, { message: 'x' }, { authorization: 'GenieKey ' + 'z'.repeat(32) }],
    ['not JSON', 400, '{nope', GENIE],
    ['no message', 422, { alias: 'x' }, GENIE],
    ['a bad priority', 422, { message: 'x', priority: 'P9' }, GENIE],
    ['tags not a list', 422, { message: 'x', tags: 'a,b' }, GENIE],
    ['details not an object', 422, { message: 'x', details: ['a'] }, GENIE],
    ['a body that is a list', 422, [1], GENIE],
  ])('PG-8: %s → %s in Opsgenie\'s error shape, and no page', async (_name, status, body, headers) => {
    const before = (await admin('GET', '/api/v1/pages?status=any&limit=500')).body.items.length;
    const r = await api('POST', '/v2/alerts', body, headers as Record<string, string>);
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ message: expect.any(String), took: expect.any(Number), requestId: expect.any(String) });
    if (status === 422) expect(Object.keys(r.body.errors).length).toBeGreaterThan(0);
    expect((await admin('GET', '/api/v1/pages?status=any&limit=500')).body.items.length).toBe(before);
  });

  it('PG-8: a bad identifierType is a 422 naming it', async () => {
    const r = await api('POST', '/v2/alerts/x/close?identifierType=name', undefined, GENIE);
    expect(r.status).toBe(422);
    expect(r.body.errors).toHaveProperty('identifierType');
  });

  it('PG-8: a message over 130 characters is cut, as Opsgenie does', async () => {
    await api('POST', '/v2/alerts', { message: 'm'.repeat(200), alias: 'og-long' }, GENIE);
    expect((await openPage('og-long')).title).toBe('m'.repeat(130));
  });
});

describe.each(testEngines())('PG-8 Opsgenie intake with the real Prometheus Alertmanager (%s)', needs('alertmanager'), (engine) => {
  let s: TestServer;
  let am: ChildProcess | undefined;
  let dir: string;
  beforeAll(async () => {
    requireAvailable('alertmanager');
    s = await startTestServer({ demo: true, engine });
    dir = mkdtempSync(join(tmpdir(), 'hotline-am-og-'));
  }, 30_000);
  afterAll(async () => {
    am?.kill('SIGKILL');
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('PG-8: opsgenie_configs — firing opens a page, repeats do not open another, resolved closes it', async () => {
    const port = await freePort();
    writeFileSync(join(dir, 'am.yml'), [
      'global: { resolve_timeout: 1s }',
      'route: { receiver: hotline, group_by: [alertname], group_wait: 100ms, group_interval: 1s, repeat_interval: 1h }',
      'receivers:',
      '  - name: hotline',
      `    opsgenie_configs: [ { api_key: ${KEY}, api_url: '${s.url}/', priority: P1, tags: 'prometheus,disk', send_resolved: true } ]`,
    ].join('\n'));
    am = spawn(ALERTMANAGER_PATH, [`--config.file=${join(dir, 'am.yml')}`, `--storage.path=${dir}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='], { stdio: 'ignore' });
    const amUrl = `http://127.0.0.1:${port}`;
    await waitFor('alertmanager to be ready', async () => (await fetch(`${amUrl}/-/ready`).catch(() => null))?.ok, 15_000);
    const admin = http(s.url, { token: s.admin.token });
    const alert = (endsAt?: string, instance = 'db1') => [{
      labels: { alertname: 'HotlineOpsgenieDisk', instance, severity: 'critical' },
      annotations: { summary: 'Disk full on db1' },
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      ...(endsAt ? { endsAt } : {}),
    }];
    const post = (body: unknown) => fetch(`${amUrl}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const ours = async () => (await admin('GET', '/api/v1/pages?status=any&limit=500')).body.items.filter((p: any) => p.source === 'events' && p.title.includes('HotlineOpsgenieDisk'));
    expect((await post(alert())).ok).toBe(true);
    const page = await waitFor('a page from Alertmanager', async () => (await ours()).find((p: any) => p.status === 'triggered'), 15_000);
    expect(page).toMatchObject({ serviceId: 'customer-emergencies', urgency: 'high' });
    expect(page.dedupKey).toMatch(/^[0-9a-f]{64}$/); // Alertmanager's alias: the hash of its group key
    // a repeat: a second alert joins the group, and Alertmanager sends the group again under the
    // same alias; still one page, its alert count grows
    expect((await post(alert(undefined, 'db2'))).ok).toBe(true);
    await waitFor('a repeated notification', async () => (await admin('GET', `/api/v1/pages/${page.id}`)).body.alertCount >= 2, 15_000);
    expect(await ours()).toHaveLength(1);
    expect((await admin('GET', `/api/v1/pages/${page.id}`)).body.details.customDetails.opsgenie).toMatchObject({ priority: 'P1', tags: ['prometheus', 'disk'] });

    const ended = new Date(Date.now() - 1000).toISOString();
    expect((await post([...alert(ended), ...alert(ended, 'db2')])).ok).toBe(true);
    const resolved = await waitFor('the page to close', async () => {
      const p = (await admin('GET', `/api/v1/pages/${page.id}`)).body;
      return p.status === 'resolved' ? p : undefined;
    }, 15_000);
    expect(resolved.timeline.find((e: any) => e.action === 'page.resolved').via).toBe('events');
    expect(await ours()).toHaveLength(1);
  }, 45_000);
});

describe('PG-8 Opsgenie intake and the API-wide limit', () => {
  it('PG-8: a GenieKey is an integration key, not a token: the per-token limit does not cut a monitoring tool off (the intake limits each key itself)', async () => {
    const s = await startTestServer({ demo: true, rateLimits: { token: { max: 3, timeWindow: '1 minute' } } });
    try {
      const api = http(s.url);
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await api('POST', '/v2/alerts', { message: `limit ${i}`, alias: `og-limit-${i}` }, GENIE)).status);
      expect(statuses).toEqual(Array(8).fill(202));
      // a real token on the API is still limited
      const admin = http(s.url, { token: s.admin.token });
      const api429 = [];
      for (let i = 0; i < 5; i++) api429.push((await admin('GET', '/api/v1/pages?limit=1')).status);
      expect(api429).toContain(429);
    } finally {
      await s.close();
    }
  }, 60_000);
});
