// PG-6: each delivery attempt names the job that made it, so that when the reaper finds the job
// abandoned by a dead node, the attempt left in flight ('sending') is marked 'unknown': it may or
// may not have reached the person, and the log says so instead of 'sending' forever.
// Frozen once landed: never edit, add a new migration instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('deliveries').addColumn('job_id', 'text').execute();
  await db.schema.createIndex('deliveries_job').on('deliveries').columns(['job_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('deliveries_job').execute();
  await db.schema.alterTable('deliveries').dropColumn('job_id').execute();
}
