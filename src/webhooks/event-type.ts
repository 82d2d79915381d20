// The event types a webhook subscription can ask for, and how a subscription's list matches an
// event: exact names, or `escalation.*` for every change of a support escalation.
export const WEBHOOK_EVENT_TYPES = [
  'page.triggered', 'page.acknowledged', 'page.escalated', 'page.resolved',
  'emergency.opened', 'emergency.qualified', 'emergency.resolved',
  'ticket.created', 'ticket.updated',
  'escalation.*',
] as const;

export type SubscribableEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent only by "send test event", whatever the subscription asks for. */
export const TEST_EVENT_TYPE = 'webhook.test';

/** Whether `pattern` (a subscription's entry) covers the event `type`. */
export function typeMatches(pattern: string, type: string): boolean {
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

export function isSubscribable(t: string): t is SubscribableEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(t);
}
