// RP-1: the emergencies open at some time in a report's period are those not resolved yet or
// resolved after it began; this index finds both without reading the year of arrivals before it.
// Frozen once landed: never edit, add a new migration instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('emergencies_resolved').on('emergencies').columns(['resolved_at', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('emergencies_resolved').execute();
}
