// Claiming due jobs and giving back the leases of dead nodes: the only queries that decide who
// runs what. PostgreSQL nodes claim side by side with FOR UPDATE SKIP LOCKED; SQLite has one
// writer, so a plain transaction is enough there.
// A replace key names one piece of work (a thread's chat mirror, a ticket's timer): its pending
// job waits while an earlier run of the same key is still running, so two runs never work over
// the same state side by side (two mirror runs would post the same entries twice).
import { sql, type ExpressionBuilder } from 'kysely';
import { isoUtc, Temporal } from '../kernel/time.ts';
import type { Db } from '../store/db.ts';
import type { Database } from '../store/schema.ts';
import { PENDING, type JobRow } from './jobs.ts';

/** A pending job not held back by a running job of its replace key. */
export function notBehindItsKey(eb: ExpressionBuilder<Database, 'jobs'>) {
  return eb.or([
    eb('jobs.replace_key', 'is', null),
    eb.not(eb.exists(eb.selectFrom('jobs as r').select(sql.lit(1).as('one')).where('r.status', '=', 'running').whereRef('r.replace_key', '=', 'jobs.replace_key'))),
  ]);
}

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
          and (replace_key is null or not exists (select 1 from jobs r where r.status = 'running' and r.replace_key = jobs.replace_key))
        order by run_at limit ${o.limit} for update skip locked)
      returning *`.execute(db.kysely);
    return dueFirst(r.rows);
  }
  return db.kysely.transaction().execute(async (trx) => {
    let q = trx.selectFrom('jobs').select('id').where('status', '=', 'pending').where('run_at', '<=', nowIso).where(notBehindItsKey);
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

/** How soon the next pending job is due (null: none), of those not held back (one held back wakes the loop when its key's run ends). */
export async function msUntilDue(db: Db, now: Temporal.Instant): Promise<number | null> {
  const row = await db.kysely.selectFrom('jobs').select((eb) => eb.fn.min('run_at').as('next')).where('status', '=', 'pending').where(notBehindItsKey).executeTakeFirst();
  return row?.next ? Math.max(0, Temporal.Instant.from(String(row.next)).epochMilliseconds - now.epochMilliseconds) : null;
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

/**
 * Those jobs go back to pending, unless they finished or were reaped meanwhile. One whose replace
 * key was armed again while it ran is superseded by that pending job (one pending job a key).
 */
export async function releaseLeases(db: Db, ids: readonly string[], before: Temporal.Instant | null, now: Temporal.Instant): Promise<number> {
  if (ids.length === 0) return 0;
  let n = 0;
  // stay far below either engine's limit on bound parameters per statement
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    let superseded = db.kysely.updateTable('jobs')
      .set({ status: 'cancelled', lease_owner: null, lease_until: null, finished_at: isoUtc(now), last_error: SUPERSEDED })
      .where('status', '=', 'running').where('id', 'in', chunk)
      .where((eb) => eb.exists(eb.selectFrom('jobs as p').select(sql.lit(1).as('one')).where('p.status', '=', PENDING).whereRef('p.replace_key', '=', 'jobs.replace_key')));
    if (before) superseded = superseded.where('lease_until', '<', isoUtc(before));
    await superseded.execute();
    let q = db.kysely.updateTable('jobs').set({ status: 'pending', lease_owner: null, lease_until: null }).where('status', '=', 'running').where('id', 'in', chunk);
    if (before) q = q.where('lease_until', '<', isoUtc(before));
    n += Number((await q.executeTakeFirst()).numUpdatedRows);
  }
  return n;
}

export const SUPERSEDED = 'superseded: its replace key was armed again while it ran, and that pending job does the work';
