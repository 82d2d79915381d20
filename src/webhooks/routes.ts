// HTTP surface of event webhooks (admins only): subscriptions CRUD, enable (resending what the
// disabling cancelled), rotate the secret, send a test event, and the delivery log. The secret is in the answer to create and rotate only.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ADMINS, requireActor } from '../api/auth.ts';
import { Body, fails, IdParams, Items, Str } from '../api/schemas.ts';
import type { Ctx } from '../runtime/context.ts';
import { WEBHOOK_EVENT_TYPES } from './event-type.ts';
import {
  cancelledWebhookDeliveries, createWebhookSubscription, deleteWebhookSubscription, enableWebhookSubscription, RESEND_WINDOW_DAYS, getWebhookSubscription, listWebhookSubscriptions, rotateWebhookSecret, sendWebhookTest,
  disableWebhookSubscription, updateWebhookSubscription, webhookDeliveryLog,
} from './service.ts';

const NStr = Type.Union([Type.String(), Type.Null()]);
const NInt = Type.Union([Type.Integer(), Type.Null()]);
const EventType = Type.Union(WEBHOOK_EVENT_TYPES.map((t) => Type.Literal(t)));
const Ids = Type.Array(Str(64, 1), { maxItems: 200 });

const Subscription = Type.Object({
  id: Type.String(), name: Type.String(), url: Type.String(), eventTypes: Type.Array(Type.String()), serviceIds: Type.Array(Type.String()),
  organizationIds: Type.Array(Type.String()), enabled: Type.Boolean(), disabledReason: NStr, disabledAt: NStr, createdAt: Type.String(), updatedAt: Type.String(),
}, { title: 'WebhookSubscription' });
const WithSecret = Type.Object({ subscription: Subscription, secret: Type.String({ description: 'whsec_…: shown only now; store it in the receiver' }) }, { title: 'WebhookSubscriptionWithSecret' });
const CreateBody = Body({
  name: Str(200, 1), url: Str(2000, 1), eventTypes: Type.Array(EventType, { minItems: 1, maxItems: 20 }),
  serviceIds: Type.Optional(Ids), organizationIds: Type.Optional(Ids),
  secret: Type.Optional(Str(200, 1)),
});
const UpdateBody = Body({
  name: Type.Optional(Str(200, 1)), url: Type.Optional(Str(2000, 1)), eventTypes: Type.Optional(Type.Array(EventType, { minItems: 1, maxItems: 20 })),
  serviceIds: Type.Optional(Ids), organizationIds: Type.Optional(Ids),
});
const Attempt = Type.Object({
  id: Type.String(), attempt: Type.Integer(), at: Type.String(), statusCode: NInt, durationMs: Type.Integer(),
  outcome: Type.String({ description: 'delivered, retry, failed (gave up), gone (410)' }), error: NStr, nextAttemptAt: NStr,
}, { title: 'WebhookAttempt' });
const Delivery = Type.Object({
  id: Type.String({ description: 'The webhook-id header' }), eventType: Type.String(), state: Type.String({ description: 'pending, delivered, failed, cancelled' }),
  attempts: Type.Integer(), lastStatus: NInt, lastError: NStr, nextAttemptAt: NStr, deliveredAt: NStr, createdAt: Type.String(), attemptsLog: Type.Array(Attempt),
}, { title: 'WebhookDelivery' });
const EnableBody = Body({
  resendCancelled: Type.Optional(Type.Boolean({ description: `Also send again the deliveries the disabling cancelled, queued in the last ${RESEND_WINDOW_DAYS} days (same webhook-id and body)` })),
});
const Enabled = Type.Object({
  ...Subscription.properties,
  resent: Type.Integer({ description: 'How many cancelled deliveries were queued again' }),
}, { title: 'WebhookSubscriptionEnabled' });
const Cancelled = Type.Object({
  cancelled: Type.Integer({ description: 'Deliveries the disabling cancelled and no enable has resent' }),
  resendable: Type.Integer({ description: `Of those, the ones queued since resendSince: what enabling with resendCancelled sends` }),
  resendSince: Type.String({ description: `Now less ${RESEND_WINDOW_DAYS} days` }),
}, { title: 'WebhookCancelledDeliveries' });
const LogQuery = Type.Object({ limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })) }, { additionalProperties: false });

