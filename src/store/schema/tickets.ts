// The helpdesk: tickets, comments, links, macros, bulk jobs, attachments, settings: the rows as the queries see them (conventions in ../schema.ts).
import type { Generated } from 'kysely';
import type { Instant, Flag, Json } from './columns.ts';


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
