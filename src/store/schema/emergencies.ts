// The emergency workflow: emergencies, runbook, thread, records, timers, incidents, settings: the rows as the queries see them (conventions in ../schema.ts).
import type { Generated } from 'kysely';
import type { Instant, Flag, Json } from './columns.ts';


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
