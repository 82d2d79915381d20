// WF-5: the bridge of an emergency (the call link shown to the engineer and the customer, and
// used in the silence follow-up and bridge-close messages).
// Frozen once landed: never edit, add a new migration instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('emergencies').addColumn('bridge_url', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('emergencies').dropColumn('bridge_url').execute();
}
