// The support manager: escalations, skills, cover, the first-response watch, redirects, security incidents, leads, upgrade requests, settings: the rows as the queries see them (conventions in ../schema.ts).
import type { Generated } from 'kysely';
import type { Instant, Flag, Json } from './columns.ts';

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
