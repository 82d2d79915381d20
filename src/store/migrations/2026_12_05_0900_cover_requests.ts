// SM-9: cover requests — a support manager asks a named manager (or, when none is named, any
// manager) to take their on-call duty for some hours. Accepting writes a schedule override; the
// request keeps who answered, how, and the override it became.
// Frozen once landed: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  const ts = sql.raw(pg ? 'timestamptz' : 'text');
  await db.schema
    .createTable('cover_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('schedule_id', 'text', (c) => c.notNull())
    .addColumn('requester_user_id', 'text', (c) => c.notNull())
    .addColumn('asked_user_id', 'text') // null: an open request any manager may accept
    .addColumn('starts_at', ts, (c) => c.notNull())
    .addColumn('ends_at', ts, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('state', 'text', (c) => c.notNull()) // open | accepted | declined | expired
    .addColumn('answered_by_user_id', 'text')
    .addColumn('answer', 'text') // the decline's reason
    .addColumn('override_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('answered_at', ts)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cover_requests_state').on('cover_requests').columns(['state', 'starts_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cover_requests').ifExists().execute();
}
