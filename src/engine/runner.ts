// The job runner: claims due jobs, runs their handlers, and records the outcome. A handler's
// database effects commit in the same transaction that marks its job done, so a job whose
// effects committed is never run again; a node that dies mid-job leaves a lease that expires and
// the job is run again by whichever node reaps it.
import type { Kysely } from 'kysely';
import { hostname } from 'node:os';
import { listen, type Listener } from '../store/listen.ts';
import type { Clock } from '../kernel/clock.ts';
import { newId } from '../kernel/ids.ts';
import { Temporal } from '../kernel/time.ts';
import type { Db } from '../store/db.ts';
import { Appends, Memo, type Tx } from '../store/tx.ts';
import type { Database, JobRow } from '../store/schema.ts';
import { onJobsDue } from './signal.ts';
import { claimDue, expiredLeases, msUntilDue, releaseLeases } from './claim.ts';
import { LeaseLost, markDone, markFailed, markFinished } from './complete.ts';
import { grouped } from '../kernel/group.ts';
import type { JobKind, JobPayloads, RunningJob } from './job-kind.ts';

export type { JobContext, JobHandler, JobKind, JobPayloads, JobSpec, RunningJob } from './job-kind.ts';

/** How a job run ended, as /metrics labels it. */
export type JobOutcome = 'done' | 'skipped' | 'retried' | 'failed';

export interface EngineOptions {
  db: Db;
  clock: Clock;
  nodeId?: string;
  leaseMs?: number;
  pollMs?: number;
  batchSize?: number;
  concurrency?: number;
  lateAfterMs?: number;
  log?: { info(o: object, m?: string): void; warn(o: object, m?: string): void; error(o: object, m?: string): void };
}

export class JobEngine<M = JobPayloads> {
  readonly nodeId: string;
  private kinds = new Map<string, JobKind>();
  private running = false;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  /** While asleep: when the loop will look again (clock ms). While busy: the earliest job signalled meanwhile. */
  private sleepingUntil = 0;
  private signalledDue = Infinity;
  /** Work started at once beside its backstop job (runAlongside): stop and drain wait for it. */
  private readonly alongside = new Set<Promise<void>>();
  private loopDone: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;
  private listener: Listener | null = null;
  private readonly o: Required<Omit<EngineOptions, 'log' | 'nodeId'>>;
  private lastReap = 0;
  private readonly extQueue: { row: JobRow; claimedAt: number; resolve: () => void }[] = [];
  private readonly extWorkers = new Set<Promise<void>>();
  private waitingForRoom = false;
  readonly stats = { claimed: 0, done: 0, failed: 0, retried: 0, skipped: 0, late: 0 };
  /** Jobs this node finished, by kind and outcome (done, skipped, retried, failed): the operators' /metrics (RP-4). */
  readonly finished = new Map<string, Map<JobOutcome, number>>();

