// People, organisations, auth, the timeline and jobs: the rows as the queries see them (conventions in ../schema.ts).
import type { Generated } from 'kysely';
import type { Instant, Flag, Json } from './columns.ts';


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
