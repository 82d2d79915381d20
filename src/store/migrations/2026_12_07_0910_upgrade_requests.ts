// SM-8: upgrade-assistance requests — the ticket a customer filed, the session they asked for
// (start, duration, scope, the zone they wrote it in), why it was flagged for the manager, who was
// told, and the engineer it was reassigned to.
// Frozen once landed: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  const ts = sql.raw(pg ? 'timestamptz' : 'text');
  await db.schema
    .createTable('upgrade_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('ticket_number', 'integer', (c) => c.notNull())
    .addColumn('organization_id', 'text')
    .addColumn('requester_user_id', 'text', (c) => c.notNull())
    .addColumn('starts_at', ts, (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('zone', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // requested | reassigned | rescheduled
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('manager_user_id', 'text')
    .addColumn('assignee_user_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('upgrade_requests_org').on('upgrade_requests').columns(['organization_id', 'number']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('upgrade_requests').ifExists().execute();
}
