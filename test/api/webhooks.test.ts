// Event webhooks end to end on every engine, the demo workspace on a fake clock: admins subscribe
// receivers to event types (filtered by service or customer organisation); every delivery is
// verified by the `standardwebhooks` library on a real loopback receiver; a receiver that fails and
// recovers gets each event exactly once by webhook-id; a forged or replayed message is detected;
// a receiver that keeps failing for 24 hours (or answers 410) has its subscription disabled and the
// admins told; enabling it again may resend what the disabling cancelled, by the same webhook-id.
// Only admins manage subscriptions; bad input is a 400 with a code, nothing written.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { Temporal } from '../../src/kernel/time.ts';
import { testEngines } from '../../src/store/test-db.ts';
import { emergencyNode, type Api } from '../emergencies/helpers.ts';
import { startStandardWebhookReceiver, type StandardWebhookReceiver } from '../stand-ins/standard-webhook-receiver.ts';

const START = '2026-11-24T15:00:00Z';
const ALL = ['page.triggered', 'page.acknowledged', 'page.escalated', 'page.resolved', 'emergency.opened', 'emergency.qualified', 'emergency.resolved', 'ticket.created', 'ticket.updated', 'escalation.*'];

describe.each(testEngines())('event webhooks on %s', (engine) => {
  let n: Awaited<ReturnType<typeof emergencyNode>>;
  let engineer: Api;
  let acmeId: string;
  const receivers: StandardWebhookReceiver[] = [];
  const users: Record<string, string> = {};

  /** A subscription with its own receiver (verifying with the secret Hotline answered once). */
  const subscribe = async (name: string, body: Record<string, unknown>) => {
    const placeholder = await startStandardWebhookReceiver('whsec_' + Buffer.alloc(32, 1).toString('base64'));
    receivers.push(placeholder);
    const r = await n.admin('POST', '/api/v1/webhook-subscriptions', { name, url: placeholder.url, ...body });
    expect(r.status, r.text).toBe(201);
    expect(r.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    placeholder.setSecret(r.body.secret);
    return { id: r.body.subscription.id as string, secret: r.body.secret as string, rx: placeholder };
  };
  const page = async (serviceId: string, title: string) => {
    const r = await n.admin('POST', '/api/v1/pages', { serviceId, title, targetUserIds: [users['alice.nguyen@example.com']] });
    expect(r.status, r.text).toBe(201);
    return r.body as { id: string; number: number };
  };
  const advance = async (d: Temporal.DurationLike) => {
    n.clock.advance(d);
    await n.drain();
  };
  const log = async (id: string) => (await n.admin('GET', `/api/v1/webhook-subscriptions/${id}/deliveries?limit=200`)).body.items as any[];

  beforeAll(async () => {
    n = await emergencyNode(engine, START);
    engineer = await n.as('alice.nguyen@example.com');
    for (const who of ['alice.nguyen@example.com']) users[who] = (await n.admin('GET', `/api/v1/users?q=${who}`)).body.items[0].id;
    acmeId = (await n.admin('GET', '/api/v1/orgs?q=Acme')).body.items[0].id;
  }, 60_000);
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await n?.close();
  });

  it('only admins manage subscriptions; bad input is a 400 with its code and nothing is written', async () => {
    expect((await engineer('GET', '/api/v1/webhook-subscriptions')).status).toBe(403);
    expect((await engineer('POST', '/api/v1/webhook-subscriptions', { name: 'x', url: 'https://example.com/h', eventTypes: ['page.triggered'] })).status).toBe(403);
    const bad = async (body: unknown) => (await n.admin('POST', '/api/v1/webhook-subscriptions', body)).body?.error?.code;
    expect(await bad({ name: 'x', url: 'ftp://example.com/h', eventTypes: ['page.triggered'] })).toBe('webhook.bad_url');
    expect(await bad({ name: 'x', url: 'not a url', eventTypes: ['page.triggered'] })).toBe('webhook.bad_url');
    expect(await bad({ name: 'x', url: 'https://u:p@example.com/h', eventTypes: ['page.triggered'] })).toBe('webhook.bad_url');
    expect(await bad({ name: 'x', url: 'https://example.com/h', eventTypes: ['page.exploded'] })).toBe('request.invalid');
    expect(await bad({ name: 'x', url: 'https://example.com/h', eventTypes: [] })).toBe('request.invalid');
    expect(await bad({ name: ' ', url: 'https://example.com/h', eventTypes: ['page.triggered'] })).toBe('webhook.name_required');
    expect(await bad({ name: 'x', url: 'https://example.com/h', eventTypes: ['page.triggered'], secret: 'whsec_c2hvcnQ=' })).toBe('webhook.bad_secret');
    expect(await bad({ name: 'x', url: 'https://example.com/h', eventTypes: ['page.triggered'], colour: 'red' })).toBe('request.invalid');
    expect((await n.admin('GET', '/api/v1/webhook-subscriptions/nope')).body.error.code).toBe('webhook.not_found');
    expect((await n.admin('GET', '/api/v1/webhook-subscriptions')).body.items).toEqual([]);
  });

  it('every delivery verifies with the standardwebhooks library; filters by service and organisation hold; payloads are versioned', async () => {
    const all = await subscribe('Everything', { eventTypes: ALL });
    const emergencyPages = await subscribe('Emergency pages', { eventTypes: ['page.triggered', 'page.resolved'], serviceIds: ['customer-emergencies'] });
    const acme = await subscribe('Acme tickets', { eventTypes: ['ticket.created'], organizationIds: [acmeId] });
    const shown = (await n.admin('GET', `/api/v1/webhook-subscriptions/${all.id}`)).body;
    expect(shown).toMatchObject({ name: 'Everything', enabled: true, eventTypes: ALL });
    expect(JSON.stringify(shown)).not.toContain(all.secret); // shown once, at creation

    const p = await page('customer-support', 'Disk full on db-2');
    expect((await n.admin('POST', `/api/v1/pages/${p.id}/acknowledge`)).status).toBe(200);
    await n.drain();
    const t = await n.urgent('rita@acme.example', 'Acme production down'); // an emergency: a page on customer-emergencies
    await n.admin('POST', '/api/v1/tickets', { subject: 'Globex question', form: 'saas', priority: 'normal', requesterEmail: 'gus@globex.example', description: 'How do I?' });
    await n.drain();

    for (const rx of [all.rx, emergencyPages.rx, acme.rx]) {
      expect(rx.requests.length).toBeGreaterThan(0);
      expect(rx.requests.map((r) => r.rejected)).toEqual(rx.requests.map(() => null)); // verify() accepted every one
    }
    const types = (rx: StandardWebhookReceiver) => [...rx.accepted.values()].map((a) => a.type);
    expect(types(all.rx)).toEqual(expect.arrayContaining(['page.triggered', 'page.acknowledged', 'ticket.created', 'emergency.opened']));
    expect(types(emergencyPages.rx)).toEqual(['page.triggered']);
    expect([...emergencyPages.rx.accepted.values()][0].body.data.page.serviceId).toBe('customer-emergencies');
    expect(types(acme.rx)).toEqual(['ticket.created']); // not Globex's
    const created = [...acme.rx.accepted.values()][0].body;
    expect(created).toMatchObject({ type: 'ticket.created', version: '2026-12-01', data: { ticket: { id: t.id, number: t.number, organizationId: acmeId } } });
    expect(created.timestamp).toMatch(/^2026-11-24T15:00:00/);
    const trig = [...all.rx.accepted.values()].find((a) => a.type === 'page.triggered' && a.body.data.page.id === p.id)!;
    expect(trig.body.data.page).toMatchObject({ number: p.number, title: 'Disk full on db-2', serviceId: 'customer-support' });
    // the delivery log holds each delivery with its attempt
    const entries = await log(all.id);
    expect(entries.length).toBe(all.rx.accepted.size);
    expect(entries.every((d) => d.state === 'delivered' && d.attemptsLog.length === 1 && d.attemptsLog[0].statusCode === 200)).toBe(true);
    expect(new Set(entries.map((d) => d.id))).toEqual(new Set(all.rx.accepted.keys()));
  });

  it('a receiver that fails, then recovers, gets every event exactly once by webhook-id; the log shows each attempt and the backoff', async () => {
    const s = await subscribe('Flaky', { eventTypes: ['page.triggered', 'page.acknowledged', 'page.resolved'] });
    s.rx.failNext(7, 503);
    const pages = [await page('customer-support', 'Flaky one'), await page('customer-support', 'Flaky two')];
    await n.admin('POST', `/api/v1/pages/${pages[0].id}/acknowledge`);
    await n.drain(); // 3 first attempts fail
    expect(s.rx.accepted.size).toBe(0);
    await advance({ seconds: 5 }); // 3 second attempts fail
    expect(s.rx.accepted.size).toBe(0);
    await advance({ minutes: 5 }); // one more fails, two get through
    await advance({ minutes: 30 }); // the last gets through
    await advance({ hours: 25 }); // nothing is sent again
    expect(s.rx.accepted.size).toBe(3);
    const ids = s.rx.requests.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(3);
    expect(s.rx.requests.length).toBe(3 + 7); // raw attempts: one success each and the 7 failures
    expect(s.rx.requests.filter((r) => r.status === 200).map((r) => r.headers['webhook-id']).sort()).toEqual([...s.rx.accepted.keys()].sort()); // each accepted exactly once
    const entries = await log(s.id);
    expect(entries.map((d) => d.state)).toEqual(['delivered', 'delivered', 'delivered']);
    const longest = entries.find((d) => d.attemptsLog.length === 4)!;
    expect(longest.attemptsLog.map((a: any) => [a.outcome, a.statusCode])).toEqual([['retry', 503], ['retry', 503], ['retry', 503], ['delivered', 200]]);
    const gaps = longest.attemptsLog.slice(1).map((a: any, i: number) => Temporal.Instant.from(a.at).epochMilliseconds - Temporal.Instant.from(longest.attemptsLog[i].at).epochMilliseconds);
    expect(gaps).toEqual([5_000, 300_000, 1_800_000]);
    expect(longest.attemptsLog[0].nextAttemptAt).toBe(longest.attemptsLog[1].at);
  });

  it('a forged body, a foreign signature or a replayed old message is refused by the receiver\'s library', async () => {
    const s = await subscribe('Forgery check', { eventTypes: ['page.triggered'] });
    await page('customer-support', 'Signature check');
    await n.drain();
    const got = s.rx.requests[0];
    const wh = new Webhook(s.secret);
    expect(wh.verify(got.rawBody, got.headers)).toMatchObject({ type: 'page.triggered' });
    expect(got.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(() => wh.verify(got.rawBody.replace('Signature check', 'Signature checK'), got.headers)).toThrow(/No matching signature/);
    const other = new Webhook('whsec_' + Buffer.alloc(32, 7).toString('base64'));
    const forgedSig = other.sign(got.headers['webhook-id'], new Date(Number(got.headers['webhook-timestamp']) * 1000), got.rawBody);
    expect(() => wh.verify(got.rawBody, { ...got.headers, 'webhook-signature': forgedSig })).toThrow(/No matching signature/);
    expect(() => wh.verify(got.rawBody, { ...got.headers, 'webhook-id': 'msg_other' })).toThrow(/No matching signature/);
    // the same bytes sent again ten minutes later: the timestamp gives the replay away
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Number(got.headers['webhook-timestamp']) * 1000 + 10 * 60_000);
      expect(() => wh.verify(got.rawBody, got.headers)).toThrow(/timestamp too old/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('"send test event" delivers a signed webhook.test the log shows; a rotated secret signs beside the old one for a day', async () => {
    const s = await subscribe('Test button', { eventTypes: ['ticket.created'] });
    const r = await n.admin('POST', `/api/v1/webhook-subscriptions/${s.id}/test`);
    expect(r.status, r.text).toBe(202);
    await n.drain();
    expect(s.rx.accepted.get(r.body.deliveryId)).toMatchObject({ type: 'webhook.test', body: { data: { subscriptionId: s.id } } });
    expect((await log(s.id))[0]).toMatchObject({ id: r.body.deliveryId, eventType: 'webhook.test', state: 'delivered' });

    const rot = await n.admin('POST', `/api/v1/webhook-subscriptions/${s.id}/rotate-secret`);
    expect(rot.status).toBe(200);
    expect(rot.body.secret).not.toBe(s.secret);
    const t2 = await n.admin('POST', `/api/v1/webhook-subscriptions/${s.id}/test`);
    await n.drain();
    const req = s.rx.requests.find((x) => x.headers['webhook-id'] === t2.body.deliveryId)!;
    expect(req.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(rot.body.secret).verify(req.rawBody, req.headers)).not.toThrow();
    expect(() => new Webhook(s.secret).verify(req.rawBody, req.headers)).not.toThrow();
  });

  it('a receiver failing for 24 hours has its subscription disabled and every admin told; 410 Gone disables at once; enable brings it back', async () => {
    // (the demo's emergency timers page the emergency services meanwhile: this one hears customer support only)
    const dead = await subscribe('Dead receiver', { eventTypes: ['page.triggered'], serviceIds: ['customer-support'] });
    dead.rx.always(500);
    await page('customer-support', 'Nobody listens');
    await n.drain();
    // at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, and the last at the 24-hour mark
    for (const d of [{ seconds: 5 }, { minutes: 5 }, { minutes: 30 }, { hours: 2 }, { hours: 5 }, { hours: 10 }, { hours: 6, minutes: 24, seconds: 55 }]) await advance(d);
    const entries = await log(dead.id);
    expect(entries).toHaveLength(1);
    const entry = entries[0];
    expect(entry.state).toBe('failed');
    expect(entry.attemptsLog.map((a: any) => a.outcome)).toEqual(['retry', 'retry', 'retry', 'retry', 'retry', 'retry', 'retry', 'failed']);
    const last = entry.attemptsLog.at(-1);
    expect(Temporal.Instant.from(last.at).epochMilliseconds - Temporal.Instant.from(entry.attemptsLog[0].at).epochMilliseconds).toBe(24 * 3_600_000);
    const shown = (await n.admin('GET', `/api/v1/webhook-subscriptions/${dead.id}`)).body;
    expect(shown.enabled).toBe(false);
    expect(shown.disabledReason).toMatch(/could not be delivered in 24 hours/);
    const told = await n.s.hotline.ctx.db.kysely.selectFrom('jobs').select('payload').where('kind', '=', 'notify.person').execute();
    const admins = (await n.admin('GET', '/api/v1/users?role=admin')).body.items.map((u: any) => u.id);
    const notices = told.map((j) => JSON.parse(j.payload)).filter((p) => p.subject === 'Webhook "Dead receiver" disabled');
    expect(new Set(notices.map((p) => p.userId))).toEqual(new Set(admins));
    // a disabled subscription is sent nothing
    const before = dead.rx.requests.length;
    await page('customer-support', 'Still nobody');
    await advance({ minutes: 1 });
    expect(dead.rx.requests.length).toBe(before);
    // enabled again, it hears new events
    dead.rx.always(null);
    expect((await n.admin('POST', `/api/v1/webhook-subscriptions/${dead.id}/enable`)).body.enabled).toBe(true);
    await page('customer-support', 'Back again');
    await n.drain();
    expect([...dead.rx.accepted.values()].map((a) => a.body.data.page.title)).toContain('Back again');
    expect([...dead.rx.accepted.values()].map((a) => a.body.data.page.title)).not.toContain('Still nobody');

    const gone = await subscribe('Gone receiver', { eventTypes: ['page.triggered'] });
    gone.rx.always(410);
    await page('customer-support', 'Gone');
    await n.drain();
    const g = (await n.admin('GET', `/api/v1/webhook-subscriptions/${gone.id}`)).body;
    expect(g.enabled).toBe(false);
    expect(g.disabledReason).toMatch(/410 Gone/);
    expect((await log(gone.id))[0].attemptsLog.map((a: any) => a.outcome)).toEqual(['gone']);
  });

  it('the OpenAPI 3.1 document describes every webhook body under `webhooks`, and the admin routes', async () => {
    const doc = (await n.admin('GET', '/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.webhooks)).toEqual(['page', 'emergency', 'ticket', 'escalation', 'test']);
    const page = doc.webhooks.page.post;
    expect(page.parameters.map((p: any) => p.name)).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
    expect(page.requestBody.content['application/json'].schema.properties.version.const).toBe('2026-12-01');
    expect(doc.paths['/api/v1/webhook-subscriptions/{id}/test'].post.operationId).toBe('sendWebhookTestEvent');
  });

  it('a deleted subscription is gone with its log', async () => {
    const s = await subscribe('Short-lived', { eventTypes: ['page.triggered'] });
    expect((await n.admin('DELETE', `/api/v1/webhook-subscriptions/${s.id}`)).status).toBe(204);
    expect((await n.admin('GET', `/api/v1/webhook-subscriptions/${s.id}`)).status).toBe(404);
  });

  /** A subscription disabled by a 410 while `n` earlier deliveries were waiting for their retry (so the disabling cancelled them). */
  const disabledBy410 = async (name: string, count: number) => {
    const s = await subscribe(name, { eventTypes: ['page.triggered'], serviceIds: ['customer-support'] });
    s.rx.always(503);
    for (let i = 0; i < count; i++) await page('customer-support', `${name} ${i + 1}`);
    await n.drain(); // first attempts fail; the retries wait 5 s
    await advance({ seconds: 5 }); // second attempts fail; the retries wait 5 min
    s.rx.always(null);
    s.rx.failNext(1, 410);
    await page('customer-support', `${name} gone`);
    await n.drain(); // its first attempt is answered 410: the subscription is disabled
    expect((await n.admin('GET', `/api/v1/webhook-subscriptions/${s.id}`)).body).toMatchObject({ enabled: false, disabledReason: expect.stringMatching(/410 Gone/) });
    const entries = await log(s.id);
    const cancelled = entries.filter((d) => d.state === 'cancelled');
    expect(cancelled).toHaveLength(count);
    expect(cancelled.every((d) => d.lastError === 'subscription disabled' && d.attemptsLog.length === 2)).toBe(true);
    expect(entries.filter((d) => d.state === 'failed')).toHaveLength(1);
    expect(s.rx.accepted.size).toBe(0);
    return { ...s, cancelledIds: cancelled.map((d) => d.id as string) };
  };
  const cancelledCount = async (id: string) => (await n.admin('GET', `/api/v1/webhook-subscriptions/${id}/cancelled-deliveries`)).body;

  it('enabled with resend, a subscription disabled by a 410 sends each cancelled delivery once, by the same webhook-id; only admins may', async () => {
    const s = await disabledBy410('Resend', 3);
    expect(await cancelledCount(s.id)).toMatchObject({ cancelled: 3, resendable: 3 });
    const rita = await n.as('rita@acme.example');
    for (const who of [engineer, rita]) {
      expect((await who('POST', `/api/v1/webhook-subscriptions/${s.id}/enable`, { resendCancelled: true })).status).toBe(403);
      expect((await who('GET', `/api/v1/webhook-subscriptions/${s.id}/cancelled-deliveries`)).status).toBe(403);
    }
    expect((await n.admin('POST', `/api/v1/webhook-subscriptions/${s.id}/enable`, { resendCancelled: 'yes' })).body.error.code).toBe('request.invalid');
    expect((await n.admin('GET', `/api/v1/webhook-subscriptions/${s.id}`)).body.enabled).toBe(false); // refused: nothing written
    const before = s.rx.requests.length;
    const r = await n.admin('POST', `/api/v1/webhook-subscriptions/${s.id}/enable`, { resendCancelled: true });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ id: s.id, enabled: true, disabledReason: null, resent: 3 });
    await n.drain();
    await advance({ minutes: 10 }); // the retries the disabling left queued were re-armed, not doubled
    await advance({ hours: 25 });
    const sent = s.rx.requests.slice(before);
    expect(sent.map((q) => q.headers['webhook-id']).sort()).toEqual([...s.cancelledIds].sort()); // each once, nothing else
    expect(sent.every((q) => q.status === 200 && q.rejected === null)).toBe(true);
    expect(new Set(s.rx.accepted.keys())).toEqual(new Set(s.cancelledIds));
    expect([...s.rx.accepted.values()].map((a) => a.body.data.page.title).sort()).toEqual(['Resend 1', 'Resend 2', 'Resend 3']);
    const entries = await log(s.id);
    const resent = entries.filter((d) => s.cancelledIds.includes(d.id));
    expect(resent.every((d) => d.state === 'delivered' && d.attemptsLog.map((a: any) => a.outcome).join() === 'retry,retry,delivered')).toBe(true);
    expect(entries.find((d) => !s.cancelledIds.includes(d.id))!.state).toBe('failed'); // the 410'd one is not resent
    expect(await cancelledCount(s.id)).toMatchObject({ cancelled: 0, resendable: 0 });
    // enabling an enabled subscription changes nothing
    expect((await n.admin('POST', `/api/v1/webhook-subscriptions/${s.id}/enable`, { resendCancelled: true })).body.resent).toBe(0);
  });

  it('enabled without resend, nothing cancelled is sent, and a later disabling does not offer it again', async () => {
    const s = await disabledBy410('No resend', 2);
    const before = s.rx.requests.length;
    const r = await n.admin('POST', `/api/v1/webhook-subscriptions/${s.id}/enable`);
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ enabled: true, resent: 0 });
    await n.drain();
    await advance({ minutes: 10 });
    expect(s.rx.requests.length).toBe(before);
    expect((await log(s.id)).filter((d) => d.state === 'cancelled')).toHaveLength(2);
    expect((await n.admin('POST', `/api/v1/webhook-subscriptions/${s.id}/disable`)).body.enabled).toBe(false);
    expect(await cancelledCount(s.id)).toMatchObject({ cancelled: 0, resendable: 0 });
    expect((await n.admin('POST', `/api/v1/webhook-subscriptions/${s.id}/enable`, { resendCancelled: true })).body.resent).toBe(0);
    await n.drain();
    expect(s.rx.requests.length).toBe(before);
  });

  it('deliveries queued more than 7 days before the enable are not resent (the last test here: it moves the clock a week)', async () => {
    const s = await subscribe('Week old', { eventTypes: ['page.triggered'], serviceIds: ['customer-support'] });
    s.rx.always(503);
    await page('customer-support', 'Old news');
    await n.drain();
    expect((await n.admin('POST', `/api/v1/webhook-subscriptions/${s.id}/disable`)).body.enabled).toBe(false);
    n.clock.advance({ hours: 6 * 24 + 23 });
    await page('customer-support', 'While disabled'); // not queued for a disabled subscription
    expect(await cancelledCount(s.id)).toMatchObject({ cancelled: 1, resendable: 1 });
    n.clock.advance({ hours: 2 });
    expect(await cancelledCount(s.id)).toMatchObject({ cancelled: 1, resendable: 0 });
    s.rx.always(null);
    const before = s.rx.requests.length;
    expect((await n.admin('POST', `/api/v1/webhook-subscriptions/${s.id}/enable`, { resendCancelled: true })).body.resent).toBe(0);
    await n.drain();
    expect(s.rx.requests.length).toBe(before);
    expect(await cancelledCount(s.id)).toMatchObject({ cancelled: 0 });
  });
});
