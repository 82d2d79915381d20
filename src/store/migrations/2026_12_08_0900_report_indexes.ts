// RP-1: the reports read a period of pages, emergencies, escalations and SLA breaches; these
// indexes let each find its period without reading the whole table.
// Frozen once landed: never edit, add a new migration instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('pages_triggered').on('pages').columns(['triggered_at']).execute();
  await db.schema.createIndex('emergencies_created').on('emergencies').columns(['created_at']).execute();
  await db.schema.createIndex('escalations_created').on('escalations').columns(['created_at']).execute();
  await db.schema.createIndex('tickets_sla_breached').on('tickets').columns(['sla_breached_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['pages_triggered', 'emergencies_created', 'escalations_created', 'tickets_sla_breached']) await db.schema.dropIndex(name).execute();
}
