// Finishing claimed jobs: every write is checked against this node's lease, so a node presumed
// dead (its jobs reaped and claimed again elsewhere) can never mark another node's run finished.
import { sql, type Kysely } from 'kysely';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import { backoffMs } from './backoff.ts';
import { SUPERSEDED } from './claim.ts';
import { PENDING } from './jobs.ts';
import type { Database, JobRow } from '../store/schema.ts';

export class LeaseLost extends Error {
  constructor(id: string) {
    super(`lease lost for job ${id}`);
  }
}

/** One job finished (or skipped, with why); throws LeaseLost if this node no longer holds it. */
export async function markFinished(
  db: Kysely<Database>, nodeId: string, id: string, o: { status: 'done' | 'failed'; at: Temporal.Instant; lateMs: number | null; error: string | null },
): Promise<void> {
  const r = await db
    .updateTable('jobs')
    .set({ status: o.status, finished_at: isoUtc(o.at), late_ms: o.lateMs, last_error: o.error, lease_owner: null, lease_until: null })
    .where('id', '=', id)
    .where('lease_owner', '=', nodeId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new LeaseLost(id);
}

/** Jobs done on time, in one statement; returns the ids this node still held (and so marked). */
export async function markDone(db: Kysely<Database>, nodeId: string, ids: readonly string[], at: Temporal.Instant): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const updated = await db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: isoUtc(at), last_error: null, lease_owner: null, lease_until: null })
    .where('id', 'in', [...ids])
    .where('lease_owner', '=', nodeId)
    .where('status', '=', 'running')
    .returning('id')
    .execute();
  return new Set(updated.map((r) => r.id));
}

/** A failed run: back to pending after a back-off, or failed for good once attempts are spent. */
export async function markFailed(db: Kysely<Database>, nodeId: string, row: JobRow, message: string, now: Temporal.Instant): Promise<{ exhausted: boolean }> {
  const exhausted = row.attempts >= row.max_attempts;
  if (!exhausted && row.replace_key) {
    // its key was armed again while it ran: that pending job is the retry (one pending job a key)
    const r = await db
      .updateTable('jobs')
      .set({ status: 'cancelled', last_error: `${message.slice(0, 1500)} (${SUPERSEDED})`, lease_owner: null, lease_until: null, finished_at: isoUtc(now) })
      .where('id', '=', row.id)
      .where('lease_owner', '=', nodeId)
      .where((eb) => eb.exists(eb.selectFrom('jobs as p').select(sql.lit(1).as('one')).where('p.status', '=', PENDING).where('p.replace_key', '=', row.replace_key)))
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 1) return { exhausted };
  }
  await db
    .updateTable('jobs')
    .set({
      status: exhausted ? 'failed' : 'pending',
      run_at: exhausted ? row.run_at : isoUtc(now.add({ milliseconds: backoffMs(row.attempts) })),
      last_error: message.slice(0, 2000),
      lease_owner: null,
      lease_until: null,
      finished_at: exhausted ? isoUtc(now) : null,
    })
    .where('id', '=', row.id)
    .where('lease_owner', '=', nodeId)
    .execute();
  return { exhausted };
}
