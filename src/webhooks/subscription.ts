// A webhook subscription's rules: what an admin may ask for (checked before anything is written),
// and which subscriptions an event goes to (its type among theirs; a service or organisation list,
// when given, must name the event's).
import { invalid } from '../kernel/errors.ts';
import { isSubscribable, typeMatches, WEBHOOK_EVENT_TYPES } from './event-type.ts';
import type { OutgoingEvent } from './payload.ts';

export interface Subscription {
  id: string;
  name: string;
  url: string;
  eventTypes: string[];
  serviceIds: string[];
  organizationIds: string[];
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SubscriptionInput {
  name: string;
  url: string;
  eventTypes: string[];
  serviceIds?: string[];
  organizationIds?: string[];
}

/** Only events that match type and both filters. */
export function matches(s: Pick<Subscription, 'enabled' | 'eventTypes' | 'serviceIds' | 'organizationIds'>, e: Pick<OutgoingEvent, 'type' | 'serviceId' | 'organizationId'>): boolean {
  if (!s.enabled || !s.eventTypes.some((p) => typeMatches(p, e.type))) return false;
  if (s.serviceIds.length && !(e.serviceId && s.serviceIds.includes(e.serviceId))) return false;
  if (s.organizationIds.length && !(e.organizationId && s.organizationIds.includes(e.organizationId))) return false;
  return true;
}

/** Each (event, subscription) pair to deliver, in the events' order. */
export function fanOut<S extends Parameters<typeof matches>[0]>(subs: readonly S[], events: readonly OutgoingEvent[]): { event: OutgoingEvent; subscription: S }[] {
  return events.flatMap((event) => subs.filter((s) => matches(s, event)).map((subscription) => ({ event, subscription })));
}

/**
 * Checks an admin's input. Receivers are reached over http(s) only; plain http is allowed, since
 * many receivers sit on an internal network, and the signature is what the receiver trusts.
 */
export function checkSubscriptionInput(i: Partial<SubscriptionInput>, partial = false): void {
  if (!partial || i.name !== undefined) {
    if (!i.name?.trim()) throw invalid('webhook.name_required', 'Give the subscription a name (e.g. "Status page").');
  }
  if (!partial || i.url !== undefined) {
    let u: URL | null = null;
    try {
      u = new URL(i.url ?? '');
    } catch {
      u = null;
    }
    if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:')) throw invalid('webhook.bad_url', `The receiver's address must be an http(s) URL, got "${i.url ?? ''}".`, { url: i.url ?? null });
    if (u.username || u.password) throw invalid('webhook.bad_url', 'Put no credentials in the URL: the signature authenticates Hotline to the receiver.', { url: i.url });
  }
  if (!partial || i.eventTypes !== undefined) {
    const types = i.eventTypes ?? [];
    if (types.length === 0) throw invalid('webhook.no_event_types', `Choose at least one event type: ${WEBHOOK_EVENT_TYPES.join(', ')}.`);
    const bad = types.filter((t) => !isSubscribable(t));
    if (bad.length) throw invalid('webhook.unknown_event_type', `Unknown event type ${bad.map((b) => `"${b}"`).join(', ')}; choose from ${WEBHOOK_EVENT_TYPES.join(', ')}.`, { unknown: bad });
  }
}
