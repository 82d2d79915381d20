// A rotation that follows an iCalendar feed keeps the last good copy of it: the spans read (JSON
// list of {user, start, end}), when they were read, and the last failure, so a feed that breaks
// keeps its schedule answering from what was last read.
// Frozen once landed: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  const ts = sql.raw(pg ? 'timestamptz' : 'text');
  await db.schema
    .createTable('schedule_ical_copies')
    .addColumn('rotation_id', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('spans', 'text', (c) => c.notNull())
    .addColumn('fetched_at', ts)
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', ts)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('schedule_ical_copies').execute();
}
