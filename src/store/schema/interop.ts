// Compatible APIs: the rows as the queries see them (conventions in ../schema.ts).
import type { Generated } from 'kysely';

/** A stable integer for a Hotline id, as the Zendesk-compatible API shows it (`kind`: user, organization, comment, ticket_field). */
export interface ZendeskIdsTable {
  id: Generated<number>;
  kind: string;
  hotline_id: string;
}
