// Schedules (SCH-1..SCH-11): the validated definitions (rotations, schedules, rotation groups) as
// one JSON document per workspace, overrides and swaps people make through the API, the training
// and approval records that let someone join a rotation, and secret calendar feed addresses.
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
    .createTable('schedule_definitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('schedule_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('schedule_id', 'text', (c) => c.notNull())
    .addColumn('start_at', ts, (c) => c.notNull())
    .addColumn('end_at', ts, (c) => c.notNull())
    .addColumn('user_email', 'text')
    .addColumn('replaces_email', 'text')
    .addColumn('shadow', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('schedule_overrides_schedule').on('schedule_overrides').columns(['schedule_id', 'end_at']).execute();

  await db.schema
    .createTable('schedule_swaps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('schedule_id', 'text', (c) => c.notNull())
    .addColumn('start_at', ts, (c) => c.notNull())
    .addColumn('end_at', ts, (c) => c.notNull())
    .addColumn('requester_email', 'text', (c) => c.notNull())
    .addColumn('partner_email', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('decided_at', ts)
    .execute();
  await db.schema.createIndex('schedule_swaps_schedule').on('schedule_swaps').columns(['schedule_id', 'status']).execute();

  await db.schema
    .createTable('schedule_eligibility')
    .addColumn('user_email', 'text', (c) => c.primaryKey())
    .addColumn('training_completed_at', ts)
    .addColumn('training_note', 'text')
    .addColumn('training_recorded_by', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', ts)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('calendar_feeds_ref').on('calendar_feeds').columns(['kind', 'ref']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['calendar_feeds', 'schedule_eligibility', 'schedule_swaps', 'schedule_overrides', 'schedule_definitions']) await db.schema.dropTable(t).ifExists().execute();
}
