// RP-1: a ticket remembers when staff first answered it in public (first_reply_at), written with
// that reply, so time-to-first-reply reads one column per ticket instead of searching each
// ticket's comments. Existing tickets are filled in from their comments: the earliest public
// comment by staff (admin, manager, engineer) after the ticket was created; the description,
// written as the ticket is created, is not a reply. An index on the creation instant carrying the
// report's filter columns lets a period of tickets be read from the index alone.
// Frozen once landed: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  const ts = sql.raw(pg ? 'timestamptz' : 'text');
  await db.schema.alterTable('tickets').addColumn('first_reply_at', ts).execute();
  await sql`update tickets set first_reply_at = (
    select min(c.created_at) from ticket_comments c join users a on a.id = c.author_id
    where c.ticket_id = tickets.id and c.is_public = 1 and c.created_at > tickets.created_at and a.role in ('admin', 'manager', 'engineer'))`.execute(db);
  await db.schema.createIndex('tickets_created_report').on('tickets')
    .columns(['created_at', 'merged_into_id', 'is_emergency', 'requester_id', 'organization_id', 'form', 'first_reply_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_created_report').execute();
  await db.schema.alterTable('tickets').dropColumn('first_reply_at').execute();
}
