// The notify capability's face: how people are reached (their notification rules, PG-6), the
// channels that reach them and the log of every delivery. Paging, schedules, tickets and the
// emergency workflow import notify only from here; notify imports none of them.

// Personal notification rules: the shapes, the pure planning, and the use cases behind the rules'
// routes and the workspace's paging section.
export type { ContactMethod, ContactMethodType, NotificationRule, PlannedDelivery, Urgency } from './notification-rules.ts';
export { deliveryKey, planNotifications } from './notification-rules.ts';
export { getNotificationRules, planForUsers, setNotificationRules, type UserPlan } from './service.ts';
export { findRules } from './store.ts';

// Sending one delivery through its channel (page notifications, the chat mirror), recording each
// attempt, and the delivery log a page shows.
export { abandonedDeliveries, channelForContact, deliver, RetryableDeliveryError, type DeliveryOutcome, type DeliveryRequest } from './service-deliver.ts';
export { listDeliveries, type DeliveryAttempt, type DeliveryStatus } from './store.ts';

// The built-in outbox: where a message goes when no real channel of its kind is configured.
export { listOutbox, type OutboxFilter, type OutboxMessage } from './store.ts';

// Has anyone been reached for a page (the "nobody has been reached" banner)?
export { reachOf, type Reach, type ReachCode, type ReachInput } from './reached.ts';
export { registerNotifyCommands } from './cli.ts';

// Messages to people that are not pages (hand-off reminders, mentions, replies to customers).
export { notifyEach, notifyPeople, type PersonMessage } from './service-person.ts';

// The node's channels and their settings (tests and start-up configure them per node).
export { configureNotify, notifyConfig, type NotifyConfig } from './service-config.ts';
export { createChannels } from './channels/index.ts';

// Inbound SMS replies for paging's SMS intake: parsing, the provider's signature check, escaping the answer.
export { escapeHtml, parseInboundSms, verifyTwilioSignature } from './channels/index.ts';
