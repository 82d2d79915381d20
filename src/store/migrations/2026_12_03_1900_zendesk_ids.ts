// The Zendesk-compatible API (/api/v2) names people, organisations, comments and custom fields by integer,
// as Zendesk does; Hotline's ids are text. This table gives each Hotline id (per kind) a stable
// integer the first time the API shows it, drawn from one sequence, and maps it back when a
// script sends it. Ticket ids need no row: a ticket's Zendesk id is its number.
// Frozen once landed: never edit, add a new migration instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  await db.schema.createTable('zendesk_ids')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('hotline_id', 'text', (c) => c.notNull())
    .addUniqueConstraint('zendesk_ids_kind_hotline', ['kind', 'hotline_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('zendesk_ids').execute();
}
