// TK-2: attachment contents live in the database beside their comment (blob on SQLite, bytea on
// PostgreSQL), with the digest so a download can be checked against what arrived.
// Frozen once landed: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

function types(db: Kysely<any>) {
  const pg = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  return { instant: pg ? 'timestamptz' : 'text', blob: pg ? 'bytea' : 'blob', pg } as const;
}

export async function up(db: Kysely<any>): Promise<void> {
  const { instant, blob } = types(db);
  await db.schema
    .createTable('ticket_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('comment_id', 'text', (c) => c.notNull())
    .addColumn('filename', 'text')
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', sql.raw(blob), (c) => c.notNull())
    .addColumn('created_at', sql.raw(instant), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_attachments_comment').on('ticket_attachments').column('comment_id').execute();
  await db.schema.createIndex('ticket_attachments_ticket').on('ticket_attachments').column('ticket_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ticket_attachments').execute();
}
