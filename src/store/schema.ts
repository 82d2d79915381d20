// Every table as the queries see it, for Kysely<Database>: one place to read what a row holds.
// Written from the migrations (which stay untyped and frozen); a new migration updates this file.
// Row shapes are the same on both engines (see db.ts): an instant is ISO-8601 UTC text (SQLite
// stores the text; PostgreSQL's timestamptz is parsed back into the same text, and accepts it on
// write), a boolean is a 0/1 integer, JSON is text, a blob is a Buffer. A column with a default
// is Generated: an insert may leave it out.
import type { Generated, Selectable } from 'kysely';

/** ISO-8601 UTC text (`2026-11-23T09:00:00.000Z`): text on SQLite, timestamptz on PostgreSQL. */
export type Instant = string;
/** 0 or 1: SQLite has no boolean, so neither engine uses one. */
export type Flag = number;
/** JSON text, parsed by the store that owns the table. */
export type Json = string;

// ── foundation: people, organisations, auth, the timeline, jobs ────────────────────────────────

export interface OrganizationsTable {
  id: string;
  name: string;
  slug: string;
  plan_tier: string;
  support_package: 'priority_24x7' | 'us_gov_12x5' | 'us_gov_24x7' | 'standard' | null;
  deployment: 'self_managed' | 'saas' | 'dedicated';
  /** A calendar date (YYYY-MM-DD), not an instant. */
  starts_on: string | null;
  ends_on: string | null;
  trial: Generated<Flag>;
  seats: number | null;
  purchased_on: string | null;
  csm_id: string | null;
  ase_id: string | null;
  notes: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  kind: Generated<string>;
  title: string | null;
  time_zone: string;
  region: string | null;
  organization_id: string | null;
  password_hash: string | null;
  active: Generated<Flag>;
  created_at: Instant;
  updated_at: Instant;
}

export interface ContactMethodsTable {
  id: string;
  user_id: string;
  kind: string;
  address: string;
  label: string | null;
  verified: Generated<Flag>;
  created_at: Instant;
}

export interface TeamsTable {
  id: string;
  handle: string;
  name: string;
  kind: 'team' | 'regional_group' | 'pool';
  created_at: Instant;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Instant;
  last_used_at: Instant | null;
  revoked_at: Instant | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Instant;
  expires_at: Instant;
}

