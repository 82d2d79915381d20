// Writing jobs: always inside the caller's transaction, so a timer exists if and only if the
// state change that armed it committed.
import { sql, type Insertable } from 'kysely';
import { newId } from '../kernel/ids.ts';
import { isoUtc, Temporal } from '../kernel/time.ts';
import type { JobRow, JobStatus, JobsTable } from '../store/schema.ts';
import type { Tx } from '../store/tx.ts';
import type { JobPayloads, JobSpec } from './job-kind.ts';

export type { JobPayloads, JobSpec, RunningJob } from './job-kind.ts';
import { signalJobsDue } from './signal.ts';

/** What writing a job needs, whatever its kind (enqueue's callers give a JobSpec: a declared kind and its payload). */
interface AnySpec {
  kind: string;
  runAt: Temporal.Instant;
  payload: unknown;
  key?: string;
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * `status = 'pending'` written as a literal: a pending job is found by its key through the partial
 * index jobs_pending_key, which SQLite uses only when the query names its condition literally. With
 * a bound parameter it walks every pending job instead (one per open page's timer, and more).
 */
export const PENDING = sql.lit<JobStatus>('pending');

/** Per transaction: the earliest due time its NOTIFY has announced. */
const notified = new WeakMap<object, number>();

function jobRow(now: Temporal.Instant, spec: AnySpec): Insertable<JobsTable> & { id: string; kind: string; run_at: string; payload: string; max_attempts: number } {
  return {
    id: newId(),
    kind: spec.kind,
    replace_key: spec.key ?? null,
    run_at: isoUtc(spec.runAt),
    payload: JSON.stringify(spec.payload ?? {}),
    status: 'pending',
    attempts: 0,
    max_attempts: spec.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    created_at: isoUtc(now),
  };
}

export async function enqueue<M = JobPayloads>(tx: Tx, now: Temporal.Instant, spec: JobSpec<NoInfer<M>>): Promise<string> {
  const row = jobRow(now, spec);
  let q = tx.db.insertInto('jobs').values(row);
  if (spec.key) {
    q = q.onConflict((oc) =>
      oc
        .column('replace_key')
        .where('status', '=', PENDING)
        .doUpdateSet({ kind: row.kind, run_at: row.run_at, payload: row.payload, attempts: 0, max_attempts: row.max_attempts, last_error: null }),
    );
  }
  await q.execute();
  await wakeNodes(tx, spec.runAt);
  return row.id;
}

/**
 * Like enqueue, but a pending job of the key is left as it is (its time too): for work that picks
 * up whatever is there when it runs, such as a chat mirror waiting out a provider's rate limit.
 */
export async function enqueueUnlessPending<M = JobPayloads>(tx: Tx, now: Temporal.Instant, spec: JobSpec<NoInfer<M>> & { key: string }): Promise<void> {
  await tx.db.insertInto('jobs').values(jobRow(now, spec)).onConflict((oc) => oc.column('replace_key').where('status', '=', PENDING).doNothing()).execute();
  await wakeNodes(tx, spec.runAt);
}

/**
 * Many jobs in one statement, each with enqueue's meaning: a key re-arms its pending job, and of
 * two specs with one key the later wins (one statement cannot write a row twice).
 */
export async function enqueueMany<M = JobPayloads>(tx: Tx, now: Temporal.Instant, specs: readonly JobSpec<NoInfer<M>>[]): Promise<void> {
  const keyed = new Map<string, AnySpec>();
  const unkeyed: AnySpec[] = [];
  for (const spec of specs) {
    if (!spec.key) {
      unkeyed.push(spec);
      continue;
    }
    keyed.delete(spec.key); // re-inserted: a re-armed key keeps its latest place
    keyed.set(spec.key, spec);
  }
  const rows = [...unkeyed, ...keyed.values()].map((spec) => jobRow(now, spec));
  if (rows.length === 0) return;
  for (let i = 0; i < rows.length; i += 400) { // 9 parameters a row: far below either engine's limit
    await tx.db.insertInto('jobs').values(rows.slice(i, i + 400)).onConflict((oc) =>
      oc
        .column('replace_key')
        .where('status', '=', PENDING)
        .doUpdateSet((eb) => ({
          kind: eb.ref('excluded.kind'), run_at: eb.ref('excluded.run_at'), payload: eb.ref('excluded.payload'),
          attempts: 0, max_attempts: eb.ref('excluded.max_attempts'), last_error: null,
        })),
    ).execute();
  }
  await wakeNodes(tx, specs.reduce((a, s) => (Temporal.Instant.compare(s.runAt, a) < 0 ? s.runAt : a), specs[0].runAt));
}

/**
 * Wakes the runners at commit, telling them when the job is due: each wakes only if it would sleep
 * past that. Other nodes hear it by NOTIFY (its payload the due time in epoch ms), sent once per
 * transaction unless a later job is due sooner; more would only cost round trips.
 */
async function wakeNodes(tx: Tx, dueAt: Temporal.Instant): Promise<void> {
  const at = dueAt.epochMilliseconds;
  if (tx.engine === 'postgres') {
    const told = tx.db.isTransaction ? notified.get(tx.db) : undefined;
    if (told === undefined || at < told) {
      await sql`select pg_notify('hotline_jobs', ${String(at)})`.execute(tx.db);
      if (tx.db.isTransaction) notified.set(tx.db, at);
    }
  }
  tx.afterCommit(() => signalJobsDue(at));
}

/** Cancel the pending job with this replace key; returns how many were cancelled (0 or 1). */
export async function cancelJob(tx: Tx, now: Temporal.Instant, key: string): Promise<number> {
  const r = await tx.db
    .updateTable('jobs')
    .set({ status: 'cancelled', finished_at: isoUtc(now) })
    .where('replace_key', '=', key)
    .where('status', '=', PENDING)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export type { JobRow };

export async function findPendingJob(tx: Tx, key: string): Promise<JobRow | undefined> {
  return tx.db.selectFrom('jobs').selectAll().where('replace_key', '=', key).where('status', '=', PENDING).executeTakeFirst();
}
