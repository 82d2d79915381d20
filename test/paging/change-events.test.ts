// PG-8: PagerDuty's change events, sent by the real @pagerduty/pdjs change() (which speaks only
// HTTPS: it reaches Hotline through a TLS terminator on loopback with a certificate made for the
// test). A change is kept on its service's timeline and shown on the pages of that service
// triggered within the hour after it; bad payloads get PagerDuty's 400 body and store nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { change } from '@pagerduty/pdjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/clock.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { http, startTestServer, type TestServer } from '../support/server.ts';

const KEY = 'hotlinedemocustomeremergencies01';
const OTHER = 'changeeventsotherservicekey00001';

/** A TLS front for Hotline on loopback, trusted through `ca`, as PagerDuty's HTTPS host would be. */
async function tlsFront(target: string): Promise<{ server: string; ca: string; close(): void; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const ca = readFileSync(join(dir, 'cert.pem'), 'utf8');
  const { port, hostname } = new URL(target);
  const srv = tls.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: ca }, (client) => {
    const up = net.connect(Number(port), hostname);
    client.pipe(up).pipe(client);
    client.on('error', () => up.destroy());
    up.on('error', () => client.destroy());
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  return { server: `127.0.0.1:${(srv.address() as net.AddressInfo).port}`, ca, dir, close: () => srv.close() };
}

describe.each(testEngines())('PG-8 change events (%s)', (engine) => {
  let s: TestServer;
  let front: Awaited<ReturnType<typeof tlsFront>>;
  let admin: ReturnType<typeof http>;
  let api: ReturnType<typeof http>;
  const clock = new FakeClock(new Date().toISOString());
  beforeAll(async () => {
    s = await startTestServer({ demo: true, engine, clock });
    front = await tlsFront(s.url);
    admin = http(s.url, { token: s.admin.token });
    api = http(s.url);
    await admin('POST', '/api/v1/services', { id: 'change-other', name: 'Change other', integrationKey: OTHER });
  }, 30_000);
  afterAll(async () => {
    front?.close();
    await s?.close();
    if (front) rmSync(front.dir, { recursive: true, force: true });
  });

  const send = (routingKey: string, summary: string, extra: Record<string, unknown> = {}) =>
    change({
      server: front.server,
      agent: new https.Agent({ ca: front.ca }),
      data: {
        routing_key: routingKey,
        payload: { summary, source: 'ci-pipeline', timestamp: '2026-12-03T08:42:58.315+0000', custom_details: { build_number: '2', build_state: 'passed' } },
        links: [{ href: 'https://ci.example/build/2', text: 'Build 2' }],
        ...extra,
      },
      // pdjs 2.2 declares change() with the alert event's parameters (event_action, severity
      // required), though it sends the change payload it documents; the change payload is what we send
    } as unknown as Parameters<typeof change>[0]);

  it('PG-8: pdjs change() is answered 202 as PagerDuty answers it, and the change is on the service\'s timeline', async () => {
    const r = await send(KEY, 'Deploy api v2.3.1');
    expect(r.status).toBe(202);
    expect(r.data).toEqual({ status: 'success', message: 'Change event processed' });
    const items = (await admin('GET', '/api/v1/services/customer-emergencies/changes')).body.items;
    expect(items[0]).toMatchObject({
      serviceId: 'customer-emergencies', summary: 'Deploy api v2.3.1', source: 'ci-pipeline', timestamp: '2026-12-03T08:42:58.315Z',
      customDetails: { build_number: '2', build_state: 'passed' }, links: [{ href: 'https://ci.example/build/2', text: 'Build 2' }],
    });
    // the change pages nobody
    expect((await admin('GET', '/api/v1/pages?status=any&limit=500')).body.items.filter((p: any) => p.title.includes('Deploy api'))).toEqual([]);
  });

  it('PG-8: a page shows its service\'s changes of the hour before it was triggered — not older ones, not other services\', not later ones', async () => {
    clock.advance({ minutes: 1 });
    await send(KEY, 'Old deploy (two hours before)');
    clock.advance({ minutes: 70 });
    await send(KEY, 'Feature flag checkout-v2 on');
    await send(OTHER, 'Deploy of another service');
    clock.advance({ minutes: 5 });
    const t = await api('POST', '/v2/enqueue', { routing_key: KEY, event_action: 'trigger', dedup_key: 'after-change', payload: { summary: 'Checkout 500s', source: 'web1', severity: 'critical' } });
    expect(t.status).toBe(202);
    clock.advance({ minutes: 1 });
    await send(KEY, 'Rollback of checkout-v2 (after the page)');
    const pageRow = (await admin('GET', '/api/v1/pages?status=open&limit=500')).body.items.find((p: any) => p.dedupKey === 'after-change');
    const page = (await admin('GET', `/api/v1/pages/${pageRow.id}`)).body;
    expect(page.recentChanges.map((c: any) => c.summary)).toEqual(['Feature flag checkout-v2 on']);
    // the service's own list has them all, newest first
    const all = (await admin('GET', '/api/v1/services/customer-emergencies/changes?limit=3')).body.items.map((c: any) => c.summary);
    expect(all).toEqual(['Rollback of checkout-v2 (after the page)', 'Feature flag checkout-v2 on', 'Old deploy (two hours before)']);
  });

  it.each([
    ['not JSON', '{nope', { status: 'Unrecognized object', message: 'Event object format is unrecognized' }],
    ['no summary', { routing_key: KEY, payload: { source: 'ci' } }, { status: 'invalid event', message: 'Event object is invalid', errors: ['payload.summary is required'] }],
    ['no payload', { routing_key: KEY }, { status: 'invalid event', errors: ['payload is required'] }],
    ['no routing key', { payload: { summary: 'x' } }, { status: 'invalid event', errors: ['routing_key is missing'] }],
    ['an unknown routing key', { routing_key: 'y'.repeat(32), payload: { summary: 'x' } }, { status: 'invalid event' }],
    ['links not a list', { routing_key: KEY, payload: { summary: 'x' }, links: 'https://x' }, { status: 'invalid event', errors: ['links must be an array'] }],
    ['a link without href', { routing_key: KEY, payload: { summary: 'x' }, links: [{ text: 'x' }] }, { status: 'invalid event', errors: ['links[0].href is required'] }],
    ['custom_details not an object', { routing_key: KEY, payload: { summary: 'x', custom_details: 'y' } }, { status: 'invalid event', errors: ['payload.custom_details must be an object'] }],
  ])('PG-8: %s → 400 in PagerDuty\'s shape, nothing stored', async (_name, body, expected) => {
    const before = (await admin('GET', '/api/v1/services/customer-emergencies/changes?limit=200')).body.items.length;
    const r = await api('POST', '/v2/change/enqueue', body);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject(expected);
    expect((await admin('GET', '/api/v1/services/customer-emergencies/changes?limit=200')).body.items.length).toBe(before);
  });

  it('PG-8: pdjs change() with a bad payload gets the 400 body through the client', async () => {
    const r = await change({ server: front.server, agent: new https.Agent({ ca: front.ca }), data: { routing_key: KEY, payload: { summary: '' } } } as unknown as Parameters<typeof change>[0]);
    expect(r.status).toBe(400);
    expect(r.data).toMatchObject({ status: 'invalid event', errors: ['payload.summary is required'] });
  });

  it('PG-8: a service\'s changes are for staff; an unknown service is a 404', async () => {
    expect((await api('GET', '/api/v1/services/customer-emergencies/changes')).status).toBe(401);
    const r = await admin('GET', '/api/v1/services/no-such-service/changes');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('service.not_found');
  });
});
