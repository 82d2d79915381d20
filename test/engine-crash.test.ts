// The jobs engine across real process deaths: nothing lost, nothing run twice.
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { systemClock } from '../src/kernel/clock.ts';
import { openTestDb, testEngines } from '../src/store/test-db.ts';
import { transact } from '../src/store/tx.ts';
import { enqueue } from '../src/engine/jobs.ts';
import type { Db } from '../src/store/db.ts';
import { kill, startProcess, waitFor } from './support/processes.ts';
import { needs } from './support/requirements.ts';
import type { ChildProcess } from 'node:child_process';
import type { JobEffects, WorkerJobs } from './support/job-worker.ts';

const WORKER = './job-worker.ts';

async function prepare(db: Db, count: number, workMs: number, dueInMs = 0) {
  await db.kysely.schema.createTable('job_effects').addColumn('job_id', 'text').addColumn('node', 'text').addColumn('late', 'integer').execute();
  const runAt = systemClock.now().add({ milliseconds: dueInMs });
  await transact(db, async (tx) => {
    for (let i = 0; i < count; i++) await enqueue<WorkerJobs>(tx, systemClock.now(), { kind: 'effect', runAt, payload: { workMs } });
  });
}

async function count(db: Db, q: 'effects' | 'done' | 'dupes'): Promise<number> {
  const r =
    q === 'effects'
      ? await sql<{ n: number }>`select count(*) as n from job_effects`.execute(db.kysely)
      : q === 'done'
        ? await sql<{ n: number }>`select count(*) as n from jobs where status = 'done'`.execute(db.kysely)
        : await sql<{ n: number }>`select count(*) as n from (select job_id from job_effects group by job_id having count(*) > 1) d`.execute(db.kysely);
  return Number(r.rows[0].n);
}

describe.each(testEngines())('jobs across process deaths on %s', (engine) => {
  const children: ChildProcess[] = [];
  let db: (Db & { url: string }) | undefined;
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => kill(c)));
    await db?.close();
  });

  it('a node killed with SIGKILL mid-work loses nothing and runs nothing twice after restart', async () => {
    db = await openTestDb(engine);
    await prepare(db, 400, 3);
    const first = await startProcess(WORKER, [db.url, 'node-a', '1500']);
    children.push(first);
    await waitFor('some work done', async () => (await count(db!, 'effects')) >= 60);
    await kill(first);
    const doneBefore = await count(db, 'done');
    expect(doneBefore).toBeLessThan(400); // killed in the middle of the work
    children.push(await startProcess(WORKER, [db.url, 'node-b', '1500']));
    await waitFor('all jobs done', async () => (await count(db!, 'done')) === 400, 60_000);
    expect(await count(db, 'effects')).toBe(400);
    expect(await count(db, 'dupes')).toBe(0);
  });

  it('a timer due while its node is down fires once on restart, marked late', async () => {
    db = await openTestDb(engine);
    await prepare(db, 3, 1, 300);
    await new Promise((r) => setTimeout(r, 1_200)); // no node running: the timers come due and pass
    children.push(await startProcess(WORKER, [db.url, 'node-c', '1500']));
    await waitFor('late timers done', async () => (await count(db!, 'done')) === 3);
    const rows = await db.kysely.selectFrom('jobs').select(['late_ms']).execute();
    for (const r of rows) expect(r.late_ms).toBeGreaterThan(500);
    const eff = await db.kysely.withTables<JobEffects>().selectFrom('job_effects').select('late').execute();
    expect(eff.map((e) => e.late)).toEqual([1, 1, 1]);
  });
});

describe('two nodes on one PostgreSQL database', needs('postgres'), () => {
  const children: ChildProcess[] = [];
  let db: (Db & { url: string }) | undefined;
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => kill(c)));
    await db?.close();
  });

  it('split 1,000 jobs with none run twice', async () => {
    db = await openTestDb('postgres');
    await prepare(db, 1000, 2, 1500); // due shortly after both nodes are up
    children.push(await startProcess(WORKER, [db.url, 'node-1', '5000']), await startProcess(WORKER, [db.url, 'node-2', '5000']));
    await waitFor('all jobs done', async () => (await count(db!, 'done')) === 1000, 60_000);
    expect(await count(db, 'effects')).toBe(1000);
    expect(await count(db, 'dupes')).toBe(0);
    const perNode = await db.kysely.withTables<JobEffects>().selectFrom('job_effects').select(['node', (eb) => eb.fn.countAll().as('n')]).groupBy('node').execute();
    expect(perNode.map((r) => r.node).sort()).toEqual(['node-1', 'node-2']);
    for (const r of perNode) expect(Number(r.n)).toBeGreaterThan(100);
  });
});
