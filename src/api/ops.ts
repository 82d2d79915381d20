// What operators scrape: liveness, readiness (database reachable, job engine running) and
// Prometheus metrics.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import client from 'prom-client';
import type { Ctx } from '../runtime/context.ts';

export function registerOps(app: FastifyInstance, ctx: Ctx, engineRunning: () => boolean): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'hotline_' });
  const requests = new client.Histogram({
    name: 'hotline_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new client.Gauge({
    name: 'hotline_jobs',
    help: 'Jobs by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const rows = await ctx.db.kysely.selectFrom('jobs').select(['status', (eb) => eb.fn.countAll().as('n')]).groupBy('status').execute();
      this.reset();
      for (const r of rows) this.set({ status: r.status as string }, Number(r.n));
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
