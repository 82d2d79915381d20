// PG-8: the events intake's per-routing-key rate limit, counted in the database so that every
// node sharing it enforces one limit. One row per routing key and minute; rows of past minutes
// are deleted as time moves on. Unlogged on PostgreSQL: a counter lost in a crash costs nothing,
// and writing it then needs no WAL flush on the intake's hot path.
// Frozen once landed: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  let table = db.schema.createTable('event_rate_windows');
  if (pg) table = table.modifyFront(sql`unlogged`);
  await table
    .addColumn('routing_key', 'text', (c) => c.notNull())
    // minutes since the Unix epoch
    .addColumn('window_minute', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_rate_windows_pk', ['routing_key', 'window_minute'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('event_rate_windows').execute();
}
