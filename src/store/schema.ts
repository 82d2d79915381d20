// Every table as the queries see it, for Kysely<Database>: one place to read what a row holds.
// Written from the migrations (which stay untyped and frozen); a new migration updates this file.
// Row shapes are the same on both engines (see db.ts): an instant is ISO-8601 UTC text (SQLite
// stores the text; PostgreSQL's timestamptz is parsed back into the same text, and accepts it on
// write), a boolean is a 0/1 integer, JSON is text, a blob is a Buffer. A column with a default
// is Generated: an insert may leave it out. The tables are declared per capability in schema/.
import type { Selectable } from 'kysely';

export type { Flag, Instant, Json } from './schema/columns.ts';

export type * from './schema/foundation.ts';
export type * from './schema/paging.ts';
export type * from './schema/tickets.ts';
export type * from './schema/schedules.ts';
export type * from './schema/emergencies.ts';
export type * from './schema/escalations.ts';
export type * from './schema/interop.ts';
export type * from './schema/webhooks.ts';
import type { OrganizationsTable, UsersTable, ContactMethodsTable, TeamsTable, TeamMembersTable, ApiTokensTable, SessionsTable, TimelineTable, JobsTable } from './schema/foundation.ts';
import type { EscalationPoliciesTable, PagingServicesTable, PagingCountersTable, PagingSettingsTable, PagesTable, NotificationRulesTable, DeliveriesTable, OutboxTable, MaintenanceWindowsTable, EventRateWindowsTable } from './schema/paging.ts';
import type { TicketCountersTable, TicketsTable, TicketTagsTable, TicketCommentsTable, TicketLinksTable, TicketMacrosTable, BulkJobsTable, BulkResultsTable, TicketAttachmentsTable, TicketSettingsTable } from './schema/tickets.ts';
import type { ScheduleDefinitionsTable, ScheduleOverridesTable, ScheduleSwapsTable, ScheduleEligibilityTable, CalendarFeedsTable, ScheduleIcalCopiesTable } from './schema/schedules.ts';
import type { EmergenciesTable, EmergencyRunbookTable, EmergencyThreadTable, EmergencyRecordsTable, EmergencyTimersTable, EmergencyIncidentsTable, EmergencyIncidentTicketsTable, EmergencySettingsTable } from './schema/emergencies.ts';
import type { ZendeskIdsTable, ImportRefsTable, ImportCursorsTable } from './schema/interop.ts';
import type { WebhookSubscriptionsTable, WebhookDeliveriesTable, WebhookAttemptsTable, WebhookEventsTable } from './schema/webhooks.ts';
import type { EscalationsTable, EscalationSkillsTable, CoverRequestsTable, FirstResponseWatchTable, EscalationRedirectsTable, SecurityIncidentsTable, SecurityIncidentTicketsTable, EmergencyLeadsTable, UpgradeRequestsTable, EscalationSettingsTable } from './schema/escalations.ts';

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
  schedule_ical_copies: ScheduleIcalCopiesTable;
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
  zendesk_ids: ZendeskIdsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  webhook_events: WebhookEventsTable;
  import_refs: ImportRefsTable;
  import_cursors: ImportCursorsTable;
}

/** A row of `jobs` as selected. */
export type JobRow = Selectable<JobsTable>;
