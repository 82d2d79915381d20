// SM-4: each redirect (the standard, anonymous reply to an escalation attempted in an ordinary
// channel) is remembered by the message it answers, so a second reaction, Slack's retries of one
// event or two nodes receiving it at once post the reply once.
// Frozen once landed: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  const ts = sql.raw(pg ? 'timestamptz' : 'text');
  await db.schema
    .createTable('escalation_redirects')
    .addColumn('message_key', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('reply_entry_id', 'text')
    .addColumn('actor_user_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('escalation_redirects_event').on('escalation_redirects').column('event_id').unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('escalation_redirects').ifExists().execute();
}
