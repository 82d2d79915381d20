// Personal notification rules (PG-6): each person decides how and when they are reached for a
// page ("email at 0 min, sms at 2, voice at 5"). Pure planning; sending is the engine's job.
import type { Temporal } from '../kernel/time.ts';
import { invalid } from '../kernel/errors.ts';

/** A page's urgency as the rules read it (the same values as paging's Urgency): notify keeps
 *  its own name so that it never imports paging, which builds on notify. */
export type Urgency = 'high' | 'low';

export type ContactMethodType = 'email' | 'chat' | 'sms' | 'voice' | 'push' | 'webhook' | 'browser';

export interface ContactMethod {
  id: string;
  userId: string;
  type: ContactMethodType;
  /** E-mail address, chat user/channel, E.164 number, push device token or URL. */
  address: string;
  verified: boolean;
  disabled?: boolean;
}

export interface NotificationRule {
  contactMethodId: string;
  delayMinutes: number;
  /** Which page urgencies this rule applies to; absent = both. */
  urgency?: Urgency | 'any';
}

export interface PlannedDelivery {
  /** Idempotency key: `page:<id>:user:<id>:rule:<n>` (+ `:cycle:<c>` for later notification cycles). */
  key: string;
  pageId: string;
  userId: string;
  ruleIndex: number;
  contactMethodId: string;
  method: ContactMethodType;
  address: string;
  at: Temporal.Instant;
}

export type SkipReason = 'unverified' | 'disabled' | 'missing_method' | 'other_user' | 'urgency';

export interface SkippedRule {
  ruleIndex: number;
  contactMethodId: string;
  reason: SkipReason;
  message: string;
}

export interface NotificationPlan {
  deliveries: PlannedDelivery[];
  skipped: SkippedRule[];
  /** True when no rule produced a delivery and the fallback was used (or nothing could be sent). */
  fallbackUsed: boolean;
  /** This person cannot be reached at all: the service logs it and tells a manager (not set when
   *  their rules deliberately skip this urgency). */
  unreachable: boolean;
}

export const MAX_RULE_DELAY_MINUTES = 9000;

// The demo's default for people who never set rules: e-mail now, chat now, SMS after 2 minutes,
// a voice call after 5 (PG-6 example), and the browser now. Only methods the person has verified
// are used. The browser comes last so that the others keep their rule numbers (delivery keys).
export const DEFAULT_RULE_TEMPLATE: ReadonlyArray<{ type: ContactMethodType; delayMinutes: number }> = [
  { type: 'email', delayMinutes: 0 },
  { type: 'chat', delayMinutes: 0 },
  { type: 'sms', delayMinutes: 2 },
  { type: 'voice', delayMinutes: 5 },
  { type: 'browser', delayMinutes: 0 },
];

export function deliveryKey(pageId: string, userId: string, ruleIndex: number, cycle = 0): string {
  const base = `page:${pageId}:user:${userId}:rule:${ruleIndex}`;
  return cycle > 0 ? `${base}:cycle:${cycle}` : base;
}

export function validateRules(userId: string, rules: readonly NotificationRule[], methods: readonly ContactMethod[]): void {
  rules.forEach((r, i) => {
    if (!Number.isInteger(r.delayMinutes) || r.delayMinutes < 0 || r.delayMinutes > MAX_RULE_DELAY_MINUTES) {
      throw invalid('notify.bad_delay', `Rule ${i + 1}: the delay must be 0 to ${MAX_RULE_DELAY_MINUTES} whole minutes.`, { ruleIndex: i });
    }
    const m = methods.find((x) => x.id === r.contactMethodId);
    if (!m || m.userId !== userId) {
      throw invalid('notify.unknown_method', `Rule ${i + 1} points at a contact method that is not yours; add the method first.`, { ruleIndex: i });
    }
  });
}

export interface PlanInput {
  page: { id: string; urgency: Urgency };
  userId: string;
  methods: readonly ContactMethod[];
  /** The person's rules in order; the index is the rule number in the idempotency key. */
  rules: readonly NotificationRule[];
  /** When this person is reached (trigger, escalation to their level, reassignment). */
  notifyAt: Temporal.Instant;
  /** 0 for the first time this person is notified for this page; +1 for each repeat/unack. */
  cycle?: number;
  /** When the rules give nothing, use DEFAULT_RULE_TEMPLATE over verified methods. Default true. */
  fallback?: boolean;
}

