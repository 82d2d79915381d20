import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  decideEvent,
  DEFAULT_EVENTS_V2_LIMITS,
  invalidEventBody,
  pageTitleFor,
  successBody,
  unrecognizedBody,
  urgencyForSeverity,
  validateEventV2,
  type NormalisedEvent,
  type OpenPageRef,
} from './events-v2.ts';

const KEY = 'e93facc04764012d7bfb002500d5d1a6';
const trigger = (over: Record<string, unknown> = {}, payload: Record<string, unknown> = {}) => ({
  routing_key: KEY,
  event_action: 'trigger',
  dedup_key: 'srv01/mysql',
  payload: { summary: 'DISK at 99% on machine prod-datapipe03.example.com', source: 'prod-datapipe03.example.com', severity: 'critical', ...payload },
  ...over,
});

function errorsOf(body: unknown): string[] {
  const r = validateEventV2(body);
  if (r.ok) return [];
  return r.body.errors;
}
function ok(body: unknown): NormalisedEvent {
  const r = validateEventV2(body);
  if (!r.ok) throw new Error(JSON.stringify(r.body));
  return r.event;
}

describe('validation', () => {
  it('PG-8: the documented example trigger is accepted and normalised', () => {
    const e = ok({
      ...trigger({}, {
        timestamp: '2015-07-17T08:42:58.315+0000',
        component: 'mysql',
        group: 'prod-datapipe',
        class: 'disk',
        custom_details: { 'free space': '1%', 'ping time': '1500ms', 'load avg': 0.75 },
      }),
      client: 'Sample Monitoring Service',
      client_url: 'https://monitoring.service.com',
      links: [{ href: 'http://pagerduty.example.com', text: 'An example link.' }],
      images: [{ src: 'https://chart.example.com/x.png', href: 'https://google.com', alt: 'An example link with an image' }],
    });
    expect(e).toMatchObject({ routingKey: KEY, action: 'trigger', dedupKey: 'srv01/mysql', client: 'Sample Monitoring Service', warnings: [] });
    expect(e.payload).toMatchObject({ severity: 'critical', component: 'mysql', group: 'prod-datapipe', class: 'disk' });
    expect(e.payload?.timestamp?.toString()).toBe('2015-07-17T08:42:58.315Z');
    expect(e.links).toEqual([{ href: 'http://pagerduty.example.com', text: 'An example link.' }]);
    expect(e.images).toHaveLength(1);
  });

  const bad: Array<[string, unknown, string]> = [
    ['PG-8: routing_key must be 32 characters', trigger({ routing_key: 'short' }), 'routing_key is the wrong length (should be 32 characters)'],
    ['PG-8: routing_key is required', trigger({ routing_key: undefined }), 'routing_key is missing'],
    ['PG-8: routing_key is a string', trigger({ routing_key: 12 }), 'routing_key must be a string'],
    ['PG-8: unknown event_action', trigger({ event_action: 'snooze' }), 'event_action must be one of trigger, acknowledge, resolve'],
    ['PG-8: dedup_key at most 255', trigger({ dedup_key: 'k'.repeat(256) }), 'dedup_key is too long (maximum is 255 characters)'],
    ['PG-8: summary at most 1024', trigger({}, { summary: 'x'.repeat(1025) }), 'payload.summary is too long (maximum is 1024 characters)'],
    ['PG-8: summary required', trigger({}, { summary: undefined }), 'payload.summary is required'],
    ['PG-8: source required', trigger({}, { source: '' }), 'payload.source is required'],
    ['PG-8: severity enumerated', trigger({}, { severity: 'fatal' }), 'payload.severity must be one of critical, error, warning, info'],
    ['PG-8: payload required for trigger', trigger({ payload: undefined }), 'payload is required for trigger events'],
    ['PG-8: dedup_key required for acknowledge', { routing_key: KEY, event_action: 'acknowledge' }, 'dedup_key is required for acknowledge events'],
    ['PG-8: dedup_key required for resolve (empty string)', { routing_key: KEY, event_action: 'resolve', dedup_key: '' }, 'dedup_key is required for resolve events'],
    ['PG-8: link needs href', trigger({ links: [{ text: 'x' }] }), 'links[0].href is required'],
    ['PG-8: image needs src', trigger({ images: [{ alt: 'x' }] }), 'images[0].src is required'],
    ['PG-8: links is an array', trigger({ links: 'x' }), 'links must be an array'],
    ['PG-8: a v1 body is named as such', { service_key: KEY, event_type: 'trigger', description: 'x' }, 'routing_key is missing; this looks like an Events API v1 body (service_key/event_type) — send the v2 format'],
  ];
  it.each(bad)('%s', (_n, body, expected) => {
    expect(errorsOf(body)).toContain(expected);
  });

  it('PG-8: the 400 body has the documented shape', () => {
    const r = validateEventV2(trigger({ routing_key: 'short' }));
    expect(r).toEqual({ ok: false, httpStatus: 400, body: { status: 'invalid event', message: 'Event object is invalid', errors: ['routing_key is the wrong length (should be 32 characters)'] } });
    expect(invalidEventBody(['x']).message).toBe('Event object is invalid');
  });

  it('PG-8: a non-object body is "Unrecognized object"', () => {
    for (const body of [null, [], 'x', 3]) {
      const r = validateEventV2(body);
      expect(r.ok ? null : r.body.status).toBe('Unrecognized object');
    }
    expect(unrecognizedBody()).toEqual({ status: 'Unrecognized object', message: 'Event object format is unrecognized', errors: ['JSON parse error'] });
  });

  it('PG-8: summary length counts code points, so 1024 emoji still pass', () => {
    expect(errorsOf(trigger({}, { summary: '🔥'.repeat(1024) }))).toEqual([]);
  });

  it('PG-8: tolerated oddities become warnings, not errors', () => {
    const e = ok(trigger({ images: [{ src: 'http://insecure.example/x.png' }] }, { severity: 'Warning', timestamp: 'yesterday', custom_details: 'free text' }));
    expect(e.images).toEqual([]);
    expect(e.payload).toMatchObject({ severity: 'warning', timestamp: null, customDetails: { details: 'free text' } });
    expect(e.warnings).toHaveLength(4);
  });

  it('PG-8: a minimal acknowledge needs no payload', () => {
    expect(ok({ routing_key: KEY, event_action: 'acknowledge', dedup_key: 'k' })).toMatchObject({ action: 'acknowledge', dedupKey: 'k', payload: null });
  });

  it('PG-8: the 512 KB constant is at least what Alertmanager allows', () => {
    expect(DEFAULT_EVENTS_V2_LIMITS.maxBodyBytes).toBeGreaterThanOrEqual(512_000);
  });
});

