// Paging (PG-1..PG-8): services with integration keys, escalation policies, pages, personal
// notification rules, the delivery log (one row per attempt) and maintenance windows.
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
    .createTable('escalation_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('levels', 'text', (c) => c.notNull())
    .addColumn('repeat', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pageable_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('paging_services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('escalation_policy_id', 'text', (c) => c.references('escalation_policies.id'))
    .addColumn('integration_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('paging_counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('paging_counters').values({ name: 'page', value: 0 }).execute();

  await db.schema
    .createTable('paging_settings')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('pages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('service_id', 'text', (c) => c.notNull().references('paging_services.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text')
    .addColumn('dedup_key', 'text')
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('escalation_policy_id', 'text')
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalation_loop', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('level_started_at', ts, (c) => c.notNull())
    .addColumn('target_user_ids', 'text', (c) => c.notNull())
    .addColumn('shadow_user_ids', 'text', (c) => c.notNull())
    .addColumn('acknowledged_by', 'text')
    .addColumn('acknowledged_at', ts)
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', ts)
    .addColumn('triggered_at', ts, (c) => c.notNull())
    .addColumn('alert_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('notification_cycle', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('held_until', ts)
    .addColumn('cursors', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('manual'))
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pages_status').on('pages').columns(['status', 'triggered_at']).execute();
  await db.schema.createIndex('pages_ticket').on('pages').column('ticket_id').execute();
  // PG-8: at most one open page per dedup key and service; a resolved page frees the key.
  await sql`create unique index pages_open_dedup on pages (service_id, dedup_key) where status <> 'resolved' and dedup_key is not null`.execute(db);

  await db.schema
    .createTable('notification_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('contact_method_id', 'text', (c) => c.notNull())
    .addColumn('delay_minutes', 'integer', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull().defaultTo('any'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notification_rules_user').on('notification_rules').columns(['user_id', 'position']).execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('delivery_key', 'text', (c) => c.notNull())
    .addColumn('page_id', 'text')
    .addColumn('user_id', 'text')
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('provider_id', 'text')
    .addColumn('error', 'text')
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts)
    .execute();
  await db.schema.createIndex('deliveries_key').on('deliveries').columns(['delivery_key', 'status']).execute();
  await db.schema.createIndex('deliveries_page').on('deliveries').columns(['page_id', 'at']).execute();

  await db.schema
    .createTable('maintenance_windows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service_ids', 'text', (c) => c.notNull())
    .addColumn('start_at', ts, (c) => c.notNull())
    .addColumn('end_at', ts, (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('on_end', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['maintenance_windows', 'deliveries', 'notification_rules', 'pages', 'paging_settings', 'paging_counters', 'paging_services', 'escalation_policies']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