export function planNotifications(input: PlanInput): NotificationPlan {
  const { page, userId, methods, notifyAt } = input;
  const cycle = input.cycle ?? 0;
  const skipped: SkippedRule[] = [];
  const deliveries: PlannedDelivery[] = [];
  input.rules.forEach((rule, i) => {
    const m = methods.find((x) => x.id === rule.contactMethodId);
    const skip = (reason: SkipReason, message: string) => skipped.push({ ruleIndex: i, contactMethodId: rule.contactMethodId, reason, message });
    if (!m) return skip('missing_method', 'The contact method of this rule no longer exists.');
    if (m.userId !== userId) return skip('other_user', 'The contact method belongs to someone else.');
    if (m.disabled) return skip('disabled', `${m.type} ${m.address} is disabled.`);
    if (!m.verified) return skip('unverified', `${m.type} ${m.address} is not verified; verify it to be paged there.`);
    if (rule.urgency && rule.urgency !== 'any' && rule.urgency !== page.urgency) {
      return skip('urgency', `This rule is for ${rule.urgency}-urgency pages.`);
    }
    deliveries.push(delivery(page.id, userId, i, m, notifyAt.add({ minutes: rule.delayMinutes }), cycle));
  });

  // A person whose rules deliberately ignore this urgency is not paged by the fallback either.
  const byChoice = skipped.length > 0 && skipped.every((s) => s.reason === 'urgency');
  let fallbackUsed = false;
  if (deliveries.length === 0 && !byChoice && (input.fallback ?? true)) {
    fallbackUsed = true;
    // Fallback rules are numbered after the person's own so their keys never collide.
    DEFAULT_RULE_TEMPLATE.forEach((tpl, j) => {
      const m = methods.find((x) => x.userId === userId && x.type === tpl.type && x.verified && !x.disabled);
      if (m) deliveries.push(delivery(page.id, userId, input.rules.length + j, m, notifyAt.add({ minutes: tpl.delayMinutes }), cycle));
    });
  }
  deliveries.sort((a, b) => a.at.epochMilliseconds - b.at.epochMilliseconds || a.ruleIndex - b.ruleIndex);
  return { deliveries, skipped, fallbackUsed, unreachable: deliveries.length === 0 && !byChoice };
}

function delivery(pageId: string, userId: string, ruleIndex: number, m: ContactMethod, at: Temporal.Instant, cycle: number): PlannedDelivery {
  return { key: deliveryKey(pageId, userId, ruleIndex, cycle), pageId, userId, ruleIndex, contactMethodId: m.id, method: m.type, address: m.address, at };
}

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  baseDelaySeconds: number;
  factor: number;
  maxDelaySeconds: number;
  /** Spread retries by up to this fraction of the delay (0 = none). */
  jitter: number;
}

// Pages are urgent: retry quickly and give up after a few minutes — the next rule (SMS, voice) and
// the escalation to the next level are the real back-up, not a retry an hour later.
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelaySeconds: 15, factor: 2, maxDelaySeconds: 300, jitter: 0.2 };

/**
 * When to retry a failed delivery attempt, or null to give up. `attempt` is the number of the
 * attempt that just failed (1 = first). `random` in [0,1) comes from the caller (pure code has no
 * randomness). A provider's Retry-After wins when it is longer.
 */
export function nextRetryAt(
  failedAt: Temporal.Instant,
  attempt: number,
  failure: { retryable: boolean; retryAfterMs?: number },
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random = 0,
): Temporal.Instant | null {
  if (!failure.retryable || attempt >= policy.maxAttempts) return null;
  const raw = Math.min(policy.baseDelaySeconds * policy.factor ** (attempt - 1), policy.maxDelaySeconds) * 1000;
  const jittered = raw * (1 - policy.jitter * Math.min(Math.max(random, 0), 1));
  const ms = Math.max(Math.round(jittered), failure.retryAfterMs ?? 0);
  return failedAt.add({ milliseconds: ms });
}

/** HTTP-style results: 429, 5xx and network errors are retried, other 4xx are final (as Alertmanager and PagerDuty do). */
export function isRetryableStatus(status: number | null): boolean {
  return status === null || status === 429 || status === 408 || status >= 500;
}
