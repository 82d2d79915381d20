// Tickets (TK-1..TK-8): tickets with a per-workspace number, tags, comments, links, SLA clock
// state, macros, bulk jobs and their per-ticket results, and e-mail threading ids.
// Frozen once landed: never edit, add a new migration instead.
import { sql, type Kysely } from 'kysely';

function types(db: Kysely<any>) {
  const pg = db.getExecutor().adapter.constructor.name.startsWith('Postgres');
  return { instant: pg ? 'timestamptz' : 'text', pg } as const;
}

export async function up(db: Kysely<any>): Promise<void> {
  const { instant } = types(db);
  const ts = sql.raw(instant);

  // One row per workspace; `update … set value = value + 1 returning value` inside the creating
  // transaction row-locks on PostgreSQL, so numbers stay gap-free and unique across nodes.
  await db.schema
    .createTable('ticket_counters')
    .addColumn('workspace', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('ticket_counters').values({ workspace: 'default', value: 0 }).execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace', 'text', (c) => c.notNull().defaultTo('default'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_rank', 'integer', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('priority_rank', 'integer', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text')
    .addColumn('requester_id', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text')
    .addColumn('is_emergency', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('solved_at', ts)
    .addColumn('due_at', ts)
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('followers', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('via', 'text', (c) => c.notNull().defaultTo('web'))
    // TK-7: the SLA clock value (sla.ts) and when its breach was recorded.
    .addColumn('sla_clock', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('sla_breached_at', ts)
    // TK-8: secret of the reply address support+<token>@domain.
    .addColumn('reply_token', 'text', (c) => c.notNull())
    .addColumn('merged_into_id', 'text')
    .execute();
  await db.schema.createIndex('tickets_number').on('tickets').columns(['workspace', 'number']).unique().execute();
  await db.schema.createIndex('tickets_reply_token').on('tickets').column('reply_token').unique().execute();
  // TK-4: `priority:urgent status:new order_by:created_at sort:desc` walks this index.
  await db.schema.createIndex('tickets_prio_status_created').on('tickets').columns(['priority_rank', 'status_rank', 'created_at', 'number']).execute();
    await db.schema.createIndex('tickets_updated').on('tickets').columns(['updated_at', 'number']).execute();
  await db.schema.createIndex('tickets_created').on('tickets').columns(['created_at', 'number']).execute();
  await db.schema.createIndex('tickets_org').on('tickets').columns(['organization_id', 'updated_at']).execute();
  await db.schema.createIndex('tickets_requester').on('tickets').column('requester_id').execute();
  await db.schema.createIndex('tickets_assignee').on('tickets').columns(['assignee_id', 'status_rank']).execute();
  await db.schema.createIndex('tickets_due').on('tickets').column('due_at').execute();

  await db.schema
    .createTable('ticket_tags')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_tags_pk', ['ticket_id', 'tag'])
    .execute();
  await db.schema.createIndex('ticket_tags_tag').on('ticket_tags').columns(['tag', 'ticket_id']).execute();

  await db.schema
    .createTable('ticket_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('author_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('is_public', 'integer', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    // E-mail Message-ID (threading by In-Reply-To/References, and redelivery dedupe).
    .addColumn('message_id', 'text')
    // Idempotency key of the writer (bulk request + ticket): a retried bulk never doubles a reply.
    .addColumn('dedupe_key', 'text')
    .execute();
  await db.schema.createIndex('ticket_comments_ticket').on('ticket_comments').columns(['ticket_id', 'created_at']).execute();
  await db.schema.createIndex('ticket_comments_message').on('ticket_comments').column('message_id').execute();
  await db.schema.createIndex('ticket_comments_dedupe').on('ticket_comments').column('dedupe_key').unique().execute();

  await db.schema
    .createTable('ticket_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('target_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_links_pair').on('ticket_links').columns(['source_id', 'target_id', 'kind']).unique().execute();
  await db.schema.createIndex('ticket_links_target').on('ticket_links').column('target_id').execute();

  await db.schema
    .createTable('ticket_macros')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('bulk_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('query', 'text')
    .addColumn('ticket_ids', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts)
    .execute();
  await db.schema
    .createTable('bulk_results')
    .addColumn('job_id', 'text', (c) => c.notNull().references('bulk_jobs.id').onDelete('cascade'))
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('code', 'text')
    .addColumn('message', 'text')
    .addColumn('at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('bulk_results_pk', ['job_id', 'ticket_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['bulk_results', 'bulk_jobs', 'ticket_macros', 'ticket_links', 'ticket_comments', 'ticket_tags', 'tickets', 'ticket_counters']) {
    await db.schema.dropTable(t).execute();
  }
}
