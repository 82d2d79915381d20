// WF-1..16: the emergency workflow's workspace settings (every number and name of the handbook,
// and the WF-16 planned-work notes), one JSON document per name, shared by every node.
// Frozen once landed: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  await db.schema
    .createTable('emergency_settings')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', sql.raw(pg ? 'timestamptz' : 'text'), (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('emergency_settings').execute();
}
