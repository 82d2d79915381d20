// SM-1..SM-3: support escalations — one record per escalation request (a ticket or an internal
// request, what is needed, the business case, the urgency, its state and who holds it), the
// skills-by-subject directory the manager assigns from (one row per person and subject), and the
// escalations' workspace settings (the escalations channel), one JSON document per name.
// Frozen once landed: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  const ts = sql.raw(pg ? 'timestamptz' : 'text');
  await db.schema
    .createTable('escalations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull()) // ticket | internal
    .addColumn('ticket_id', 'text')
    .addColumn('ticket_number', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('need', 'text', (c) => c.notNull())
    .addColumn('business_case', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull()) // high | medium | low
    .addColumn('state', 'text', (c) => c.notNull()) // filed | acknowledged | assigned | resolved | rejected
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('initiator_user_id', 'text')
    .addColumn('manager_user_id', 'text')
    .addColumn('owner_user_id', 'text')
    .addColumn('labels', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('reason', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('acknowledged_at', ts)
    .addColumn('assigned_at', ts)
    .addColumn('closed_at', ts)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('escalations_state').on('escalations').columns(['state', 'created_at']).execute();
  await db.schema.createIndex('escalations_ticket').on('escalations').columns(['ticket_id', 'state']).execute();

  await db.schema
    .createTable('escalation_skills')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull()) // expert | proficient | learning
    .addColumn('region', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('escalation_skills_pk', ['user_id', 'subject'])
    .execute();

  await db.schema
    .createTable('escalation_settings')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['escalation_settings', 'escalation_skills', 'escalations']) await db.schema.dropTable(t).ifExists().execute();
}
