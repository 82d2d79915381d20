// Compatible APIs and moving in from other tools: the rows as the queries see them (conventions in ../schema.ts).
import type { Generated } from 'kysely';
import type { Instant } from './columns.ts';

/** A stable integer for a Hotline id, as the Zendesk-compatible API shows it (`kind`: user, organization, comment, ticket_field). */
export interface ZendeskIdsTable {
  id: Generated<number>;
  kind: string;
  hotline_id: string;
}

/** What an imported record was called in the tool it came from (kind: organization, user, ticket, comment). */
export interface ImportRefsTable {
  source: string;
  kind: string;
  external_id: string;
  local_id: string;
  created_at: Instant;
}

/** Where an import stopped reading a stream: the vendor's cursor (JSON) of the next page. */
export interface ImportCursorsTable {
  source: string;
  stream: string;
  cursor: string;
  updated_at: Instant;
}
