// WF-10, PG-7: widespread incidents — one record per incident (its tag, links, the one page that
// stands for all its emergencies) and one row per ticket saying whether it is related or was
// split out, and when the bulk response reached it.
// Frozen once landed: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

function types(db: Kysely<any>) {
  const pg = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  return { instant: pg ? 'timestamptz' : 'text', pg } as const;
}

export async function up(db: Kysely<any>): Promise<void> {
  const ts = sql.raw(types(db).instant);
  await db.schema
    .createTable('emergency_incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('tag', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // open | resolved
    .addColumn('detected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status_page_url', 'text')
    .addColumn('incident_issue_url', 'text')
    .addColumn('page_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_joined_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('emergency_incidents_state').on('emergency_incidents').columns(['state', 'last_joined_at']).execute();

  await db.schema
    .createTable('emergency_incident_tickets')
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull().unique()) // a ticket belongs to one incident at most
    .addColumn('ticket_number', 'integer', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull()) // related | split_out
    .addColumn('grouped', 'integer', (c) => c.notNull().defaultTo(0)) // 1: its page is the incident's page
    .addColumn('bulk_id', 'text')
    .addColumn('responded_at', ts)
    .addColumn('joined_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('emergency_incident_tickets_pk', ['incident_id', 'ticket_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['emergency_incident_tickets', 'emergency_incidents']) await db.schema.dropTable(t).ifExists().execute();
}
