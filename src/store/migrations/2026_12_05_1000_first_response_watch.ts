// SM-10: the first-response watch remembers, per region, whether a build-up of tickets without a
// first reply is under way and was told, so neither the next run, a restart nor a second node
// tells it again; it ends when the count falls below the threshold.
// Frozen once landed: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  const ts = sql.raw(pg ? 'timestamptz' : 'text');
  await db.schema
    .createTable('first_response_watch')
    .addColumn('region', 'text', (c) => c.primaryKey())
    .addColumn('building', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('told_at', ts)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('first_response_watch').ifExists().execute();
}