export function registerWebhookRoutes(app: FastifyInstance, ctx: Ctx): void {
  const tags = ['webhooks'];
  const config = { access: ADMINS };
  const base = '/api/v1/webhook-subscriptions';
  const id = (req: { params: unknown }) => (req.params as { id: string }).id;
  app.get(base, { config, schema: { tags, operationId: 'listWebhookSubscriptions', summary: 'Event webhook subscriptions (admins)', response: { 200: Items(Subscription) } } }, async (req) =>
    ({ items: await listWebhookSubscriptions(ctx, requireActor(req)) }));
  app.post(base, { config, schema: { tags, operationId: 'createWebhookSubscription', summary: 'Subscribe a receiver to event types, optionally only for some services or customer organisations; the signing secret is answered once', body: CreateBody, response: { 201: WithSecret } } }, async (req, reply) =>
    reply.code(201).send(await createWebhookSubscription(ctx, requireActor(req), req.body as Static<typeof CreateBody>)));
  app.get(`${base}/:id`, { config, schema: { tags, operationId: 'showWebhookSubscription', summary: 'One webhook subscription (without its secret)', params: IdParams, response: { 200: Subscription, ...fails(404) } } }, async (req) =>
    getWebhookSubscription(ctx, requireActor(req), id(req)));
  app.patch(`${base}/:id`, { config, schema: { tags, operationId: 'updateWebhookSubscription', summary: 'Change a subscription\'s name, receiver, event types or filters', params: IdParams, body: UpdateBody, response: { 200: Subscription, ...fails(404) } } }, async (req) =>
    updateWebhookSubscription(ctx, requireActor(req), id(req), req.body as Static<typeof UpdateBody>));
  app.delete(`${base}/:id`, { config, schema: { tags, operationId: 'deleteWebhookSubscription', summary: 'Delete a subscription and its delivery log', params: IdParams, response: { 204: Type.Null(), ...fails(404) } } }, async (req, reply) => {
    await deleteWebhookSubscription(ctx, requireActor(req), id(req));
    return reply.code(204).send();
  });
  const resendRule = `Deliveries queued in the last ${RESEND_WINDOW_DAYS} days are resent with their webhook-id (a receiver drops one it already has) and their event's timestamp (a receiver can skip one it finds stale); older ones are not, nor the delivery that failed for good`;
  // a body-less enable (as before resending existed) means no resend
  const noBodyIsEmpty = async (req: { body: unknown }) => {
    if (req.body === undefined || req.body === null) req.body = {};
  };
  app.post(`${base}/:id/enable`, { config, preValidation: noBodyIsEmpty, schema: { tags, operationId: 'enableWebhookSubscription', summary: 'Enable a subscription again (after Hotline disabled it for persistent failure); with resendCancelled, also send again the deliveries the disabling cancelled, and answer how many', description: `${resendRule}. Without resendCancelled they stay cancelled and a later enable does not offer them again.`, params: IdParams, body: EnableBody, response: { 200: Enabled, ...fails(404) } } }, async (req) => {
    const { subscription, resent } = await enableWebhookSubscription(ctx, requireActor(req), id(req), { resendCancelled: (req.body as Static<typeof EnableBody>).resendCancelled === true });
    return { ...subscription, resent };
  });
  app.get(`${base}/:id/cancelled-deliveries`, { config, schema: { tags, operationId: 'countCancelledWebhookDeliveries', summary: 'How many deliveries disabling the subscription cancelled, and how many enabling it with resendCancelled would send again', description: `${resendRule}.`, params: IdParams, response: { 200: Cancelled, ...fails(404) } } }, async (req) =>
    cancelledWebhookDeliveries(ctx, requireActor(req), id(req)));
  app.post(`${base}/:id/disable`, { config, schema: { tags, operationId: 'disableWebhookSubscription', summary: 'Stop sending to a subscription (its pending deliveries end)', params: IdParams, response: { 200: Subscription, ...fails(404) } } }, async (req) =>
    disableWebhookSubscription(ctx, requireActor(req), id(req)));
  app.post(`${base}/:id/rotate-secret`, { config, schema: { tags, operationId: 'rotateWebhookSecret', summary: 'A new signing secret, answered once; the old one also signs for 24 hours', params: IdParams, response: { 200: Type.Object({ subscription: Subscription, secret: Type.String(), previousSecretValidUntil: Type.String() }), ...fails(404) } } }, async (req) =>
    rotateWebhookSecret(ctx, requireActor(req), id(req)));
  app.post(`${base}/:id/test`, { config, schema: { tags, operationId: 'sendWebhookTestEvent', summary: 'Send a webhook.test event now (logged and retried like any delivery)', params: IdParams, response: { 202: Type.Object({ deliveryId: Type.String() }), ...fails(404) } } }, async (req, reply) =>
    reply.code(202).send(await sendWebhookTest(ctx, requireActor(req), id(req))));
  app.get(`${base}/:id/deliveries`, { config, schema: { tags, operationId: 'listWebhookDeliveries', summary: 'The delivery log: latest deliveries first, each with every attempt (status, duration, error, next attempt)', params: IdParams, querystring: LogQuery, response: { 200: Items(Delivery), ...fails(404) } } }, async (req) => {
    const q = req.query as Static<typeof LogQuery>;
    return { items: await webhookDeliveryLog(ctx, requireActor(req), id(req), q.limit ? Math.max(1, Math.min(200, Number(q.limit))) : 50) };
  });
}
