// The webhooks capability's face: event subscriptions for systems outside Hotline, signed per the
// Standard Webhooks specification, with the delivery log. Nothing else in Hotline depends on it;
// the API document reads its payload schemas, the CLI its commands.
export { WEBHOOK_EVENT_TYPES, TEST_EVENT_TYPE, type SubscribableEventType } from './event-type.ts';
export { openApiWebhooks, PAYLOAD_VERSION } from './payload-schema.ts';
export type { Subscription, SubscriptionInput } from './subscription.ts';
export { sign as signWebhook, signedHeaders } from './signature.ts';
export {
  cancelledWebhookDeliveries, createWebhookSubscription, deleteWebhookSubscription, enableWebhookSubscription, getWebhookSubscription, listWebhookSubscriptions, rotateWebhookSecret, sendWebhookTest,
  RESEND_WINDOW_DAYS, disableWebhookSubscription, updateWebhookSubscription, webhookDeliveryLog,
} from './service.ts';
export type { Attempt, DeliveryLogEntry } from './store.ts';
export { registerWebhookCommands } from './cli.ts';
