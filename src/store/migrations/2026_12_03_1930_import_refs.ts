// Moving in from a helpdesk (Zendesk): what each imported record was called there, so a re-run
// finds it instead of making a second one, and where an interrupted import stopped reading.
// import_refs: (source, kind, external_id) → the Hotline id (kind: organization, user, ticket, comment).
// import_cursors: per source and stream (tickets, users, …), the vendor's cursor of the next page,
// saved with each committed page.
// Frozen once landed: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  const ts = sql.raw(pg ? 'timestamptz' : 'text');
  await db.schema
    .createTable('import_refs')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('local_id', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('import_refs_pk', ['source', 'kind', 'external_id'])
    .execute();
  // A Hotline ticket, person or organisation says where it came from (ticket views, clean-up).
  await db.schema.createIndex('import_refs_local').on('import_refs').columns(['local_id', 'source']).execute();
  await db.schema
    .createTable('import_cursors')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('cursor', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('import_cursors_pk', ['source', 'stream'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_cursors').execute();
  await db.schema.dropTable('import_refs').execute();
}