describe('Alertmanager pagerduty_config compatibility', () => {
  // Shaped like Alertmanager's notify/pagerduty encoding: dedup_key is the sha256 of the group key,
  // severity defaults to "error", source to the client, custom_details are strings, empty link
  // texts are sent as "", and resolves carry the full payload and client fields too.
  const dedup = 'a3f5c2d1e4b6978812345678901234567890abcdefabcdefabcdefabcdef1234';
  const am = (action: 'trigger' | 'resolve') => ({
    routing_key: KEY,
    dedup_key: dedup,
    event_action: action,
    payload: {
      summary: '[FIRING:1] HighLatency api prod',
      source: 'Alertmanager',
      severity: 'error',
      custom_details: { firing: 'Labels:\n - alertname = HighLatency\n', num_firing: '1', num_resolved: '0', resolved: '' },
    },
    client: 'Alertmanager',
    client_url: 'http://alertmanager.local:9093/#/alerts?receiver=hotline',
    links: [{ href: 'http://grafana.local/d/api', text: '' }],
  });

  it('PG-8: an Alertmanager trigger validates', () => {
    const e = ok(am('trigger'));
    expect(e).toMatchObject({ action: 'trigger', dedupKey: dedup, client: 'Alertmanager', links: [{ href: 'http://grafana.local/d/api', text: null }] });
    expect(e.payload?.customDetails).toMatchObject({ num_firing: '1' });
  });

  it('PG-8: an Alertmanager resolve (with payload and client fields) validates', () => {
    const e = ok(am('resolve'));
    expect(e).toMatchObject({ action: 'resolve', dedupKey: dedup, client: null });
    expect(e.payload?.summary).toBe('[FIRING:1] HighLatency api prod');
  });

  // Bodies recorded from a real Alertmanager 0.25.0 (Debian bookworm) with a pagerduty_config
  // pointed at a local listener: one alert fired, then resolved.
  const recorded = (name: string) => readFileSync(new URL(`./fixtures/alertmanager-0.25-${name}.json`, import.meta.url), 'utf8');

  it('PG-8: recorded Alertmanager 0.25 trigger then resolve: open a page, then resolve it', () => {
    const trig = recorded('trigger');
    const res = recorded('resolve');
    expect(Buffer.byteLength(trig)).toBeLessThan(DEFAULT_EVENTS_V2_LIMITS.maxBodyBytes);
    const t = ok(JSON.parse(trig));
    expect(t).toMatchObject({ action: 'trigger', dedupKey: 'cc9772a1ec901d26ef71dae861793e4d08979fa5030a3f0a5f3ba549f1f2d0b6', warnings: [] });
    expect(pageTitleFor(t)).toBe('[FIRING:1]  (HighLatency prod api)');
    expect(urgencyForSeverity(t.payload!.severity)).toBe('high');
    expect(decideEvent(t, null, 'unused')).toEqual({ kind: 'open_page', dedupKey: t.dedupKey });
    const r = ok(JSON.parse(res));
    expect(r.action).toBe('resolve');
    expect(decideEvent(r, { pageId: 'p1', status: 'triggered', routingKey: t.routingKey }, 'unused')).toEqual({ kind: 'resolve', pageId: 'p1', dedupKey: t.dedupKey });
  });

  it('PG-8: a resolve with an odd payload is still accepted (payload ignored)', () => {
    expect(ok({ ...am('resolve'), payload: { summary: 1 } }).payload).toBeNull();
  });
});

