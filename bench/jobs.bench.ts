// Jobs engine throughput and start delay. Prints figures; never part of `npm test`.
//   throughput: jobs claimed-and-run per second (each job commits its own transaction)
//   start delay: time from a job's due instant to its handler starting, at 200 due jobs/s
import { systemClock } from '../src/kernel/clock.ts';
import { openDatabase, type Db } from '../src/store/db.ts';
import { createTestDatabase, type TestDatabase } from '../src/store/test-db.ts';
import { migrate } from '../src/store/migrate.ts';
import { transact } from '../src/store/tx.ts';
import { enqueue } from '../src/engine/jobs.ts';
import { JobEngine } from '../src/engine/runner.ts';
import { Temporal } from '../src/kernel/time.ts';

type Engine = 'sqlite' | 'postgres';
/** The bench's own job kind, in place of Hotline's. */
type BenchJobs = { bench: { i: number } };

async function fresh(engine: Engine): Promise<{ t: TestDatabase; open: () => Promise<Db> }> {
  const t = await createTestDatabase(engine);
  const open = () => openDatabase(engine === 'sqlite' ? { file: t.url } : { url: t.url });
  const db = await open();
  await migrate(db);
  await db.close();
  return { t, open };
}

async function fill(db: Db, n: number, at: (i: number) => Temporal.Instant) {
  const now = systemClock.now();
  for (let start = 0; start < n; start += 500) {
    await transact(db, async (tx) => {
      for (let i = start; i < Math.min(n, start + 500); i++) await enqueue<BenchJobs>(tx, now, { kind: 'bench', runAt: at(i), payload: { i } });
    });
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function throughput(engine: Engine, nodes: number, n: number): Promise<number> {
  const { t, open } = await fresh(engine);
  const seed = await open();
  await fill(seed, n, () => systemClock.now());
  const dbs = await Promise.all(Array.from({ length: nodes }, () => open()));
  let done = 0;
  let finish!: () => void;
  const all = new Promise<void>((r) => (finish = r));
  const engines = dbs.map((db, k) => {
    const e = new JobEngine<BenchJobs>({ db, clock: systemClock, nodeId: `bench-${k}`, batchSize: 100, concurrency: engine === 'sqlite' ? 1 : 8 });
    e.register('bench', { whenLate: 'fire', handler: async () => void (++done === n && finish()) });
    return e;
  });
  const t0 = performance.now();
  await Promise.all(engines.map((e) => e.start()));
  await all;
  const secs = (performance.now() - t0) / 1000;
  await Promise.all(engines.map((e) => e.stop()));
  await Promise.all([...dbs, seed].map((d) => d.close()));
  await t.drop();
  return Math.round(n / secs);
}

async function startDelay(engine: Engine, perSecond: number, seconds: number): Promise<{ p50: number; p99: number; max: number }> {
  const { t, open } = await fresh(engine);
  const db = await open();
  const n = perSecond * seconds;
  // the first job comes due only after the table is filled and the engine is up
  const begin = systemClock.now().add({ milliseconds: 2000 + n * (engine === 'postgres' ? 3 : 1) });
  await fill(db, n, (i) => begin.add({ milliseconds: Math.round((i * 1000) / perSecond) }));
  if (systemClock.now().epochMilliseconds > begin.epochMilliseconds) throw new Error('filling took longer than the lead time; the figures would be wrong');
  const delays: number[] = [];
  const e = new JobEngine<BenchJobs>({ db, clock: systemClock, nodeId: 'delay', pollMs: 1000 });
  let finish!: () => void;
  const all = new Promise<void>((r) => (finish = r));
  e.register('bench', {
    whenLate: 'fire',
    handler: async (job) => {
      delays.push(Date.now() - job.runAt.epochMilliseconds);
      if (delays.length === n) finish();
    },
  });
  await e.start();
  await all;
  await e.stop();
  await db.close();
  await t.drop();
  return { p50: pct(delays, 50), p99: pct(delays, 99), max: Math.max(...delays) };
}

export async function run(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const pg = process.env.HOTLINE_BENCH_POSTGRES_URL ?? process.env.HOTLINE_TEST_POSTGRES_URL;
  out['sqlite jobs/s (1 node)'] = await throughput('sqlite', 1, 10_000);
  out['sqlite start delay ms at 200 due/s (p50/p99/max)'] = await startDelay('sqlite', 200, 10);
  if (pg) {
    process.env.HOTLINE_TEST_POSTGRES_URL = pg;
    out['postgres jobs/s (1 node)'] = await throughput('postgres', 1, 10_000);
    out['postgres jobs/s (2 nodes)'] = await throughput('postgres', 2, 10_000);
    out['postgres start delay ms at 200 due/s (p50/p99/max)'] = await startDelay('postgres', 200, 10);
  } else {
    out.postgres = 'skipped: set HOTLINE_BENCH_POSTGRES_URL';
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await run();
  for (const [k, v] of Object.entries(figures)) console.log(`${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`);
}
