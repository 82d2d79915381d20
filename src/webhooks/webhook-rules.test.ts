// The pure rules of event webhooks: the Standard Webhooks signature (checked against the
// `standardwebhooks` reference library), the retry schedule over 24 hours, which subscriptions an
// event goes to, and the events a page change becomes.
import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { Temporal } from '../kernel/time.ts';
import { typeMatches } from './event-type.ts';
import { bodyOf, pageEvents } from './payload.ts';
import { nextAttemptAt, RETRY_WINDOW_MS, verdictOf } from './retry-schedule.ts';
import { formatSecret, isValidSecret, sign, signedHeaders } from './signature.ts';
import { checkSubscriptionInput, fanOut, matches } from './subscription.ts';

const T0 = Temporal.Instant.from('2026-12-03T10:00:00Z');
const SECRET = formatSecret(new Uint8Array(32).map((_, i) => i + 1));

describe('Standard Webhooks signature', () => {
  it('is what the reference library computes and verifies, for one secret or two during a rotation', () => {
    const body = '{"type":"page.triggered","data":{"x":"é"}}';
    const at = Math.floor(Date.now() / 1000);
    expect(sign(SECRET, 'msg_1', at, body)).toBe(new Webhook(SECRET).sign('msg_1', new Date(at * 1000), body));
    const other = formatSecret(new Uint8Array(24).fill(9));
    const h = signedHeaders([other, SECRET], 'msg_1', at, body);
    expect(h['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(SECRET).verify(body, h)).toMatchObject({ type: 'page.triggered' });
    expect(new Webhook(other).verify(body, h)).toMatchObject({ type: 'page.triggered' });
  });

  it('secrets are whsec_ + base64 of 24 to 64 bytes', () => {
    expect(SECRET).toMatch(/^whsec_/);
    expect(isValidSecret(SECRET)).toBe(true);
    expect(isValidSecret(formatSecret(new Uint8Array(23)))).toBe(false);
    expect(isValidSecret(formatSecret(new Uint8Array(65)))).toBe(false);
    expect(isValidSecret('whsec_not base64!')).toBe(false);
    expect(isValidSecret(SECRET.slice(6))).toBe(false);
  });
});

describe('retry schedule (Standard Webhooks: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, within 24 h)', () => {
  it('spaces the attempts and makes the last one at the 24-hour mark', () => {
    let now = T0;
    const at: number[] = [0];
    for (let n = 1; ; n++) {
      const next = nextAttemptAt(T0, n, now);
      if (!next) break;
      at.push(next.epochMilliseconds - T0.epochMilliseconds);
      now = next;
    }
    const h = 3_600_000;
    expect(at).toEqual([0, 5_000, 305_000, 2_105_000, 2_105_000 + 2 * h, 2_105_000 + 7 * h, 2_105_000 + 17 * h, RETRY_WINDOW_MS]);
  });

  it('a late attempt past the 24 hours is the last', () => {
    expect(nextAttemptAt(T0, 3, T0.add({ hours: 25 }))).toBeNull();
  });

  it('2xx is delivered, 410 stops the subscription, anything else (or no answer) is retried', () => {
    expect([200, 204, 299, 410, 301, 404, 500, null].map(verdictOf)).toEqual(['delivered', 'delivered', 'delivered', 'gone', 'retry', 'retry', 'retry', 'retry']);
  });
});

describe('which subscriptions an event goes to', () => {
  const sub = (over: Partial<Parameters<typeof matches>[0]> = {}) => ({ enabled: true, eventTypes: ['page.triggered'], serviceIds: [], organizationIds: [], ...over });
  const ev = { type: 'page.triggered', serviceId: 'db', organizationId: 'acme' };

  it('by type, escalation.* covering every escalation change', () => {
    expect(typeMatches('escalation.*', 'escalation.filed')).toBe(true);
    expect(typeMatches('escalation.*', 'emergency.opened')).toBe(false);
    expect(matches(sub(), ev)).toBe(true);
    expect(matches(sub({ eventTypes: ['page.resolved'] }), ev)).toBe(false);
    expect(matches(sub({ enabled: false }), ev)).toBe(false);
  });

  it('by service and organisation when the subscription names some', () => {
    expect(matches(sub({ serviceIds: ['db'] }), ev)).toBe(true);
    expect(matches(sub({ serviceIds: ['web'] }), ev)).toBe(false);
    expect(matches(sub({ organizationIds: ['acme'] }), ev)).toBe(true);
    expect(matches(sub({ organizationIds: ['globex'] }), ev)).toBe(false);
    expect(matches(sub({ organizationIds: ['acme'] }), { ...ev, organizationId: null })).toBe(false);
  });

  it('fans out per matching subscription', () => {
    const a = { ...sub(), id: 'a' };
    const b = { ...sub({ serviceIds: ['web'] }), id: 'b' };
    expect(fanOut([a, b], [{ ...ev, at: T0, data: {} }]).map((p) => p.subscription.id)).toEqual(['a']);
  });

  it('refuses a bad receiver address or an unknown event type', () => {
    expect(() => checkSubscriptionInput({ name: 'x', url: 'file:///etc/passwd', eventTypes: ['page.triggered'] })).toThrow(/http\(s\) URL/);
    expect(() => checkSubscriptionInput({ name: 'x', url: 'https://h.example/x', eventTypes: ['page.*'] })).toThrow(/Unknown event type "page.\*"/);
    expect(() => checkSubscriptionInput({ url: 'https://h.example/x' }, true)).not.toThrow();
  });
});

describe('payloads', () => {
  it('a page change becomes one versioned event per entry a subscriber can ask for', () => {
    const page = { id: 'p1', number: 7, title: 'Disk', status: 'acknowledged', urgency: 'high' as const, serviceId: 'db', ticketId: null, escalationLevel: 0, targetUserIds: ['u1'], triggeredAt: T0, acknowledgedAt: T0.add({ minutes: 1 }), resolvedAt: null };
    const events = pageEvents(page, [
      { type: 'page.triggered', at: T0, actorUserId: null, actorSystem: 'events' },
      { type: 'page.reassigned', at: T0, actorUserId: 'u2', actorSystem: null },
      { type: 'page.acknowledged', at: T0.add({ minutes: 1 }), actorUserId: 'u1', actorSystem: null },
    ], null);
    expect(events.map((e) => e.type)).toEqual(['page.triggered', 'page.acknowledged']);
    expect(JSON.parse(bodyOf(events[1]))).toEqual({
      type: 'page.acknowledged', version: '2026-12-01', timestamp: '2026-12-03T10:01:00.000Z',
      data: { page: { id: 'p1', number: 7, title: 'Disk', status: 'acknowledged', urgency: 'high', serviceId: 'db', ticketId: null, escalationLevel: 0, targetUserIds: ['u1'], triggeredAt: '2026-12-03T10:00:00.000Z', acknowledgedAt: '2026-12-03T10:01:00.000Z', resolvedAt: null }, actor: { kind: 'user', userId: 'u1', name: null } },
    });
  });
});
