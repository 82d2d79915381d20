// Every migration, by name. Names sort by date; each capability adds its own file and one line.
import type { Migration } from 'kysely';
import * as foundation from './2026_11_23_0900_foundation.ts';
import * as paging from './2026_11_23_1000_paging.ts';
import * as tickets from './2026_11_23_1100_tickets.ts';
import * as schedules from './2026_11_23_1200_schedules.ts';
import * as emergencies from './2026_11_23_1300_emergencies.ts';
import * as ticketAttachments from './2026_11_23_1400_ticket_attachments.ts';
import * as emergencyIncidents from './2026_11_23_1500_emergency_incidents.ts';
import * as ticketSettings from './2026_11_23_1600_ticket_settings.ts';
import * as emergencySettings from './2026_11_23_1700_emergency_settings.ts';
import * as emergencyBridge from './2026_12_03_0600_emergency_bridge.ts';
import * as eventRateWindows from './2026_12_03_0610_event_rate_windows.ts';
import * as deliveryJob from './2026_12_03_0620_delivery_job.ts';
import * as escalations from './2026_12_04_0900_escalations.ts';
import * as coverRequests from './2026_12_05_0900_cover_requests.ts';
import * as firstResponseWatch from './2026_12_05_1000_first_response_watch.ts';
import * as escalationRedirects from './2026_12_06_0900_escalation_redirects.ts';
import * as outbox from './2026_12_06_1000_outbox.ts';
import * as securityIncidents from './2026_12_06_1100_security_incidents.ts';
import * as emergencyLeads from './2026_12_07_0900_emergency_leads.ts';
import * as upgradeRequests from './2026_12_07_0910_upgrade_requests.ts';
import * as reportIndexes from './2026_12_08_0900_report_indexes.ts';
import * as ticketFirstReply from './2026_12_09_0900_ticket_first_reply.ts';
import * as emergencySpansIndex from './2026_12_09_0910_emergency_spans_index.ts';
import * as emergencyResolvedIndex from './2026_12_09_0920_emergency_resolved_index.ts';
import * as zendeskIds from './2026_12_03_1900_zendesk_ids.ts';
import * as webhookSubscriptions from './2026_12_03_1910_webhook_subscriptions.ts';
import * as scheduleIcal from './2026_12_03_1937_schedule_ical.ts';
import * as importRefs from './2026_12_03_1930_import_refs.ts';
import * as webhookEvents from './2026_12_03_2300_webhook_events.ts';

export const migrations: Record<string, Migration> = {
  '2026_11_23_0900_foundation': foundation,
  '2026_11_23_1000_paging': paging,
  '2026_11_23_1100_tickets': tickets,
  '2026_11_23_1200_schedules': schedules,
  '2026_11_23_1300_emergencies': emergencies,
  '2026_11_23_1400_ticket_attachments': ticketAttachments,
  '2026_11_23_1500_emergency_incidents': emergencyIncidents,
  '2026_11_23_1600_ticket_settings': ticketSettings,
  '2026_11_23_1700_emergency_settings': emergencySettings,
  '2026_12_03_0600_emergency_bridge': emergencyBridge,
  '2026_12_03_0610_event_rate_windows': eventRateWindows,
  '2026_12_03_0620_delivery_job': deliveryJob,
  '2026_12_04_0900_escalations': escalations,
  '2026_12_05_0900_cover_requests': coverRequests,
  '2026_12_05_1000_first_response_watch': firstResponseWatch,
  '2026_12_06_0900_escalation_redirects': escalationRedirects,
  '2026_12_06_1000_outbox': outbox,
  '2026_12_06_1100_security_incidents': securityIncidents,
  '2026_12_07_0900_emergency_leads': emergencyLeads,
  '2026_12_07_0910_upgrade_requests': upgradeRequests,
  '2026_12_08_0900_report_indexes': reportIndexes,
  '2026_12_09_0900_ticket_first_reply': ticketFirstReply,
  '2026_12_09_0910_emergency_spans_index': emergencySpansIndex,
  '2026_12_09_0920_emergency_resolved_index': emergencyResolvedIndex,
  '2026_12_03_1900_zendesk_ids': zendeskIds,
  '2026_12_03_1910_webhook_subscriptions': webhookSubscriptions,
  '2026_12_03_1937_schedule_ical': scheduleIcal,
  '2026_12_03_1930_import_refs': importRefs,
  '2026_12_03_2300_webhook_events': webhookEvents,
};
