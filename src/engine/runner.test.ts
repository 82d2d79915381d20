import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../kernel/clock.ts';
import type { Db } from '../store/db.ts';
import { openTestDb, testEngines } from '../store/test-db.ts';
import { Memo, transact } from '../store/tx.ts';
import { cancelJob, enqueue, enqueueMany, findPendingJob } from './jobs.ts';
import { JobEngine } from './runner.ts';
import type { JobSpec } from './job-kind.ts';

/** The tests' own table, beside Hotline's schema. */
type Effects = { effects: { n: string | null } };
/** The tests' own job kinds and their payloads, in place of Hotline's (JobPayloads). */
type TestJobs = {
  timer: { n?: number; fail?: boolean };
  skippable: { n: number };
  delivery: { n: number };
  many: { n: number; bad?: boolean };
  'slow-delivery': Record<string, never>;
  'nobody-handles-this': Record<string, never>;
};

describe.each(testEngines())('job engine on %s', (engine) => {
  let db: Db;
  let clock: FakeClock;
  let jobs: JobEngine<TestJobs>;
  let ran: Array<{ key: string | null; payload: { n?: number }; late: boolean }>;

  beforeEach(async () => {
    db = await openTestDb(engine);
    await db.kysely.schema.createTable('effects').addColumn('n', 'text').execute();
    clock = new FakeClock('2026-11-23T09:00:00Z');
    jobs = new JobEngine<TestJobs>({ db, clock, lateAfterMs: 60_000 });
    ran = [];
    jobs.register('timer', {
      whenLate: 'fire',
      handler: async (job, { tx }) => {
        ran.push({ key: job.key, payload: job.payload, late: job.late });
        await tx.db.withTables<Effects>().insertInto('effects').values({ n: String(job.payload.n) }).execute();
        if (job.payload.fail) throw new Error('boom');
      },
    });
    jobs.register('skippable', { whenLate: 'skip', handler: async (job) => void ran.push({ key: job.key, payload: job.payload, late: job.late }) });
  });
  afterEach(async () => db.close());

  const arm = (spec: JobSpec<TestJobs>) => transact(db, (tx) => enqueue<TestJobs>(tx, clock.now(), spec));
  const effects = async () => (await db.kysely.withTables<Effects>().selectFrom('effects').select('n').execute()).map((r) => r.n);

  it('runs a timer only once it is due, exactly once', async () => {
    await arm({ kind: 'timer', runAt: clock.now().add({ minutes: 15 }), payload: { n: 1 } });
    expect(await jobs.drain()).toBe(0);
    clock.advance({ minutes: 15 });
    expect(await jobs.drain()).toBe(1);
    expect(await jobs.drain()).toBe(0);
    expect(await effects()).toEqual(['1']);
  });

  it('a job written in a rolled-back transaction never exists', async () => {
    await expect(
      transact(db, async (tx) => {
        await enqueue<TestJobs>(tx, clock.now(), { kind: 'timer', runAt: clock.now(), payload: { n: 1 } });
        throw new Error('state change refused');
      }),
    ).rejects.toThrow('state change refused');
    expect(await jobs.drain()).toBe(0);
  });

  it('re-arming a replace key moves the one pending timer; cancelling removes it', async () => {
    const key = 'ticket:123:silence-followup';
    await arm({ kind: 'timer', key, runAt: clock.now().add({ minutes: 15 }), payload: { n: 1 } });
    await arm({ kind: 'timer', key, runAt: clock.now().add({ minutes: 30 }), payload: { n: 2 } });
    const pending = await findPendingJob({ db: db.kysely, engine, afterCommit: () => {}, memo: new Memo() }, key);
    expect(pending?.run_at).toBe('2026-11-23T09:30:00.000Z');
    clock.advance({ minutes: 20 });
    expect(await jobs.drain()).toBe(0);
    expect(await transact(db, (tx) => cancelJob(tx, clock.now(), key))).toBe(1);
    clock.advance({ hours: 1 });
    expect(await jobs.drain()).toBe(0);
    // the key is free again once its job is cancelled
    await arm({ kind: 'timer', key, runAt: clock.now(), payload: { n: 3 } });
    expect(await jobs.drain()).toBe(1);
    expect(await effects()).toEqual(['3']);
  });

  it('a failing handler rolls back its effects and retries with backoff until it succeeds or gives up', async () => {
    await arm({ kind: 'timer', runAt: clock.now(), payload: { n: 1, fail: true }, maxAttempts: 3 });
    await jobs.drain();
    expect(await effects()).toEqual([]);
    let row = await db.kysely.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'boom', run_at: '2026-11-23T09:00:01.000Z' });
    clock.advance({ seconds: 1 });
    await jobs.drain();
    clock.advance({ seconds: 2 });
    await jobs.drain();
    row = await db.kysely.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(await effects()).toEqual([]);
  });

  it('a timer found late after downtime fires once and is marked late; a skippable one is skipped and says so', async () => {
    await arm({ kind: 'timer', runAt: clock.now().add({ minutes: 10 }), payload: { n: 1 } });
    await arm({ kind: 'skippable', runAt: clock.now().add({ minutes: 10 }), payload: { n: 2 } });
    clock.advance({ hours: 2 }); // the node was down
    await jobs.drain();
    expect(ran).toEqual([{ key: null, payload: { n: 1 }, late: true }]);
    const rows = await db.kysely.selectFrom('jobs').select(['kind', 'status', 'late_ms', 'last_error']).orderBy('kind').execute();
    expect(rows).toEqual([
      { kind: 'skippable', status: 'done', late_ms: 6_600_000, last_error: 'skipped: late by 6600 s' },
      { kind: 'timer', status: 'done', late_ms: 6_600_000, last_error: null },
    ]);
  });

  it('a job whose lease expired (its node died) is reaped and run by another node', async () => {
    await arm({ kind: 'timer', runAt: clock.now(), payload: { n: 1 } });
    // a node claims it and dies: simulate the claim alone
    await db.kysely.updateTable('jobs').set({ status: 'running', lease_owner: 'dead-node', lease_until: '2026-11-23T09:01:00.000Z', attempts: 1 }).execute();
    expect(await jobs.drain()).toBe(0);
    clock.advance({ minutes: 2 });
    expect(await jobs.drain()).toBe(1);
    expect(await effects()).toEqual(['1']);
  });

  it('PG-6: a kind hears which of its runs a dead node abandoned, while they are still running, before they run again', async () => {
    const heard: Array<{ ids: string[]; statuses: string[] }> = [];
    jobs.register('delivery', {
      whenLate: 'fire',
      mode: 'external',
      onAbandoned: async (ids) => {
        const rows = await db.kysely.selectFrom('jobs').select('status').where('id', 'in', ids).execute();
        heard.push({ ids, statuses: rows.map((r) => r.status) });
      },
      handler: async (job) => void ran.push({ key: job.key, payload: job.payload, late: job.late }),
    });
    await arm({ kind: 'delivery', runAt: clock.now(), key: 'd1', payload: { n: 1 } });
    await arm({ kind: 'timer', runAt: clock.now(), payload: { n: 2 } });
    await db.kysely.updateTable('jobs').set({ status: 'running', lease_owner: 'dead-node', lease_until: '2026-11-23T09:01:00.000Z', attempts: 1 }).execute();
    expect(await jobs.drain()).toBe(0);
    expect(heard).toEqual([]); // the lease has not ended: that node may still be sending
    clock.advance({ minutes: 2 });
    expect(await jobs.drain()).toBe(2);
    const id = (await db.kysely.selectFrom('jobs').select('id').where('kind', '=', 'delivery').executeTakeFirstOrThrow()).id;
    expect(heard).toEqual([{ ids: [id], statuses: ['running'] }]);
    expect(ran.map((r) => r.payload.n).sort()).toEqual([1, 2]); // both ran again; only the delivery kind asked to hear
  });

  it('a kind that takes many at once gets the jobs claimed together in one call, in order; if that call fails each runs alone', async () => {
    const calls: number[][] = [];
    jobs.register('many', {
      whenLate: 'fire',
      handler: async () => {
        throw new Error('the engine hands this kind over as a list');
      },
      handleMany: async (batch, { tx }) => {
        calls.push(batch.map((j) => j.payload.n));
        if (batch.some((j) => j.payload.bad)) throw new Error('one bad job');
        for (const j of batch) await tx.db.withTables<Effects>().insertInto('effects').values({ n: String(j.payload.n) }).execute();
      },
    });
    await transact(db, (tx) => enqueueMany<TestJobs>(tx, clock.now(), [3, 1, 2].map((n) => ({ kind: 'many', runAt: clock.now().subtract({ seconds: 10 - n }), payload: { n } }))));
    expect(await jobs.drain()).toBe(3);
    expect(calls).toEqual([[1, 2, 3]]);
    await transact(db, (tx) => enqueueMany<TestJobs>(tx, clock.now(), [4, 5].map((n) => ({ kind: 'many', runAt: clock.now().subtract({ seconds: 10 - n }), payload: { n, bad: n === 5 }, maxAttempts: 1 }))));
    await jobs.drain();
    expect(calls.slice(1)).toEqual([[4, 5], [4], [5]]);
    expect((await effects()).sort()).toEqual(['1', '2', '3', '4']);
  });

  it('jobs written together keep enqueue\'s meaning: a key re-arms its pending job, the later of two specs wins', async () => {
    const key = 'ticket:9:reminder';
    await arm({ kind: 'timer', key, runAt: clock.now().add({ minutes: 5 }), payload: { n: 1 } });
    await transact(db, (tx) => enqueueMany<TestJobs>(tx, clock.now(), [
      { kind: 'timer', key, runAt: clock.now().add({ minutes: 10 }), payload: { n: 2 } },
      { kind: 'timer', runAt: clock.now().add({ minutes: 1 }), payload: { n: 3 } },
      { kind: 'timer', key, runAt: clock.now().add({ minutes: 20 }), payload: { n: 4 } },
    ]));
    const rows = await db.kysely.selectFrom('jobs').select(['replace_key', 'run_at', 'payload']).where('status', '=', 'pending').orderBy('run_at').execute();
    expect(rows.map((r) => [r.replace_key, r.run_at, JSON.parse(r.payload).n])).toEqual([
      [null, '2026-11-23T09:01:00.000Z', 3],
      [key, '2026-11-23T09:20:00.000Z', 4],
    ]);
  });

  it('a run that fails after its key was armed again gives way to that pending job; so does a reaped one', async () => {
    let armAgain = true;
    jobs.register('delivery', {
      whenLate: 'fire',
      mode: 'external',
      handler: async (job) => {
        ran.push({ key: job.key, payload: job.payload, late: job.late });
        if (job.payload.n !== 1) return;
        if (armAgain) await arm({ kind: 'delivery', key: 'mirror', runAt: clock.now(), payload: { n: 2 } });
        throw new Error('provider answered 503');
      },
    });
    await arm({ kind: 'delivery', key: 'mirror', runAt: clock.now(), payload: { n: 1 } });
    await jobs.drain();
    expect(ran.map((r) => r.payload.n)).toEqual([1, 2]);
    const rows = await db.kysely.selectFrom('jobs').select(['payload', 'status', 'last_error']).orderBy('created_at').execute();
    expect(rows.map((r) => [JSON.parse(r.payload).n, r.status])).toEqual([[1, 'cancelled'], [2, 'done']]);
    expect(rows[0]!.last_error).toMatch(/provider answered 503 \(superseded/);
    // a node died mid-run while the key was armed again: its run is not put back beside the pending one
    armAgain = false;
    await db.kysely.deleteFrom('jobs').execute();
    await arm({ kind: 'delivery', key: 'mirror', runAt: clock.now(), payload: { n: 3 } });
    await db.kysely.updateTable('jobs').set({ status: 'running', lease_owner: 'dead-node', lease_until: clock.now().add({ minutes: 1 }).toString(), attempts: 1 }).execute();
    await arm({ kind: 'delivery', key: 'mirror', runAt: clock.now(), payload: { n: 4 } });
    expect(await jobs.drain()).toBe(0); // held back behind the run that may still be going
    clock.advance({ minutes: 2 });
    expect(await jobs.drain()).toBe(1);
    expect(ran.slice(2).map((r) => r.payload.n)).toEqual([4]);
    const after = await db.kysely.selectFrom('jobs').select(['payload', 'status']).orderBy('created_at').execute();
    expect(after.map((r) => [JSON.parse(r.payload).n, r.status])).toEqual([[3, 'cancelled'], [4, 'done']]);
  });

  it('an unknown job kind fails with a clear error instead of vanishing', async () => {
    await arm({ kind: 'nobody-handles-this', runAt: clock.now(), payload: {}, maxAttempts: 1 });
    await jobs.drain();
    const row = await db.kysely.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.last_error).toMatch(/no handler registered for job kind "nobody-handles-this"/);
  });
});

