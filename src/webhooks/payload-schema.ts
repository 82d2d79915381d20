// The documented shape of every webhook body, in TypeBox: published under the `webhooks` section of
// /api/openapi.json, and the types the payload builder fills. A body is
// `{type, version, timestamp, data}`; `version` names the shape, and a shape that changes gets a
// new version rather than changing under a receiver.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const PAYLOAD_VERSION = '2026-12-01';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const At = Type.String({ format: 'date-time' });

export const WebhookActor = Type.Object({
  kind: Type.Union([Type.Literal('user'), Type.Literal('system')]),
  userId: Nullable(Type.String()),
  name: Nullable(Type.String()),
}, { description: 'Who made the change.' });

export const WebhookPage = Type.Object({
  id: Type.String(), number: Type.Integer(), title: Type.String(),
  status: Type.String({ description: 'triggered, acknowledged, resolved (or held/suppressed states)' }),
  urgency: Type.Union([Type.Literal('high'), Type.Literal('low')]),
  serviceId: Type.String(), ticketId: Nullable(Type.String()),
  escalationLevel: Type.Integer({ description: '0-based level of the escalation policy now notified' }),
  targetUserIds: Type.Array(Type.String()),
  triggeredAt: At, acknowledgedAt: Nullable(At), resolvedAt: Nullable(At),
});

export const WebhookTicket = Type.Object({
  id: Type.String(), number: Type.Integer(), subject: Type.String(), status: Type.String(), priority: Type.String(), stage: Type.String(),
  organizationId: Nullable(Type.String()), requesterId: Type.String(), assigneeId: Nullable(Type.String()),
  tags: Type.Array(Type.String()), isEmergency: Type.Boolean(), createdAt: At, updatedAt: At,
});

export const WebhookChange = Type.Object({ field: Type.String(), from: Type.Unknown(), to: Type.Unknown() });

export const WebhookEmergency = Type.Object({
  id: Type.String(), ticketId: Type.String(), ticketNumber: Type.Integer(), organizationId: Nullable(Type.String()),
  state: Type.String({ description: 'open, resolved, not_paged' }),
  qualification: Nullable(Type.String({ description: 'strict, exception, needs_more_info, not_emergency' })),
  exceptionCriterion: Nullable(Type.String()), driUserId: Nullable(Type.String()), pageId: Nullable(Type.String()),
  createdAt: At, resolvedAt: Nullable(At),
});

export const WebhookEscalation = Type.Object({
  id: Type.String(), number: Type.Integer(), kind: Type.String(), ticketId: Nullable(Type.String()), ticketNumber: Nullable(Type.Integer()),
  title: Type.String(), urgency: Type.String(), state: Type.String(), managerId: Nullable(Type.String()), ownerId: Nullable(Type.String()),
  createdAt: At, closedAt: Nullable(At),
});

const envelope = <T extends TSchema>(type: TSchema, data: T, description: string) => Type.Object({
  type,
  version: Type.Literal(PAYLOAD_VERSION),
  timestamp: Type.String({ format: 'date-time', description: 'When the change happened' }),
  data,
}, { description });

export const PageEventBody = envelope(
  Type.Union(['page.triggered', 'page.acknowledged', 'page.escalated', 'page.resolved'].map((t) => Type.Literal(t))),
  Type.Object({ page: WebhookPage, actor: WebhookActor }),
  'A page was triggered, acknowledged, escalated to its next level or resolved.',
);
export const EmergencyEventBody = envelope(
  Type.Union(['emergency.opened', 'emergency.qualified', 'emergency.resolved'].map((t) => Type.Literal(t))),
  Type.Object({ emergency: WebhookEmergency, actor: WebhookActor }),
  'An emergency ticket was opened as an emergency, qualified (strict, exception, not an emergency …) or ended.',
);
export const TicketEventBody = envelope(
  Type.Union(['ticket.created', 'ticket.updated'].map((t) => Type.Literal(t))),
  Type.Object({ ticket: WebhookTicket, changes: Type.Array(WebhookChange), actor: WebhookActor }),
  'A helpdesk ticket was created or changed (the changes list the fields, empty at creation).',
);
export const EscalationEventBody = envelope(
  Type.String({ pattern: '^escalation\\.[a-z_]+$', description: 'escalation.filed, escalation.acknowledged, escalation.assigned, escalation.resolved, escalation.rejected, …' }),
  Type.Object({ escalation: WebhookEscalation, action: Type.String(), actor: WebhookActor }),
  'A support-manager escalation was filed or changed.',
);
export const TestEventBody = envelope(
  Type.Literal('webhook.test'),
  Type.Object({ subscriptionId: Type.String(), message: Type.String() }),
  'Sent by "send test event": checks the receiver and its signature check.',
);

export type Actor = Static<typeof WebhookActor>;
export type PageData = Static<typeof WebhookPage>;
export type TicketData = Static<typeof WebhookTicket>;
export type ChangeData = Static<typeof WebhookChange>;
export type EmergencyData = Static<typeof WebhookEmergency>;
export type EscalationData = Static<typeof WebhookEscalation>;

/** The OpenAPI 3.1 `webhooks` section: one entry per family of events, each a POST the receiver answers. */
export function openApiWebhooks(): Record<string, unknown> {
  const hook = (name: string, summary: string, body: TSchema) => ({
    post: {
      operationId: `webhook${name}`,
      summary,
      description: 'Signed per the Standard Webhooks specification: headers `webhook-id` (the same on every retry: de-duplicate on it), '
        + '`webhook-timestamp` (unix seconds at sending) and `webhook-signature` (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` keyed by '
        + 'the base64-decoded part of the `whsec_` secret). Answer 2xx to acknowledge; 410 Gone disables the subscription; anything else is '
        + 'retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h) for up to 24 hours.',
      tags: ['webhooks'],
      parameters: ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => ({ in: 'header', name: h, required: true, schema: { type: 'string' } })),
      requestBody: { required: true, content: { 'application/json': { schema: body } } },
      responses: { '200': { description: 'Received (any 2xx)' }, '410': { description: 'Gone: Hotline disables the subscription' } },
    },
  });
  return {
    page: hook('Page', 'page.triggered, page.acknowledged, page.escalated, page.resolved', PageEventBody),
    emergency: hook('Emergency', 'emergency.opened, emergency.qualified, emergency.resolved', EmergencyEventBody),
    ticket: hook('Ticket', 'ticket.created, ticket.updated', TicketEventBody),
    escalation: hook('Escalation', 'escalation.* (filed, acknowledged, assigned, resolved, rejected, …)', EscalationEventBody),
    test: hook('Test', 'webhook.test (the "send test event" button)', TestEventBody),
  };
}