describe('dedup decision', () => {
  const ev = (action: 'trigger' | 'acknowledge' | 'resolve', dedupKey: string | null = 'k1') => ({ ...ok(trigger({ event_action: action, dedup_key: dedupKey ?? undefined })) });
  const open = (status: OpenPageRef['status'], routingKey = KEY): OpenPageRef => ({ pageId: 'p1', status, routingKey });

  const cases: Array<[string, NormalisedEvent, OpenPageRef | null, unknown]> = [
    ['PG-8: first trigger opens a page', ev('trigger'), null, { kind: 'open_page', dedupKey: 'k1' }],
    ['PG-8: trigger with the key of an open page appends', ev('trigger'), open('triggered'), { kind: 'append_alert', pageId: 'p1', dedupKey: 'k1' }],
    ['PG-8: trigger on an acknowledged page appends (no new notification)', ev('trigger'), open('acknowledged'), { kind: 'append_alert', pageId: 'p1', dedupKey: 'k1' }],
    ['PG-8: after resolve (no open page) a trigger opens a new page', ev('trigger'), null, { kind: 'open_page', dedupKey: 'k1' }],
    ['PG-8: trigger without dedup_key gets the generated key', ev('trigger', null), null, { kind: 'open_page', dedupKey: 'gen-uuid' }],
    ['PG-8: acknowledge the open page', ev('acknowledge'), open('triggered'), { kind: 'acknowledge', pageId: 'p1', dedupKey: 'k1' }],
    ['PG-8: acknowledge twice is dropped', ev('acknowledge'), open('acknowledged'), { kind: 'drop', dedupKey: 'k1', reason: 'already_acknowledged' }],
    ['PG-8: acknowledge with no open page is dropped', ev('acknowledge'), null, { kind: 'drop', dedupKey: 'k1', reason: 'no_open_page' }],
    ['PG-8: resolve with no open page is dropped', ev('resolve'), null, { kind: 'drop', dedupKey: 'k1', reason: 'no_open_page' }],
    ['PG-8: resolve an acknowledged page', ev('resolve'), open('acknowledged'), { kind: 'resolve', pageId: 'p1', dedupKey: 'k1' }],
    ['PG-8: resolve via another routing key is dropped', ev('resolve'), open('triggered', 'f'.repeat(32)), { kind: 'drop', dedupKey: 'k1', reason: 'routing_key_mismatch' }],
    ['PG-8: trigger via another routing key opens its own page', ev('trigger'), open('triggered', 'f'.repeat(32)), { kind: 'open_page', dedupKey: 'k1' }],
  ];
  it.each(cases)('%s', (_n, event, openPage, expected) => {
    expect(decideEvent(event, openPage, 'gen-uuid')).toEqual(expected);
  });

  it('PG-8: the 202 body', () => {
    expect(successBody('srv01/HTTP')).toEqual({ status: 'success', message: 'Event processed', dedup_key: 'srv01/HTTP' });
  });

  it('PG-8: severity → urgency and title', () => {
    expect([urgencyForSeverity('critical'), urgencyForSeverity('error'), urgencyForSeverity('warning'), urgencyForSeverity('info')]).toEqual(['high', 'high', 'low', 'low']);
    expect(pageTitleFor(ev('trigger'))).toBe('DISK at 99% on machine prod-datapipe03.example.com');
  });
});
