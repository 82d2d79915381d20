// Starting a Hotline node: open the store, migrate, bootstrap the first admin, load the demo
// workspace if asked, start the job engine and the HTTP server.
import { readFileSync } from 'node:fs';
import { ROOT, VERSION } from './version.ts';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { SYSTEM } from '../kernel/actor.ts';
import { systemClock, type Clock } from '../kernel/clock.ts';
import { newId } from '../kernel/ids.ts';
import { openDatabase, type Db } from '../store/db.ts';
import { migrate, withStartupLock } from '../store/migrate.ts';
import { JobEngine } from '../engine/runner.ts';
import { buildApp, type RouteInfo } from '../api/app.ts';
import { bootstrapAdmin, createUser } from '../people/index.ts';
import { applyWorkspace, type ApplyReport } from '../workspace/index.ts';
import { ChangeBus } from '../runtime/bus.ts';
import type { Capability } from '../runtime/capability.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import { capabilities } from './capabilities.ts';
import { buildCtx } from './node.ts';

export { ROOT, VERSION };
export const DEMO_FILE = join(ROOT, 'examples', 'demo.yaml');

export interface StartOptions {
  databaseUrl?: string;
  dataDir?: string;
  port?: number;
  host?: string;
  demo?: boolean;
  clock?: Clock;
  logLevel?: string;
  /** Where the request log goes (default: standard output). */
  logStream?: { write(line: string): void };
  webDir?: string;
  /** Run the job engine loop (tests on a fake clock drive it by hand instead). */
  runJobs?: boolean;
  /** Leases and lateness in the clock's time (a bench on a clock running faster than real time stretches them). */
  jobTimes?: { leaseMs?: number; lateAfterMs?: number };
  admin?: { email?: string; password?: string; token?: string };
  rateLimits?: { login?: { max: number; timeWindow: string }; token?: { max: number; timeWindow: string } };
  /** The capabilities of this node (default: all of them). */
  plugs?: readonly Capability[];
}

export interface Hotline {
  url: string;
  ctx: Ctx;
  app: FastifyInstance & { routeTable: RouteInfo[] };
  demo: ApplyReport | null;
  close(): Promise<void>;
}

export async function openStore(opts: Pick<StartOptions, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  return opts.databaseUrl
    ? openDatabase({ url: opts.databaseUrl })
    : openDatabase({ file: join(opts.dataDir ?? join(process.cwd(), 'data'), 'hotline.db') });
}

export async function startHotline(opts: StartOptions = {}): Promise<Hotline> {
  const db = await openStore(opts);
  await migrate(db);
  const clock = opts.clock ?? systemClock;
  const nodeId = newId().slice(0, 8);
  const jobs = new JobEngine({ db, clock, nodeId, ...opts.jobTimes });
  const bus = new ChangeBus(nodeId);
  if (db.engine === 'postgres' && db.pool) await bus.connect(db.pool);
  const plugs = opts.plugs ?? capabilities;
  const ctx = buildCtx({ db, clock, jobs, bus }, plugs);

  const demo = await withStartupLock(db, async () => {
    // the demo first: its admin keeps the demo password, and a bootstrap token is added to it
    const report = opts.demo ? await applyWorkspace(ctx, SYSTEM, readFileSync(DEMO_FILE, 'utf8')) : null;
    if (opts.admin?.email) {
      await bootstrapAdmin(ctx, SYSTEM, opts.admin, (tx) =>
        createUser(ctx, SYSTEM, { email: opts.admin!.email!, name: 'Administrator', role: 'admin', password: opts.admin!.password }, tx),
      );
    }
    // recurring jobs a failure or an older store left unscheduled are scheduled again
    for (const p of plugs) if (p.start) await withTx(ctx, undefined, (tx) => p.start!(ctx, tx));
    return report;
  });

  let engineRunning = false;
  const app = await buildApp(ctx, {
    version: VERSION,
    webDir: opts.webDir ?? join(ROOT, 'web', 'dist'),
    logLevel: opts.logLevel,
    logStream: opts.logStream,
    engineRunning: () => engineRunning || opts.runJobs === false,
    rateLimits: opts.rateLimits,
    plugs,
  });
  const address = await app.listen({ port: opts.port ?? 8080, host: opts.host ?? '127.0.0.1' });
  if (opts.runJobs !== false) {
    await jobs.start();
    engineRunning = true;
  }
  return {
    url: address.replace('[::1]', 'localhost'),
    ctx,
    app,
    demo,
    async close() {
      await app.close();
      await jobs.stop();
      await bus.close();
      await db.close();
    },
  };
}