export interface TimelineTable {
  id: string;
  subject_type: string;
  subject_id: string;
  at: Instant;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  via: string | null;
  detail: Json | null;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobsTable {
  id: string;
  kind: string;
  replace_key: string | null;
  run_at: Instant;
  payload: Json;
  status: JobStatus;
  attempts: Generated<number>;
  max_attempts: number;
  lease_owner: string | null;
  lease_until: Instant | null;
  late_ms: number | null;
  last_error: string | null;
  created_at: Instant;
  started_at: Instant | null;
  finished_at: Instant | null;
}

// ── paging ──────────────────────────────────────────────────────────────────────────────────────

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

// ── tickets ─────────────────────────────────────────────────────────────────────────────────────

export interface TicketCountersTable {
  workspace: string;
  value: number;
}

export interface TicketsTable {
  id: string;
  workspace: Generated<string>;
  number: number;
  subject: string;
  status: 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
  status_rank: number;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  priority_rank: number;
  /** A form of the workspace (the default ones or the workspace file's own). */
  form: string;
  stage: 'first_reply' | 'next_reply';
  organization_id: string | null;
  requester_id: string;
  assignee_id: string | null;
  is_emergency: Generated<Flag>;
  created_at: Instant;
  updated_at: Instant;
  solved_at: Instant | null;
  due_at: Instant | null;
  version: number;
  custom_fields: Generated<Json>;
  followers: Generated<Json>;
  via: Generated<string>;
  sla_clock: Generated<Json>;
  sla_breached_at: Instant | null;
  reply_token: string;
  merged_into_id: string | null;
  /** RP-1: the first public comment by staff after the ticket was created (null: none yet). */
  first_reply_at: Instant | null;
}

export interface TicketTagsTable {
  ticket_id: string;
  tag: string;
}

export interface TicketCommentsTable {
  id: string;
  ticket_id: string;
  author_id: string | null;
  body: string;
  is_public: Flag;
  via: string;
  created_at: Instant;
  attachments: Generated<Json>;
  message_id: string | null;
  dedupe_key: string | null;
}

export interface TicketLinksTable {
  id: string;
  source_id: string;
  target_id: string;
  kind: string;
  created_by: string | null;
  created_at: Instant;
}

export interface TicketMacrosTable {
  id: string;
  title: string;
  description: string | null;
  active: Generated<Flag>;
  actions: Json;
  position: Generated<number>;
  updated_at: Instant;
}

export interface BulkJobsTable {
  id: string;
  request: Json;
  actor: Json;
  query: string | null;
  ticket_ids: Json;
  status: 'queued' | 'running' | 'done';
  total: number;
  done: Generated<number>;
  failed: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
  finished_at: Instant | null;
}

export interface BulkResultsTable {
  job_id: string;
  ticket_id: string;
  number: number;
  ok: Flag;
  unchanged: Generated<Flag>;
  code: string | null;
  message: string | null;
  at: Instant;
}

export interface TicketAttachmentsTable {
  id: string;
  ticket_id: string;
  comment_id: string;
  filename: string | null;
  content_type: string;
  size: number;
  sha256: string;
  /** blob on SQLite, bytea on PostgreSQL: a Buffer either way. */
  content: Buffer;
  created_at: Instant;
}

export interface TicketSettingsTable {
  name: string;
  value: Json;
  updated_at: Instant;
}

// ── schedules ───────────────────────────────────────────────────────────────────────────────────

export interface ScheduleDefinitionsTable {
  id: string;
  document: string;
  version: number;
  updated_at: Instant;
}

export interface ScheduleOverridesTable {
  id: string;
  schedule_id: string;
  start_at: Instant;
  end_at: Instant;
  user_email: string | null;
  replaces_email: string | null;
  shadow: Generated<Flag>;
  note: string | null;
  source: 'workspace' | 'api';
  created_by: string | null;
  created_at: Instant;
}

export interface ScheduleSwapsTable {
  id: string;
  schedule_id: string;
  start_at: Instant;
  end_at: Instant;
  requester_email: string;
  partner_email: string;
  status: 'requested' | 'accepted' | 'declined';
  note: string | null;
  source: 'workspace' | 'api';
  created_at: Instant;
  decided_at: Instant | null;
}

export interface ScheduleEligibilityTable {
  user_email: string;
  training_completed_at: Instant | null;
  training_note: string | null;
  training_recorded_by: string | null;
  approved_by: string | null;
  approved_at: Instant | null;
  updated_at: Instant;
}

export interface CalendarFeedsTable {
  id: string;
  kind: 'user' | 'schedule';
  ref: string;
  secret: string;
  created_at: Instant;
}

// ── emergencies ─────────────────────────────────────────────────────────────────────────────────

export interface EmergenciesTable {
  id: string;
  ticket_id: string;
  ticket_number: number;
  organization_id: string | null;
  state: 'open' | 'resolved' | 'not_paged';
  dri_user_id: string | null;
  page_id: string | null;
  rotation: string;
  channel: string;
  route: string;
  entitlement: Json;
  qualification: Json | null;
  exception_criterion: string | null;
  category: string | null;
  guards: Generated<Json>;
  first_public_reply_at: Instant | null;
  customer_replied_at: Instant | null;
  acknowledged_at: Instant | null;
  call_ended_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
  resolved_at: Instant | null;
  version: Generated<number>;
  bridge_url: string | null;
}

export interface EmergencyRunbookTable {
  emergency_id: string;
  item:
    | 'acknowledged' | 'entitlement_checked' | 'qualified' | 'public_reply_sent' | 'page_resolved' | 'thread_opened'
    | 'follow_up_sent' | 'post_call_notes' | 'next_engineer_tagged' | 'follow_up_ticket_linked';
  done_at: Instant;
  by_user_id: string | null;
}

export interface EmergencyThreadTable {
  id: string;
  emergency_id: string | null;
  ticket_id: string | null;
  channel: string;
  kind: 'open' | 'reply' | 'channel' | 'note' | 'mention' | 'notice';
  author_user_id: string | null;
  text: string;
  mentions: Generated<Json>;
  late: Generated<Flag>;
  mirrored: Generated<Flag>;
  created_at: Instant;
  seq: number;
}

export interface EmergencyRecordsTable {
  id: string;
  emergency_id: string | null;
  ticket_id: string | null;
  kind: string;
  data: Json;
  created_by: string | null;
  created_at: Instant;
}

export interface EmergencyTimersTable {
  key: string;
  emergency_id: string | null;
  ticket_id: string | null;
  kind: string;
  due_at: Instant;
  state: 'pending' | 'fired' | 'cancelled' | 'skipped';
  updated_at: Instant;
}

export interface EmergencyIncidentsTable {
  id: string;
  number: number;
  tag: string;
  title: string;
  state: 'open' | 'resolved';
  detected: Generated<Flag>;
  status_page_url: string | null;
  incident_issue_url: string | null;
  page_id: string | null;
  created_by: string | null;
  created_at: Instant;
  last_joined_at: Instant;
  updated_at: Instant;
  version: Generated<number>;
}

export interface EmergencyIncidentTicketsTable {
  incident_id: string;
  ticket_id: string;
  ticket_number: number;
  /** candidate: paged on its own before the incident was recognised, offered to join (WF-10). */
  relation: 'candidate' | 'related' | 'split_out';
  /** 1: its page is the incident's page */
  grouped: Generated<Flag>;
  bulk_id: string | null;
  responded_at: Instant | null;
  joined_at: Instant;
  updated_at: Instant;
}

export interface EmergencySettingsTable {
  name: string;
  value: Json;
  updated_at: Instant;
}

/** SM-1..SM-3: one escalation request and who holds it. */
export interface EscalationsTable {
  id: string;
  number: number;
  kind: 'ticket' | 'internal';
  ticket_id: string | null;
  ticket_number: number | null;
  title: string;
  need: string;
  business_case: string;
  urgency: 'high' | 'medium' | 'low';
  state: 'filed' | 'acknowledged' | 'assigned' | 'resolved' | 'rejected';
  channel: string;
  initiator_user_id: string | null;
  manager_user_id: string | null;
  owner_user_id: string | null;
  /** JSON list of labels (SM-3: License-Issue, Response-Time, …). */
  labels: Generated<Json>;
  reason: string | null;
  created_at: Instant;
  acknowledged_at: Instant | null;
  assigned_at: Instant | null;
  closed_at: Instant | null;
  updated_at: Instant;
  version: Generated<number>;
}

/** SM-2: the skills-by-subject directory, one row per person and subject. */
export interface EscalationSkillsTable {
  user_id: string;
  subject: string;
  level: 'expert' | 'proficient' | 'learning';
  region: string | null;
  position: number;
}

/** SM-9: a manager's request that another manager cover some on-call hours (named, or open to any). */
export interface CoverRequestsTable {
  id: string;
  number: number;
  schedule_id: string;
  requester_user_id: string;
  asked_user_id: string | null;
  starts_at: Instant;
  ends_at: Instant;
  note: string | null;
  state: 'open' | 'accepted' | 'declined' | 'expired' | 'withdrawn';
  answered_by_user_id: string | null;
  answer: string | null;
  override_id: string | null;
  created_at: Instant;
  answered_at: Instant | null;
  updated_at: Instant;
}

/** SM-10: per region, whether a first-response build-up is under way (and was told). */
export interface FirstResponseWatchTable {
  region: string;
  building: Flag;
  count: number;
  told_at: Instant | null;
  updated_at: Instant;
}

/** SM-4: one redirect per message answered (Slack `channel:ts`, or a Hotline thread entry). */
export interface EscalationRedirectsTable {
  message_key: string;
  source: 'hotline' | 'slack';
  event_id: string | null;
  channel: string;
  reply_entry_id: string | null;
  actor_user_id: string | null;
  created_at: Instant;
}

/** SM-7: a security incident; the manager on call coordinates, the communications manager is named. */
export interface SecurityIncidentsTable {
  id: string;
  number: number;
  title: string;
  state: 'open' | 'resolved';
  /** JSON: {kind:'person', userId} or {kind:'contact', name, email}. */
  comms_manager: Json;
  coordinator_user_id: string | null;
  created_by: string | null;
  created_at: Instant;
  resolved_at: Instant | null;
  updated_at: Instant;
  version: Generated<number>;
}

/** SM-7: a ticket affected by a security incident, and the bulk response it got. */
export interface SecurityIncidentTicketsTable {
  incident_id: string;
  ticket_id: string;
  ticket_number: number;
  added_at: Instant;
  bulk_id: string | null;
  responded_at: Instant | null;
}

/** SM-6: the support manager leading an emergency's call. */
export interface EmergencyLeadsTable {
  emergency_id: string;
  lead_user_id: string;
  since: Instant;
  updated_at: Instant;
}

/** SM-8: an upgrade-assistance request: its ticket, the session asked for, and why it was flagged. */
export interface UpgradeRequestsTable {
  id: string;
  number: number;
  ticket_id: string;
  ticket_number: number;
  organization_id: string | null;
  requester_user_id: string;
  starts_at: Instant;
  duration_minutes: number;
  /** The zone the requester wrote the time in (IANA name or offset): replies speak in it. */
  zone: string;
  scope: string;
  state: 'requested' | 'reassigned' | 'rescheduled';
  /** JSON list of {code, reason}. */
  flags: Generated<Json>;
  flagged: Generated<Flag>;
  manager_user_id: string | null;
  assignee_user_id: string | null;
  created_at: Instant;
  updated_at: Instant;
  version: Generated<number>;
}

export interface EscalationSettingsTable {
  name: string;
  value: Json;
  updated_at: Instant;
}

export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  contact_methods: ContactMethodsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  timeline: TimelineTable;
  jobs: JobsTable;
  escalation_policies: EscalationPoliciesTable;
  paging_services: PagingServicesTable;
  paging_counters: PagingCountersTable;
  paging_settings: PagingSettingsTable;
  pages: PagesTable;
  notification_rules: NotificationRulesTable;
  deliveries: DeliveriesTable;
  outbox: OutboxTable;
  maintenance_windows: MaintenanceWindowsTable;
  event_rate_windows: EventRateWindowsTable;
  ticket_counters: TicketCountersTable;
  tickets: TicketsTable;
  ticket_tags: TicketTagsTable;
  ticket_comments: TicketCommentsTable;
  ticket_links: TicketLinksTable;
  ticket_macros: TicketMacrosTable;
  bulk_jobs: BulkJobsTable;
  bulk_results: BulkResultsTable;
  ticket_attachments: TicketAttachmentsTable;
  ticket_settings: TicketSettingsTable;
  schedule_definitions: ScheduleDefinitionsTable;
  schedule_overrides: ScheduleOverridesTable;
  schedule_swaps: ScheduleSwapsTable;
  schedule_eligibility: ScheduleEligibilityTable;
  calendar_feeds: CalendarFeedsTable;
  emergencies: EmergenciesTable;
  emergency_runbook: EmergencyRunbookTable;
  emergency_thread: EmergencyThreadTable;
  emergency_records: EmergencyRecordsTable;
  emergency_timers: EmergencyTimersTable;
  emergency_incidents: EmergencyIncidentsTable;
  emergency_incident_tickets: EmergencyIncidentTicketsTable;
  emergency_settings: EmergencySettingsTable;
  escalations: EscalationsTable;
  escalation_skills: EscalationSkillsTable;
  escalation_settings: EscalationSettingsTable;
  cover_requests: CoverRequestsTable;
  escalation_redirects: EscalationRedirectsTable;
  security_incidents: SecurityIncidentsTable;
  security_incident_tickets: SecurityIncidentTicketsTable;
  first_response_watch: FirstResponseWatchTable;
  emergency_leads: EmergencyLeadsTable;
  upgrade_requests: UpgradeRequestsTable;
}

/** A row of `jobs` as selected. */
export type JobRow = Selectable<JobsTable>;