  private count(kind: string, outcome: JobOutcome, n = 1): void {
    let byOutcome = this.finished.get(kind);
    if (!byOutcome) this.finished.set(kind, (byOutcome = new Map()));
    byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + n);
  }

  constructor(private readonly opts: EngineOptions) {
    this.nodeId = opts.nodeId ?? `${hostname()}:${process.pid}:${newId().slice(0, 8)}`;
    this.o = {
      db: opts.db,
      clock: opts.clock,
      leaseMs: opts.leaseMs ?? 60_000,
      pollMs: opts.pollMs ?? 1_000,
      batchSize: opts.batchSize ?? 50,
      concurrency: opts.concurrency ?? 8,
      lateAfterMs: opts.lateAfterMs ?? 60_000,
    };
  }

  register<K extends keyof M & string>(kind: K, def: JobKind<M[K]>): void {
    this.kinds.set(kind, def);
  }

  /** Start the background loop. On SQLite (one node by definition) stranded leases are reclaimed at once. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (this.o.db.engine === 'sqlite') await this.reclaimAll();
    this.unsubscribe = onJobsDue((dueAtMs) => this.wakeFor(dueAtMs));
    if (this.o.db.engine === 'postgres' && this.o.db.pool) {
      const dueAt = (payload: string | undefined) => (payload && Number.isFinite(Number(payload)) ? Number(payload) : undefined);
      this.listener = listen(this.o.db.pool, 'hotline_jobs', (payload) => this.wakeFor(dueAt(payload)), (m) => this.opts.log?.warn({}, m));
    }
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    this.unsubscribe?.();
    await this.loopDone;
    while (this.extWorkers.size || this.alongside.size) await Promise.all([...this.extWorkers, ...this.alongside]); // claimed deliveries finish
    await this.listener?.close();
    this.listener = null;
  }

  wake(): void {
    const w = this.wakeUp;
    this.wakeUp = null;
    this.woken = !w; // not asleep but busy: the loop's next sleep returns at once
    w?.();
  }

  /** A job due at `dueAtMs` committed: wake only if the loop would otherwise sleep past it. */
  private wakeFor(dueAtMs: number | undefined): void {
    if (dueAtMs === undefined) return this.wake();
    if (this.wakeUp) {
      if (dueAtMs < this.sleepingUntil) this.wake();
    } else {
      this.signalledDue = Math.min(this.signalledDue, dueAtMs); // busy: its next sleep ends by then
    }
  }

  /** True while this node's loop runs jobs (a CLI command's engine only queues them). */
  get started(): boolean {
    return this.running;
  }

  /**
   * Work this node starts at once rather than through a claim, because a job written beside it
   * stands behind it should the node die first (a webhook's first attempt, sent as soon as its
   * change commits): stop() and drain() wait for it as they do for claimed jobs.
   */
  runAlongside(work: () => Promise<void>): void {
    const p: Promise<void> = work()
      .catch((err) => this.opts.log?.error({ err }, 'work started beside its job failed; the job will do it'))
      .finally(() => this.alongside.delete(p));
    this.alongside.add(p);
  }

  /** Run every job due now until none is left (tests on a fake clock, the demo replay). */
  async drain(maxRounds = 1_000): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      while (this.alongside.size) await Promise.all(this.alongside);
      await this.reap();
      const n = await this.tick();
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      this.woken = false;
      let n = 0;
      let full = false;
      try {
        if (Date.now() - this.lastReap > this.o.leaseMs / 4) {
          this.lastReap = Date.now();
          await this.reap();
        }
        // Deliveries wait on networks; timers and state changes must not wait behind them. The
        // loop hands external jobs to a shared pool and goes on claiming, up to a backlog small
        // enough that every claimed delivery starts well inside its lease; with the backlog full
        // it still claims the jobs that run in transactions (a bulk change's next chunk, timers).
        full = this.extQueue.length >= this.maxBacklog();
        this.waitingForRoom = full;
        n = await this.tick(true, full);
      } catch (e) {
        this.opts.log?.error({ err: e }, 'job loop error');
      }
      if (n > 0 || !this.running) continue;
      await this.sleep(full ? this.o.pollMs : await this.msUntilNextDue().catch(() => this.o.pollMs));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const now = this.o.clock.now().epochMilliseconds;
      const until = Math.min(now + Math.max(0, Math.min(ms, this.o.pollMs)), this.signalledDue);
      this.signalledDue = Infinity;
      if (this.woken || until <= now) return resolve();
      this.sleepingUntil = until;
      const t = setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, until - now);
      this.wakeUp = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  private async msUntilNextDue(): Promise<number> {
    return (await msUntilDue(this.o.db, this.o.clock.now())) ?? this.o.pollMs;
  }

  /**
   * Claim one batch of due jobs and run them; returns how many were claimed. `detach` (the
   * background loop) returns once the transactional jobs are done and leaves the external ones to
   * the pool; otherwise (drain, tests) every claimed job has finished when it returns.
   */
  async tick(detach = false, transactionalOnly = false): Promise<number> {
    const rows = await this.claim(transactionalOnly);
    if (rows.length === 0) return 0;
    const external = rows.filter((r) => this.kinds.get(r.kind)?.mode === 'external');
    const internal = rows.filter((r) => this.kinds.get(r.kind)?.mode !== 'external');
    const delivered = this.runExternal(external);
    await this.runBatch(internal);
    if (!detach) await delivered;
    return rows.length;
  }

  private maxBacklog(): number {
    return this.o.batchSize * 4;
  }

  private toJob(row: JobRow): RunningJob {
    const now = this.o.clock.now();
    const runAt = Temporal.Instant.from(row.run_at);
    const lateByMs = Math.max(0, now.epochMilliseconds - runAt.epochMilliseconds);
    return {
      id: row.id,
      kind: row.kind,
      key: row.replace_key,
      payload: JSON.parse(row.payload),
      runAt,
      attempt: row.attempts,
      maxAttempts: row.max_attempts,
      late: lateByMs > this.o.lateAfterMs,
      lateByMs,
    };
  }

  /**
   * Transactional jobs of one claim run in one database transaction and are marked done by one
   * lease-checked update, so the batch shares its round trips and its commit. If any job fails,
   * the whole batch rolls back (no effect of it survives) and each job runs again on its own.
   */
  private async runBatch(rows: JobRow[]): Promise<void> {
    if (rows.length === 0) return;
    for (const row of rows) {
      this.stats.claimed++;
      if (this.toJob(row).late) this.stats.late++;
    }
    if (rows.length > 1) {
      const hooks: Array<() => void> = [];
      const ok = await this.o.db.kysely
        .transaction()
        .execute(async (trx) => {
          const appends = new Appends();
          for (const run of this.runsOf(rows)) await this.runInTx(trx, run, hooks, appends);
          await appends.flush(trx);
          const ran = rows.filter((x) => x.status === 'running').map((x) => x.id);
          if ((await markDone(trx, this.nodeId, ran, this.o.clock.now())).size !== ran.length) throw new LeaseLost('batch');
          return true;
        })
        .catch(() => false);
      if (ok) {
        this.stats.done += rows.length;
        for (const row of rows) this.count(row.kind, row.status === 'running' ? 'done' : 'skipped');
        runHooks(hooks);
        return;
      }
    }
    for (const row of rows) await this.runAlone(row);
  }

  /** Consecutive jobs of one kind that takes many at once (`handleMany`) form one run. */
  private runsOf(rows: JobRow[]): JobRow[][] {
    const runs: JobRow[][] = [];
    for (const row of rows) {
      const last = runs.at(-1);
      if (last && last[0].kind === row.kind && this.kinds.get(row.kind)?.handleMany) last.push(row);
      else runs.push([row]);
    }
    return runs;
  }

  /** Run the handler of a run of jobs inside `trx`; late-and-skippable jobs are finished here and say so. */
  private async runInTx(trx: Kysely<Database>, run: JobRow[], hooks: Array<() => void>, appends: Appends): Promise<void> {
    const def = this.kinds.get(run[0].kind);
    if (!def) throw new Error(`no handler registered for job kind "${run[0].kind}"`);
    const jobs: RunningJob[] = [];
    for (const row of run) {
      const job = this.toJob(row);
      if (job.late && def.whenLate === 'skip') {
        await this.finish(trx, row, job, 'done', `skipped: late by ${Math.round(job.lateByMs / 1000)} s`);
        row.status = 'done'; // not part of the batch's final update
        continue;
      }
      if (job.late) await trx.updateTable('jobs').set({ late_ms: job.lateByMs }).where('id', '=', row.id).execute();
      jobs.push(job);
    }
    if (jobs.length === 0) return;
    const env = { tx: { db: trx, engine: this.o.db.engine, afterCommit: (h: () => void) => hooks.push(h), appends, memo: new Memo() }, now: this.o.clock.now(), nodeId: this.nodeId };
    if (def.handleMany) await def.handleMany(jobs, env);
    else for (const job of jobs) await def.handler(job, env);
  }

  private async runAlone(row: JobRow): Promise<void> {
    row.status = 'running';
    const job = this.toJob(row);
    const hooks: Array<() => void> = [];
    try {
      await this.o.db.kysely.transaction().execute(async (trx) => {
        const appends = new Appends();
        await this.runInTx(trx, [row], hooks, appends);
        await appends.flush(trx);
        if (row.status === 'running') await this.finish(trx, row, job, 'done', null);
      });
      this.stats.done++;
      this.count(row.kind, row.status === 'running' ? 'done' : 'skipped');
      runHooks(hooks);
    } catch (e) {
      await this.fail(row, job, e).catch((err) => this.opts.log?.error({ err, job: row.id }, 'could not record job failure'));
    }
  }

  /**
   * Jobs that talk to the outside world run side by side, outside any transaction, in one pool of
   * `concurrency` workers shared by every claim. Resolves when these rows have run.
   */
  private runExternal(rows: JobRow[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    const claimedAt = this.o.clock.now().epochMilliseconds;
    const done = Promise.all(rows.map((row) => new Promise<void>((resolve) => this.extQueue.push({ row, claimedAt, resolve })))).then(() => undefined);
    while (this.extWorkers.size < this.o.concurrency && this.extWorkers.size < this.extQueue.length) {
      const w: Promise<void> = (async () => {
        for (let next = this.extQueue.shift(); next; next = this.extQueue.shift()) {
          // A job that waited here most of its lease is left to the reaper (it runs again, claimed
          // afresh) rather than started late under a lease about to end.
          if (this.o.clock.now().epochMilliseconds - next.claimedAt < this.o.leaseMs * 0.75) await this.runOneExternal(next.row);
          next.resolve();
          if (this.waitingForRoom && this.extQueue.length < this.maxBacklog()) this.wake(); // the loop may claim again
        }
      })().finally(() => this.extWorkers.delete(w));
      this.extWorkers.add(w);
    }
    return done;
  }

  private claim(transactionalOnly: boolean): Promise<JobRow[]> {
    const now = this.o.clock.now();
    const skipKinds = transactionalOnly ? [...this.kinds].filter(([, k]) => k.mode === 'external').map(([name]) => name) : [];
    return claimDue(this.o.db, { nodeId: this.nodeId, now, leaseUntil: now.add({ milliseconds: this.o.leaseMs }), limit: this.o.batchSize, skipKinds });
  }

  private async runOneExternal(row: JobRow): Promise<void> {
    this.stats.claimed++;
    const job = this.toJob(row);
    if (job.late) this.stats.late++;
    const def = this.kinds.get(row.kind)!;
    try {
      if (job.late && def.whenLate === 'skip') {
        await this.finish(this.o.db.kysely, row, job, 'done', `skipped: late by ${Math.round(job.lateByMs / 1000)} s`);
        this.stats.skipped++;
        this.count(row.kind, 'skipped');
        return;
      }
      const tx: Tx = { db: this.o.db.kysely, engine: this.o.db.engine, afterCommit: (h) => h(), memo: new Memo() };
      await def.handler(job, { tx, now: this.o.clock.now(), nodeId: this.nodeId });
      if (job.late) await this.finish(this.o.db.kysely, row, job, 'done', null);
      else if (!(await this.completeExternal(row.id))) throw new LeaseLost(row.id);
      this.stats.done++;
      this.count(row.kind, 'done');
    } catch (e) {
      await this.fail(row, job, e).catch((err) => this.opts.log?.error({ err, job: row.id }, 'could not record job failure'));
    }
    if (row.replace_key) this.wake(); // a pending job of its key may have waited for this run
  }

  /**
   * External jobs finish side by side; their completions share one lease-checked update (and one
   * commit) with every other completion that arrived while the previous one was being written.
   */
  private completeExternal = grouped(async (ids: string[]) => {
    const ours = await markDone(this.o.db.kysely, this.nodeId, ids, this.o.clock.now());
    return ids.map((id) => ours.has(id));
  });

  /** Mark the job finished, but only while this node still holds its lease. */
  private finish(db: Kysely<Database>, row: JobRow, job: RunningJob, status: 'done' | 'failed', error: string | null): Promise<void> {
    return markFinished(db, this.nodeId, row.id, { status, at: this.o.clock.now(), lateMs: job.late ? job.lateByMs : null, error });
  }

  private async fail(row: JobRow, job: RunningJob, e: unknown): Promise<void> {
    if (e instanceof LeaseLost) {
      this.opts.log?.warn({ job: row.id }, 'lease lost; another node owns this job now');
      return;
    }
    const message = e instanceof Error ? e.message : String(e);
    const { exhausted } = await markFailed(this.o.db.kysely, this.nodeId, row, message, this.o.clock.now());
    if (exhausted) this.stats.failed++;
    else this.stats.retried++;
    this.count(row.kind, exhausted ? 'failed' : 'retried');
    this.opts.log?.warn({ job: row.id, kind: row.kind, attempt: row.attempts, err: message }, exhausted ? 'job failed for good' : 'job failed; will retry');
  }

  /**
   * Jobs whose lease expired (their node died) go back to pending; the attempt still counts. Each
   * kind that asks is told first which of its runs were abandoned, while nothing can claim them
   * again yet (a delivery marks its attempt in flight as of unknown outcome).
   */
  reap(): Promise<number> {
    return this.release(this.o.clock.now());
  }

  private async reclaimAll(): Promise<void> {
    await this.release(null);
  }

  private async release(before: Temporal.Instant | null): Promise<number> {
    const expired = await expiredLeases(this.o.db, before);
    if (expired.length === 0) return 0;
    const byKind = new Map<string, string[]>();
    for (const j of expired) byKind.set(j.kind, [...(byKind.get(j.kind) ?? []), j.id]);
    for (const [kind, ids] of byKind) {
      const abandoned = this.kinds.get(kind)?.onAbandoned;
      // a failing reaction must not keep the jobs from running again
      if (abandoned) await abandoned(ids).catch((err) => this.opts.log?.error({ err, kind }, 'could not record abandoned runs'));
    }
    return releaseLeases(this.o.db, expired.map((j) => j.id), before, this.o.clock.now());
  }
}

function runHooks(hooks: Array<() => void>): void {
  for (const h of hooks) {
    try {
      h();
    } catch {
      // after-commit notifications never undo a committed job
    }
  }
}
