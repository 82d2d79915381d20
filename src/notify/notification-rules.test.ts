import { describe, it, expect } from 'vitest';
import { instant } from '../kernel/time.ts';
import { DomainError } from '../kernel/errors.ts';
import {
  deliveryKey,
  isRetryableStatus,
  nextRetryAt,
  planNotifications,
  validateRules,
  type ContactMethod,
  type NotificationRule,
} from './notification-rules.ts';

const T0 = instant('2026-03-02T16:00:00Z');
const methods: ContactMethod[] = [
  { id: 'm-mail', userId: 'alice', type: 'email', address: 'alice@hotline.test', verified: true },
  { id: 'm-sms', userId: 'alice', type: 'sms', address: '+15550100', verified: true },
  { id: 'm-voice', userId: 'alice', type: 'voice', address: '+15550100', verified: true },
  { id: 'm-push', userId: 'alice', type: 'push', address: 'device-1', verified: false },
  { id: 'm-bob', userId: 'bob', type: 'email', address: 'bob@hotline.test', verified: true },
];
const rules: NotificationRule[] = [
  { contactMethodId: 'm-mail', delayMinutes: 0 },
  { contactMethodId: 'm-sms', delayMinutes: 2 },
  { contactMethodId: 'm-voice', delayMinutes: 5, urgency: 'high' },
];
const page = { id: 'p1', urgency: 'high' as const };
const hhmm = (i: { toString(): string }) => i.toString().slice(11, 16);

describe('planned deliveries', () => {
  it('PG-6: email at 0, sms at 2, voice at 5 with per-rule idempotency keys', () => {
    const plan = planNotifications({ page, userId: 'alice', methods, rules, notifyAt: T0 });
    expect(plan.deliveries.map((d) => [d.method, hhmm(d.at), d.key])).toEqual([
      ['email', '16:00', 'page:p1:user:alice:rule:0'],
      ['sms', '16:02', 'page:p1:user:alice:rule:1'],
      ['voice', '16:05', 'page:p1:user:alice:rule:2'],
    ]);
    expect(plan).toMatchObject({ skipped: [], fallbackUsed: false, unreachable: false });
  });

  it('PG-6: an unverified method is skipped with a reason', () => {
    const plan = planNotifications({ page, userId: 'alice', methods, rules: [...rules, { contactMethodId: 'm-push', delayMinutes: 0 }], notifyAt: T0 });
    expect(plan.deliveries).toHaveLength(3);
    expect(plan.skipped).toEqual([expect.objectContaining({ ruleIndex: 3, reason: 'unverified' })]);
  });

  it('PG-6: urgency-aware rules — low urgency pages skip the voice call', () => {
    const plan = planNotifications({ page: { id: 'p1', urgency: 'low' }, userId: 'alice', methods, rules, notifyAt: T0 });
    expect(plan.deliveries.map((d) => d.method)).toEqual(['email', 'sms']);
    expect(plan.skipped[0]).toMatchObject({ ruleIndex: 2, reason: 'urgency' });
  });

  it("PG-6: someone else's method and a deleted method are skipped", () => {
    const plan = planNotifications({
      page,
      userId: 'alice',
      methods,
      rules: [
        { contactMethodId: 'm-bob', delayMinutes: 0 },
        { contactMethodId: 'gone', delayMinutes: 0 },
      ],
      notifyAt: T0,
      fallback: false,
    });
    expect(plan.skipped.map((s) => s.reason)).toEqual(['other_user', 'missing_method']);
    expect(plan.unreachable).toBe(true);
  });

  it('PG-6: no usable rule → fallback over verified methods, numbered after own rules', () => {
    const plan = planNotifications({ page, userId: 'alice', methods, rules: [{ contactMethodId: 'm-push', delayMinutes: 0 }], notifyAt: T0 });
    expect(plan.fallbackUsed).toBe(true);
    expect(plan.deliveries.map((d) => [d.method, hhmm(d.at), d.ruleIndex])).toEqual([
      ['email', '16:00', 1],
      ['sms', '16:02', 3],
      ['voice', '16:05', 4],
    ]);
  });

  it('PG-6: rules that deliberately skip an urgency do not trigger the fallback', () => {
    const plan = planNotifications({ page: { id: 'p', urgency: 'low' }, userId: 'alice', methods, rules: [{ contactMethodId: 'm-voice', delayMinutes: 0, urgency: 'high' }], notifyAt: T0 });
    expect(plan).toMatchObject({ deliveries: [], fallbackUsed: false, unreachable: false });
  });

  it('PG-6: nobody reachable is reported', () => {
    const plan = planNotifications({ page, userId: 'zed', methods, rules: [], notifyAt: T0 });
    expect(plan.unreachable).toBe(true);
  });

  it('PG-6: later notification cycles get distinct keys', () => {
    expect(deliveryKey('p1', 'alice', 0)).toBe('page:p1:user:alice:rule:0');
    expect(deliveryKey('p1', 'alice', 0, 2)).toBe('page:p1:user:alice:rule:0:cycle:2');
    const plan = planNotifications({ page, userId: 'alice', methods, rules, notifyAt: T0, cycle: 1 });
    expect(plan.deliveries[0].key).toBe('page:p1:user:alice:rule:0:cycle:1');
  });

  it('PG-6: rule validation', () => {
    const code = (r: NotificationRule[]) => {
      try {
        validateRules('alice', r, methods);
        return 'ok';
      } catch (e) {
        return (e as DomainError).code;
      }
    };
    expect(code(rules)).toBe('ok');
    expect(code([{ contactMethodId: 'm-mail', delayMinutes: -1 }])).toBe('notify.bad_delay');
    expect(code([{ contactMethodId: 'm-bob', delayMinutes: 0 }])).toBe('notify.unknown_method');
  });
});

describe('retry schedule', () => {
  const retry = { retryable: true };
  const cases: Array<[string, number, { retryable: boolean; retryAfterMs?: number }, number, string | null]> = [
    ['PG-6: first failure retries after 15 s', 1, retry, 0, '16:00:15'],
    ['PG-6: backoff doubles', 3, retry, 0, '16:01:00'],
    ['PG-6: jitter shortens by up to 20%', 1, retry, 1, '16:00:12'],
    ['PG-6: a longer Retry-After wins', 1, { retryable: true, retryAfterMs: 90_000 }, 0, '16:01:30'],
    ['PG-6: gives up after the last attempt', 5, retry, 0, null],
    ['PG-6: permanent failures are not retried', 1, { retryable: false }, 0, null],
  ];
  it.each(cases)('%s', (_n, attempt, failure, random, expected) => {
    const at = nextRetryAt(T0, attempt, failure, undefined, random);
    expect(at ? at.toString().slice(11, 19) : null).toBe(expected);
  });

  it('PG-6: the delay is capped', () => {
    const at = nextRetryAt(T0, 9, { retryable: true }, { maxAttempts: 20, baseDelaySeconds: 15, factor: 2, maxDelaySeconds: 300, jitter: 0 });
    expect(at?.toString()).toBe('2026-03-02T16:05:00Z');
  });

  it.each([
    [429, true],
    [503, true],
    [null, true],
    [400, false],
    [404, false],
  ] as const)('PG-6: status %s retryable → %s', (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });
});
