// Claiming due jobs and giving back the leases of dead nodes: the only queries that decide who
// runs what. PostgreSQL nodes claim side by side with FOR UPDATE SKIP LOCKED; SQLite has one
// writer, so a plain transaction is enough there.
import { sql } from 'kysely';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import type { Db } from '../store/db.ts';
import type { JobRow } from './jobs.ts';

export async function claimDue(
  db: Db,
  o: { nodeId: string; now: Temporal.Instant; leaseUntil: Temporal.Instant; limit: number; skipKinds?: readonly string[] },
): Promise<JobRow[]> {
  const skip = o.skipKinds?.length ? o.skipKinds : null;
  const nowIso = isoUtc(o.now);
  const leaseUntil = isoUtc(o.leaseUntil);
  if (db.engine === 'postgres') {
    const r = await sql<JobRow>`
      update jobs set status = 'running', lease_owner = ${o.nodeId}, lease_until = ${leaseUntil},
        attempts = attempts + 1, started_at = ${nowIso}
      where id in (
        select id from jobs where status = 'pending' and run_at <= ${nowIso}
          ${skip ? sql`and kind not in (${sql.join(skip)})` : sql``}
        order by run_at limit ${o.limit} for update skip locked)
      returning *`.execute(db.kysely);
    return dueFirst(r.rows);
  }
  return db.kysely.transaction().execute(async (trx) => {
    let q = trx.selectFrom('jobs').select('id').where('status', '=', 'pending').where('run_at', '<=', nowIso);
    if (skip) q = q.where('kind', 'not in', skip);
    const ids = await q.orderBy('run_at').limit(o.limit).execute();
    if (ids.length === 0) return [];
    return dueFirst(await trx
      .updateTable('jobs')
      .set((eb) => ({ status: 'running', lease_owner: o.nodeId, lease_until: leaseUntil, attempts: eb('attempts', '+', 1), started_at: nowIso }))
      .where('id', 'in', ids.map((r) => r.id))
      .returningAll()
      .execute());
  });
}

/** RETURNING keeps no order: the jobs due first run first. */
const dueFirst = (rows: JobRow[]) => rows.sort((a, b) => (a.run_at < b.run_at ? -1 : a.run_at > b.run_at ? 1 : 0));

/**
 * Running jobs whose lease ended before `before` (all of them when `before` is null: a single
 * SQLite node restarting owns every lease there is): the runs a dead node abandoned.
 */
export async function expiredLeases(db: Db, before: Temporal.Instant | null): Promise<{ id: string; kind: string }[]> {
  let q = db.kysely.selectFrom('jobs').select(['id', 'kind']).where('status', '=', 'running');
  if (before) q = q.where('lease_until', '<', isoUtc(before));
  return q.execute();
}

/** Those jobs go back to pending, unless they finished or were reaped meanwhile. */
export async function releaseLeases(db: Db, ids: readonly string[], before: Temporal.Instant | null): Promise<number> {
  if (ids.length === 0) return 0;
  let n = 0;
  // stay far below either engine's limit on bound parameters per statement
  for (let i = 0; i < ids.length; i += 1000) {
    let q = db.kysely.updateTable('jobs').set({ status: 'pending', lease_owner: null, lease_until: null }).where('status', '=', 'running').where('id', 'in', ids.slice(i, i + 1000));
    if (before) q = q.where('lease_until', '<', isoUtc(before));
    n += Number((await q.executeTakeFirst()).numUpdatedRows);
  }
  return n;
}
