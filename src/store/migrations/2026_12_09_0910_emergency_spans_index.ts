// RP-1: the concurrency reports look at every emergency still open at some time in the period,
// reaching back up to a year for those never resolved. This index carries what that look needs
// (when each ended, its state, its ticket), so the year is read from the index, not row by row.
// Frozen once landed: never edit, add a new migration instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('emergencies_spans').on('emergencies').columns(['created_at', 'resolved_at', 'state', 'ticket_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('emergencies_spans').execute();
}
