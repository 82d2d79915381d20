// Event webhooks: an event's body is written once, in `webhook_events`, and each subscription's
// delivery points at it, rather than a copy per subscription (twenty subscriptions wrote twenty
// copies of every page's body). Deliveries written before keep their own copy in `body`; new ones
// leave it empty and name their `event_id`. A successful attempt is recorded on its delivery
// (`last_duration_ms` beside `last_status` and `delivered_at`) rather than as a row of its own:
// `webhook_attempts` keeps the attempts that failed. The attempts lose their index by
// subscription: they are read by delivery.
// Frozen once landed: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  const ts = sql.raw(pg ? 'timestamptz' : 'text');
  await db.schema
    .createTable('webhook_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.alterTable('webhook_deliveries').addColumn('event_id', 'text').execute();
  await db.schema.alterTable('webhook_deliveries').addColumn('last_duration_ms', 'integer').execute();
  // an attempt's row is reached through its delivery; a third index on it cost every send a write
  await db.schema.dropIndex('webhook_attempts_subscription').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('webhook_attempts_subscription').on('webhook_attempts').columns(['subscription_id', 'at']).execute();
  await db.schema.alterTable('webhook_deliveries').dropColumn('last_duration_ms').execute();
  await db.schema.alterTable('webhook_deliveries').dropColumn('event_id').execute();
  await db.schema.dropTable('webhook_events').execute();
}
