// From a change in Hotline to the webhook events it causes: each event's type, the instant, what
// subscriptions filter on (service, customer organisation) and the documented data. Pure: the
// subscribers hand in what their event carried; the body is fixed here once, so every retry of a
// delivery sends the same bytes.
import { isoUtc, type Temporal } from '../kernel/time.ts';
import { PAYLOAD_VERSION, type Actor, type ChangeData, type EmergencyData, type EscalationData, type PageData, type TicketData } from './payload-schema.ts';

export interface OutgoingEvent {
  type: string;
  at: Temporal.Instant;
  /** What a subscription's filters look at (not sent as such: the data carries what the receiver needs). */
  serviceId: string | null;
  organizationId: string | null;
  data: Record<string, unknown>;
}

/** The body every attempt of a delivery sends. */
export function bodyOf(e: Pick<OutgoingEvent, 'type' | 'at' | 'data'>): string {
  return JSON.stringify({ type: e.type, version: PAYLOAD_VERSION, timestamp: isoUtc(e.at), data: e.data });
}

const iso = (t: Temporal.Instant | null): string | null => (t ? isoUtc(t) : null);

/** The page as paging hands it over (a subset of its fields). */
export interface PageIn {
  id: string; number: number; title: string; status: string; urgency: 'high' | 'low'; serviceId: string; ticketId: string | null;
  escalationLevel: number; targetUserIds: string[]; triggeredAt: Temporal.Instant; acknowledgedAt: Temporal.Instant | null; resolvedAt: Temporal.Instant | null;
}
export interface PageEntryIn { type: string; at: Temporal.Instant; actorUserId: string | null; actorSystem: string | null }

const PAGE_TYPES = new Set(['page.triggered', 'page.acknowledged', 'page.escalated', 'page.resolved']);

/** One event per timeline entry a subscriber can ask for (reassignments and appended alerts are not among them). */
export function pageEvents(page: PageIn, entries: readonly PageEntryIn[], organizationId: string | null): OutgoingEvent[] {
  const data: PageData = {
    id: page.id, number: page.number, title: page.title, status: page.status, urgency: page.urgency, serviceId: page.serviceId, ticketId: page.ticketId,
    escalationLevel: page.escalationLevel, targetUserIds: [...page.targetUserIds],
    triggeredAt: isoUtc(page.triggeredAt), acknowledgedAt: iso(page.acknowledgedAt), resolvedAt: iso(page.resolvedAt),
  };
  return entries.filter((e) => PAGE_TYPES.has(e.type)).map((e) => ({
    type: e.type, at: e.at, serviceId: page.serviceId, organizationId,
    data: { page: data, actor: e.actorUserId ? { kind: 'user', userId: e.actorUserId, name: null } : { kind: 'system', userId: null, name: e.actorSystem } satisfies Actor },
  }));
}

export interface TicketIn {
  id: string; number: number; subject: string; status: string; priority: string; stage: string; organizationId: string | null; requesterId: string;
  assigneeId: string | null; tags: string[]; isEmergency: boolean; createdAt: Temporal.Instant; updatedAt: Temporal.Instant;
}

export function ticketEvent(type: 'ticket.created' | 'ticket.updated', t: TicketIn, changes: readonly ChangeData[], actor: Actor, at: Temporal.Instant): OutgoingEvent {
  const ticket: TicketData = {
    id: t.id, number: t.number, subject: t.subject, status: t.status, priority: t.priority, stage: t.stage, organizationId: t.organizationId,
    requesterId: t.requesterId, assigneeId: t.assigneeId, tags: [...t.tags], isEmergency: t.isEmergency, createdAt: isoUtc(t.createdAt), updatedAt: isoUtc(t.updatedAt),
  };
  return { type, at, serviceId: null, organizationId: t.organizationId, data: { ticket, changes: changes.map((c) => ({ field: c.field, from: c.from ?? null, to: c.to ?? null })), actor } };
}

export type EmergencyChange = 'opened' | 'qualified' | 'resolved';

export function emergencyEvent(change: EmergencyChange, e: EmergencyData, actor: Actor, at: Temporal.Instant): OutgoingEvent {
  return { type: `emergency.${change}`, at, serviceId: null, organizationId: e.organizationId, data: { emergency: e, actor } };
}

export function escalationEvent(action: string, e: EscalationData, organizationId: string | null, actor: Actor, at: Temporal.Instant): OutgoingEvent {
  return { type: `escalation.${action}`, at, serviceId: null, organizationId, data: { escalation: e, action, actor } };
}

export function testEvent(subscriptionId: string, at: Temporal.Instant): OutgoingEvent {
  return { type: 'webhook.test', at, serviceId: null, organizationId: null, data: { subscriptionId, message: 'A test event from Hotline: if your receiver verified this signature, the subscription works.' } };
}
