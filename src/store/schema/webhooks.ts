// Event webhooks: subscriptions, the events sent to each, every attempt: the rows as the queries see them (conventions in ../schema.ts).
import type { Generated } from 'kysely';
import type { Instant, Flag, Json } from './columns.ts';

export interface WebhookSubscriptionsTable {
  id: string;
  name: string;
  url: string;
  /** `whsec_` + base64: Hotline signs with it, so it is kept as given (shown once, rotatable). */
  secret: string;
  /** After a rotation the old secret signs too, until `previous_secret_until`, so receivers can switch over. */
  previous_secret: string | null;
  previous_secret_until: Instant | null;
  /** JSON list of event types (`page.triggered`, `escalation.*`). */
  event_types: Json;
  /** JSON list; empty = every service. */
  service_ids: Generated<Json>;
  /** JSON list; empty = every organisation. */
  organization_ids: Generated<Json>;
  enabled: Generated<Flag>;
  disabled_reason: string | null;
  disabled_at: Instant | null;
  created_by: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface WebhookDeliveriesTable {
  /** The `webhook-id` header: the same on every attempt. */
  id: string;
  subscription_id: string;
  event_type: string;
  /** The event whose body is sent (webhook_events); null for deliveries that keep their own copy. */
  event_id: string | null;
  /** The exact body sent on every attempt, for deliveries written before webhook_events ('' since). */
  body: string;
  state: 'pending' | 'delivered' | 'failed' | 'cancelled';
  attempts: Generated<number>;
  last_status: number | null;
  last_error: string | null;
  /** How long the last attempt took; with delivered_at, the record of the successful attempt. */
  last_duration_ms: number | null;
  next_attempt_at: Instant | null;
  delivered_at: Instant | null;
  created_at: Instant;
}

/** An event's body, written once and sent to every subscription it matched. */
export interface WebhookEventsTable {
  id: string;
  event_type: string;
  body: string;
  created_at: Instant;
}

/** The attempts that failed (a successful one is recorded on its delivery). */
export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  subscription_id: string;
  attempt: number;
  at: Instant;
  status_code: number | null;
  duration_ms: number;
  /** delivered, retry, failed (given up), gone (410: subscription disabled), unknown (node died mid-call). */
  outcome: string;
  error: string | null;
  next_attempt_at: Instant | null;
}
