// Emergencies (WF-1..WF-16, ENT, SCH-10, SCH-12, PG-1/2): one row per emergency ticket with its
// verdicts and owner, the runbook ticks, the thread (system posts and people's notes) and the
// records the workflow keeps (links, incidents, pairing, exceptions, guards, notices).
// Frozen once landed: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

function types(db: Kysely<any>) {
  const pg = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  return { instant: pg ? 'timestamptz' : 'text', pg } as const;
}

export async function up(db: Kysely<any>): Promise<void> {
  const { instant } = types(db);
  const ts = sql.raw(instant);

  await db.schema
    .createTable('emergencies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().unique())
    .addColumn('ticket_number', 'integer', (c) => c.notNull())
    .addColumn('organization_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('dri_user_id', 'text')
    .addColumn('page_id', 'text')
    .addColumn('rotation', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('entitlement', 'text', (c) => c.notNull())
    .addColumn('qualification', 'text')
    .addColumn('exception_criterion', 'text')
    .addColumn('category', 'text')
    .addColumn('guards', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('first_public_reply_at', ts)
    .addColumn('customer_replied_at', ts)
    .addColumn('acknowledged_at', ts)
    .addColumn('call_ended_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('resolved_at', ts)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('emergencies_state').on('emergencies').columns(['state', 'created_at']).execute();
  await db.schema.createIndex('emergencies_dri').on('emergencies').columns(['dri_user_id', 'state']).execute();

  await db.schema
    .createTable('emergency_runbook')
    .addColumn('emergency_id', 'text', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('done_at', ts, (c) => c.notNull())
    .addColumn('by_user_id', 'text')
    .addPrimaryKeyConstraint('emergency_runbook_pk', ['emergency_id', 'item'])
    .execute();

  await db.schema
    .createTable('emergency_thread')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('emergency_id', 'text')
    .addColumn('ticket_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // open | reply | channel | note | mention | notice
    .addColumn('author_user_id', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('mentions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mirrored', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('emergency_thread_emergency').on('emergency_thread').columns(['emergency_id', 'seq']).execute();

  await db.schema
    .createTable('emergency_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('emergency_id', 'text')
    .addColumn('ticket_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('emergency_records_ticket').on('emergency_records').columns(['ticket_id', 'kind']).execute();

  await db.schema
    .createTable('emergency_timers')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('emergency_id', 'text')
    .addColumn('ticket_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_at', ts, (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // pending | fired | cancelled | skipped
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['emergency_timers', 'emergency_records', 'emergency_thread', 'emergency_runbook', 'emergencies']) await db.schema.dropTable(t).ifExists().execute();
}
