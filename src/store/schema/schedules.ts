// Schedules: definitions, overrides, swaps, eligibility, calendar feeds: the rows as the queries see them (conventions in ../schema.ts).
import type { Generated } from 'kysely';
import type { Instant, Flag } from './columns.ts';


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

export interface ScheduleIcalCopiesTable {
  rotation_id: string;
  url: string;
  /** JSON list of {user, start, end} (ISO instants). */
  spans: string;
  fetched_at: Instant | null;
  last_error: string | null;
  last_error_at: Instant | null;
  updated_at: Instant;
}
