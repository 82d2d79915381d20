// SM-7: security incidents — declared like a widespread incident, with the communications
// manager named and the support manager on call coordinating the customer communications; the
// affected tickets (gathered by search or by hand) and whether each has had the bulk response.
// Frozen once landed: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  const ts = sql.raw(pg ? 'timestamptz' : 'text');
  await db.schema
    .createTable('security_incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('comms_manager', 'text', (c) => c.notNull())
    .addColumn('coordinator_user_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('resolved_at', ts)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('security_incident_tickets')
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('ticket_number', 'integer', (c) => c.notNull())
    .addColumn('added_at', ts, (c) => c.notNull())
    .addColumn('bulk_id', 'text')
    .addColumn('responded_at', ts)
    .addPrimaryKeyConstraint('security_incident_tickets_pk', ['incident_id', 'ticket_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('security_incident_tickets').ifExists().execute();
  await db.schema.dropTable('security_incidents').ifExists().execute();
}
