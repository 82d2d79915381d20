// What operators scrape: liveness, readiness (database reachable, job engine running) and
// Prometheus metrics.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import client from 'prom-client';
import type { Ctx } from '../runtime/context.ts';

// Default process metrics that prom-client names like counters though they are gauges (a "_total"
// suffix on a gauge, which promtool rejects); the same counts stay, by type, in the metrics without
// the suffix (hotline_nodejs_active_handles{type=…}).
const GAUGES_NAMED_LIKE_COUNTERS = ['hotline_nodejs_active_handles_total', 'hotline_nodejs_active_requests_total', 'hotline_nodejs_active_resources_total'];

export function registerOps(app: FastifyInstance, ctx: Ctx, engineRunning: () => boolean): void {
  // RP-4: this node's own counts live on its Ctx; the process and database metrics join them here.
  const registry = ctx.metrics.registry;
  client.collectDefaultMetrics({ register: registry, prefix: 'hotline_' });
  for (const name of GAUGES_NAMED_LIKE_COUNTERS) registry.removeSingleMetric(name);
  const requests = new client.Histogram({
    name: 'hotline_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  // What describes the database is read from it at scrape time, so every node answers the same
  // (one grouped count each: cheap on the status indexes).
  new client.Gauge({
    name: 'hotline_jobs',
    help: 'Jobs in the database by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const rows = await ctx.db.kysely.selectFrom('jobs').select(['status', (eb) => eb.fn.countAll().as('n')]).groupBy('status').execute();
      this.reset();
      for (const r of rows) this.set({ status: r.status as string }, Number(r.n));
    },
  });
  new client.Gauge({
    name: 'hotline_pages',
    help: 'Pages in the database by state (triggered, acknowledged, resolved)',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const rows = await ctx.db.kysely.selectFrom('pages').select(['status', (eb) => eb.fn.countAll().as('n')]).groupBy('status').execute();
      this.reset();
      for (const state of ['triggered', 'acknowledged', 'resolved']) this.set({ state }, 0);
      for (const r of rows) this.set({ state: r.status as string }, Number(r.n));
    },
  });
  new client.Counter({
    name: 'hotline_jobs_run_total',
    help: 'Jobs run by this node, by outcome',
    labelNames: ['outcome'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [k, v] of Object.entries(ctx.jobs.stats)) this.inc({ outcome: k }, v);
    },
  });
  new client.Counter({
    name: 'hotline_jobs_finished_total',
    help: 'Jobs finished by this node, by kind and outcome (done, skipped, retried, failed)',
    labelNames: ['kind', 'outcome'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [kind, outcomes] of ctx.jobs.finished) for (const [outcome, n] of outcomes) this.inc({ kind, outcome }, n);
    },
  });

  app.addHook('onResponse', async (req, reply) => {
    requests.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const checks: Record<string, string> = {};
    try {
      await sql`select 1`.execute(ctx.db.kysely);
      checks.database = 'ok';
    } catch (e) {
      checks.database = `error: ${(e as Error).message}`;
    }
    checks.jobs = engineRunning() ? 'ok' : 'stopped';
    const ok = Object.values(checks).every((v) => v === 'ok');
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not ready', checks });
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
