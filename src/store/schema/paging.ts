// Paging: services, policies, pages, notification rules, deliveries, the outbox: the rows as the queries see them (conventions in ../schema.ts).
import type { Generated } from 'kysely';
import type { Instant, Json } from './columns.ts';


export interface EscalationPoliciesTable {
  id: string;
  name: string;
  levels: Json;
  repeat: Generated<number>;
  pageable_by: Json | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface PagingServicesTable {
  id: string;
  name: string;
  description: string | null;
  escalation_policy_id: string | null;
  integration_key: string;
  created_at: Instant;
  updated_at: Instant;
}

export interface PagingCountersTable {
  name: string;
  value: number;
}

export interface PagingSettingsTable {
  name: string;
  value: Json;
}

export interface PagesTable {
  id: string;
  number: number;
  service_id: string;
  title: string;
  ticket_id: string | null;
  dedup_key: string | null;
  urgency: 'high' | 'low';
  status: 'triggered' | 'acknowledged' | 'resolved';
  escalation_policy_id: string | null;
  escalation_level: Generated<number>;
  escalation_loop: Generated<number>;
  level_started_at: Instant;
  target_user_ids: Json;
  shadow_user_ids: Json;
  acknowledged_by: string | null;
  acknowledged_at: Instant | null;
  resolved_by: string | null;
  resolved_at: Instant | null;
  triggered_at: Instant;
  alert_count: Generated<number>;
  notification_cycle: Generated<number>;
  held_until: Instant | null;
  cursors: Generated<Json>;
  source: Generated<string>;
  details: Generated<Json>;
  updated_at: Instant;
}

export interface NotificationRulesTable {
  id: string;
  user_id: string;
  position: number;
  contact_method_id: string;
  delay_minutes: number;
  urgency: Generated<'high' | 'low' | 'any'>;
  created_at: Instant;
}

export interface DeliveriesTable {
  id: string;
  delivery_key: string;
  page_id: string | null;
  user_id: string | null;
  attempt: number;
  channel: string;
  address: string;
  /** 'outbox': kept in the built-in outbox, no real channel of its kind being configured. */
  status: 'sending' | 'sent' | 'failed' | 'unknown' | 'outbox';
  /** The provider's message id; `outbox:<id>` for a message kept in the outbox. */
  provider_id: string | null;
  error: string | null;
  at: Instant;
  finished_at: Instant | null;
  /** The job that made this attempt (PG-6: an attempt cut short by a crash is found by it). */
  job_id: string | null;
}

/** A notification kept in the built-in outbox because no real channel of its kind is configured. */
export interface OutboxTable {
  id: string;
  /** The delivery log's attempt that put it here. */
  delivery_id: string;
  delivery_key: string;
  channel: string;
  address: string;
  user_id: string | null;
  page_id: string | null;
  /** The ticket (or emergency) it is about, from its conversation key. */
  ticket_id: string | null;
  /** Hotline's conversation key (`ticket:<id>`, `page:<id>`): what the message belongs to. */
  thread_key: string | null;
  subject: string;
  body: string;
  /** JSON array of {label, url}. */
  actions: Json | null;
  created_at: Instant;
}

export interface MaintenanceWindowsTable {
  id: string;
  service_ids: Json;
  start_at: Instant;
  end_at: Instant;
  reason: string;
  created_by: string;
  on_end: 'notify' | 'digest';
  created_at: Instant;
}

export interface EventRateWindowsTable {
  routing_key: string;
  /** Minutes since the Unix epoch. */
  window_minute: number;
  n: number;
}
