// A real Hotline job node in its own process, for the kill-and-restart and two-node tests.
// Each `effect` job inserts one row in job_effects inside the job's own transaction.
import { systemClock } from '../../src/kernel/clock.ts';
import { openDatabase } from '../../src/store/db.ts';
import { JobEngine } from '../../src/engine/runner.ts';

/** The test's own table (created by test/engine-crash.test.ts), beside Hotline's schema. */
export type JobEffects = { job_effects: { job_id: string | null; node: string | null; late: number | null } };
/** The test's own job kind, in place of Hotline's. */
export type WorkerJobs = { effect: { workMs: number } };

const [url, nodeId, leaseMs] = process.argv.slice(2);
const db = await openDatabase(url.startsWith('postgres') ? { url } : { file: url });
const engine = new JobEngine<WorkerJobs>({ db, clock: systemClock, nodeId, pollMs: 50, leaseMs: Number(leaseMs || 2000), concurrency: 4, lateAfterMs: 500 });
engine.register('effect', {
  whenLate: 'fire',
  handler: async (job, { tx }) => {
    await tx.db.withTables<JobEffects>().insertInto('job_effects').values({ job_id: job.id, node: nodeId, late: job.late ? 1 : 0 }).execute();
    await new Promise((r) => setTimeout(r, Number(job.payload.workMs ?? 2)));
  },
});
await engine.start();
process.send?.('ready');
process.on('SIGTERM', async () => {
  await engine.stop();
  await db.close();
  process.exit(0);
});
