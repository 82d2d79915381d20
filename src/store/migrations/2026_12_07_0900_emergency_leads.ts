// SM-6: the support manager leading an emergency's call (taken by a manager, or handed over to the
// next manager at the managers' shift change), one row per emergency.
// Frozen once landed: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  const ts = sql.raw(pg ? 'timestamptz' : 'text');
  await db.schema
    .createTable('emergency_leads')
    .addColumn('emergency_id', 'text', (c) => c.primaryKey())
    .addColumn('lead_user_id', 'text', (c) => c.notNull())
    .addColumn('since', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('emergency_leads').ifExists().execute();
}