describe.each(testEngines())('deliveries beside timers on %s', (engine) => {
  let db: Db;
  let jobs: JobEngine<TestJobs>;
  let openGate: () => void;
  const gate = () => new Promise<void>((r) => (openGate = r));
  const clock = new FakeClock('2026-11-23T09:00:00Z');

  beforeEach(async () => {
    db = await openTestDb(engine);
    await db.kysely.schema.createTable('effects').addColumn('n', 'text').execute();
  });
  afterEach(async () => {
    openGate?.();
    await jobs?.stop();
    await db.close();
  });

  const arm = (spec: JobSpec<TestJobs>) => transact(db, (tx) => enqueue<TestJobs>(tx, clock.now(), spec));
  const statuses = async () => (await db.kysely.selectFrom('jobs').select(['kind', 'status']).orderBy('kind').execute()).map((r) => `${r.kind}:${r.status}`);
  async function until(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
    for (const t0 = Date.now(); !(await check()); await new Promise((r) => setTimeout(r, 10))) {
      if (Date.now() - t0 > ms) throw new Error('condition not met in time');
    }
  }

  it('a full backlog of hung deliveries does not hold back a timer that is due', async () => {
    jobs = new JobEngine<TestJobs>({ db, clock, pollMs: 20, batchSize: 2, concurrency: 1 }); // backlog of 8
    const stuck = gate();
    jobs.register('slow-delivery', { whenLate: 'fire', mode: 'external', handler: () => stuck });
    jobs.register('timer', { whenLate: 'fire', handler: async (_job, { tx }) => void (await tx.db.withTables<Effects>().insertInto('effects').values({ n: 'timer' }).execute()) });
    for (let i = 0; i < 20; i++) await arm({ kind: 'slow-delivery', runAt: clock.now(), payload: {} });
    await jobs.start();
    await until(async () => (await statuses()).filter((s) => s === 'slow-delivery:running').length >= 8);
    await arm({ kind: 'timer', runAt: clock.now(), payload: {} });
    await until(async () => (await db.kysely.withTables<Effects>().selectFrom('effects').selectAll().execute()).length === 1);
    openGate();
    await until(async () => (await statuses()).every((s) => s.endsWith(':done')));
  });

  it('a job due after the runner\'s next look does not wake it (no query); one due before it does, and runs', async () => {
    let reads = 0; // the runner's queries of the jobs table: each look for work is one or two
    const counted: Db = { ...db, kysely: db.kysely.withPlugin({ transformQuery: (a) => ((reads += a.node.kind === 'SelectQueryNode' ? 1 : 0), a.node), transformResult: async (a) => a.result }) };
    jobs = new JobEngine<TestJobs>({ db: counted, clock, pollMs: 60_000 });
    const ran: number[] = [];
    jobs.register('timer', { whenLate: 'fire', handler: async (job) => void ran.push(job.payload.n!) });
    await jobs.start();
    await new Promise((r) => setTimeout(r, 100)); // nothing due: asleep for a minute
    const asleep = reads;
    await arm({ kind: 'timer', runAt: clock.now().add({ minutes: 30 }), payload: { n: 1 } });
    await new Promise((r) => setTimeout(r, 200));
    expect(reads).toBe(asleep);
    await arm({ kind: 'timer', runAt: clock.now(), payload: { n: 2 } });
    await until(async () => ran.length === 1, 1_000);
    expect(ran).toEqual([2]);
  });

  it('a key armed again while its run is in flight runs once that run ends, never beside it', async () => {
    jobs = new JobEngine<TestJobs>({ db, clock, pollMs: 60_000, concurrency: 8 }); // only a wake-up can start the second run soon
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    let first = gate();
    jobs.register('delivery', {
      whenLate: 'fire',
      mode: 'external',
      handler: async (job) => {
        most = Math.max(most, ++inFlight);
        started.push(job.payload.n);
        if (job.payload.n === 1) await first;
        inFlight--;
      },
    });
    await arm({ kind: 'delivery', key: 'chat-mirror:channel', runAt: clock.now(), payload: { n: 1 } });
    await jobs.start();
    await until(async () => started.length === 1);
    await arm({ kind: 'delivery', key: 'chat-mirror:channel', runAt: clock.now(), payload: { n: 2 } });
    await new Promise((r) => setTimeout(r, 200));
    expect(started).toEqual([1]); // the second waits while the first still works
    openGate();
    await until(async () => (await statuses()).every((s) => s.endsWith(':done')), 2_000);
    expect(started).toEqual([1, 2]);
    expect(most).toBe(1);
    first = Promise.resolve();
  });

  it('deliveries finishing together are marked done together; one whose lease moved to another node is not', async () => {
    jobs = new JobEngine<TestJobs>({ db, clock, concurrency: 8 });
    jobs.register('delivery', {
      whenLate: 'fire',
      mode: 'external',
      handler: async (job) => {
        // this node was presumed dead meanwhile: another node holds the job now
        if (job.payload.n === 3) await db.kysely.updateTable('jobs').set({ lease_owner: 'other-node' }).where('id', '=', job.id).execute();
      },
    });
    for (let n = 0; n < 6; n++) await arm({ kind: 'delivery', runAt: clock.now(), payload: { n } });
    expect(await jobs.drain()).toBe(6);
    const rows = await db.kysely.selectFrom('jobs').select(['payload', 'status', 'lease_owner']).execute();
    const byN = new Map(rows.map((r) => [JSON.parse(r.payload).n, `${r.status}/${r.lease_owner}`]));
    expect([...byN.entries()].sort()).toEqual([[0, 'done/null'], [1, 'done/null'], [2, 'done/null'], [3, 'running/other-node'], [4, 'done/null'], [5, 'done/null']]);
  });
});
