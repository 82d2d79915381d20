// Paging's answers as the API document names them (components Page, PageDetail, Service …).
// Fastify serialises with these and drops what they leave out: every field a client reads is here.
import { Type } from '@sinclair/typebox';
import { TimelineEntry } from '../api/schemas.ts';

const NStr = Type.Union([Type.String(), Type.Null()]);
const oneOf = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));

export const Page = Type.Object({
  id: Type.String(), number: Type.Integer(), serviceId: Type.String(), title: Type.String(), ticketId: NStr, dedupKey: NStr,
  urgency: oneOf(['high', 'low'] as const), status: oneOf(['triggered', 'acknowledged', 'resolved'] as const),
  escalationPolicyId: NStr, escalationLevel: Type.Integer({ description: '0-based level now notified' }), escalationLoop: Type.Integer(), levelStartedAt: Type.String(),
  targetUserIds: Type.Array(Type.String()), shadowUserIds: Type.Array(Type.String()),
  acknowledgedBy: NStr, acknowledgedAt: NStr, resolvedBy: NStr, resolvedAt: NStr, triggeredAt: Type.String(),
  alertCount: Type.Integer(), notificationCycle: Type.Integer(), heldUntil: NStr,
  cursors: Type.Record(Type.String(), Type.Integer()), source: Type.String(), details: Type.Record(Type.String(), Type.Unknown()),
}, { title: 'Page' });

export const Delivery = Type.Object({
  id: Type.String(), key: Type.String(), pageId: NStr, userId: NStr, attempt: Type.Integer(), channel: Type.String(), address: Type.String(),
  status: oneOf(['sending', 'sent', 'failed', 'unknown', 'outbox'] as const), providerId: NStr, error: NStr, at: Type.String(), finishedAt: NStr,
  outboxId: NStr, note: NStr,
}, { title: 'Delivery' });

export const Reach = Type.Object({
  reached: Type.Boolean(), state: oneOf(['reached', 'pending', 'not_reached'] as const),
  code: oneOf(['closed', 'delivered', 'pending', 'all_failed', 'outbox_only', 'no_contact_method'] as const), reason: Type.String(),
  fix: Type.Union([Type.Object({ label: Type.String(), href: Type.String() }), Type.Null()]),
}, { title: 'Reach' });

export const RecentChange = Type.Object({
  id: Type.String(), serviceId: Type.String(), receivedAt: Type.String(), summary: Type.String(), source: NStr, timestamp: NStr,
  customDetails: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  links: Type.Array(Type.Object({ href: Type.String(), text: NStr })),
}, { title: 'RecentChange' });

export const PageDetail = Type.Composite([Page, Type.Object({
  timeline: Type.Array(TimelineEntry), recentChanges: Type.Array(RecentChange), deliveries: Type.Array(Delivery), reach: Reach,
})], { title: 'PageDetail' });

export const PageList = Type.Object({ items: Type.Array(Page), nextOffset: Type.Union([Type.Integer(), Type.Null()]) }, { title: 'PageList' });

export const PageBulkResult = Type.Object({
  results: Type.Array(Type.Object({ pageId: Type.String(), outcome: Type.String(), code: Type.Optional(Type.String()), message: Type.Optional(Type.String()) })),
  counts: Type.Record(Type.String(), Type.Integer()),
}, { title: 'PageBulkResult' });

export const Service = Type.Object({
  id: Type.String(), name: Type.String(), description: NStr, escalationPolicyId: NStr,
  integrationKey: Type.String({ description: 'the Events API v2 routing key' }),
}, { title: 'Service' });

const Target = Type.Object({ type: oneOf(['user', 'team', 'schedule', 'rotation_group', 'group_dri'] as const), id: Type.String() });
export const EscalationPolicy = Type.Object({
  id: Type.String(), name: Type.String(), repeat: Type.Integer(), pageableBy: Type.Optional(Type.Array(Type.String())),
  levels: Type.Array(Type.Object({ targets: Type.Array(Target), delayMinutes: Type.Integer(), roundRobin: Type.Optional(Type.Boolean()) })),
}, { title: 'EscalationPolicy' });

export const MaintenanceWindow = Type.Object({
  id: Type.String(), serviceIds: Type.Array(Type.String()), start: Type.String(), end: Type.String(), reason: Type.String(), createdBy: Type.String(),
  onEnd: oneOf(['notify', 'digest'] as const),
}, { title: 'MaintenanceWindow' });

export const NotificationRules = Type.Object({
  rules: Type.Array(Type.Object({ contactMethodId: Type.String(), delayMinutes: Type.Integer(), urgency: Type.Optional(oneOf(['high', 'low', 'any'] as const)) })),
}, { title: 'NotificationRules' });

// The intake doors answer in their vendor's documented shapes, errors included.
export const EventsV2Accepted = Type.Object({ status: Type.Literal('success'), message: Type.String(), dedup_key: Type.String() }, { title: 'EventsV2Accepted' });
export const ChangeEventAccepted = Type.Object({ status: Type.Literal('success'), message: Type.String() }, { title: 'ChangeEventAccepted' });
export const EventsV2Error = Type.Object({ status: Type.String(), message: Type.String(), errors: Type.Array(Type.String()) }, { title: 'EventsV2Error', description: 'Events API v2 error body' });
export const OpsgenieAccepted = Type.Object({ result: Type.String(), took: Type.Number(), requestId: Type.String() }, { title: 'OpsgenieAccepted' });
export const OpsgenieError = Type.Object({
  message: Type.String(), took: Type.Number(), requestId: Type.String(), errors: Type.Optional(Type.Record(Type.String(), Type.String())),
}, { title: 'OpsgenieError', description: 'Opsgenie Alert API error body' });
const described = <T extends object>(schema: T, text: string): T => ({ ...schema, 'x-response-description': text });
export const eventsV2Answers = {
  202: EventsV2Accepted, 400: described(EventsV2Error, 'Invalid event, unknown routing key or too large'), 429: described(EventsV2Error, 'Too many events for this routing key'),
};
export const changeEventAnswers = { ...eventsV2Answers, 202: ChangeEventAccepted };
export const opsgenieAnswers = {
  202: OpsgenieAccepted, 400: described(OpsgenieError, 'Not JSON or too large'), 401: described(OpsgenieError, 'No or unknown GenieKey'),
  404: described(OpsgenieError, 'No such alert'), 422: described(OpsgenieError, 'Invalid fields'), 429: described(OpsgenieError, 'Too many requests for this key'),
};
