// Paging figures (PG-8, PG-6), on SQLite over real HTTP:
//  1. events accepted per second at /v2/enqueue with dedup (target ≥ 2,000/s), every accepted
//     event accounted for (sum of the pages' alert counts = accepted triggers);
//  2. latency from a trigger's 202 to its first e-mail reaching the loopback SMTP server at 50
//     triggers/s (targets p50 ≤ 50 ms, p99 ≤ 250 ms).
// Run: npx tsx bench/run.ts paging   (or import and call run()).
import { Worker } from 'node:worker_threads';
import { startSmtpSink } from '../test/stand-ins/index.ts';
import { http, startTestServer } from '../test/support/server.ts';

const KEY = 'benchbenchbenchbenchbenchbench01';

async function setup(url: string, token: string) {
  const api = http(url, { token });
  const me = (await api('GET', '/api/v1/auth/me')).body.user;
  if (!me.contactMethods.some((c: any) => c.kind === 'email')) {
    await api('POST', `/api/v1/users/${me.id}/contact-methods`, { kind: 'email', address: 'oncall@bench.test', verified: true });
  }
  await api('POST', '/api/v1/escalation-policies', { id: 'bench', name: 'Bench', levels: [{ delayMinutes: 30, targets: [{ type: 'user', id: me.id }] }] });
  const s = await api('POST', '/api/v1/services', { id: 'bench', name: 'Bench', escalationPolicyId: 'bench', integrationKey: KEY });
  if (s.status >= 300) throw new Error(`service: ${s.text}`);
}

const event = (dedup: string, summary = `bench ${dedup}`) =>
  JSON.stringify({ routing_key: KEY, event_action: 'trigger', dedup_key: dedup, payload: { summary, source: 'bench', severity: 'critical' } });

const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const { url, w, workers, total, keys, key } = workerData;
let next = w, accepted = 0, refused = 0;
const body = (i) => JSON.stringify({ routing_key: key, event_action: 'trigger', dedup_key: 'k' + (i % keys), payload: { summary: 'bench k' + (i % keys), source: 'bench', severity: 'critical' } });
(async () => {
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < total) {
      const i = next; next += workers;
      const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(i) });
      await r.arrayBuffer();
      if (r.status === 202) accepted++; else refused++;
    }
  }));
  parentPort.postMessage({ accepted, refused });
})();
`;

function loadWorker(url: string, w: number, workers: number, total: number, keys: number): Promise<{ accepted: number; refused: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { url, w, workers, total, keys, key: KEY } });
    worker.once('message', (m) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function throughput(): Promise<Record<string, unknown>> {
  const s = await startTestServer({ runJobs: false });
  try {
    await setup(s.url, s.admin.token);
    const total = 20_000;
    const keys = 200;
    // the load comes from worker threads so the server's event loop is not also the client's
    const workers = 1;
    const t0 = performance.now();
    const results = await Promise.all(Array.from({ length: workers }, (_, w) => loadWorker(`${s.url}/v2/enqueue`, w, workers, total, keys)));
    const accepted = results.reduce((n, r) => n + r.accepted, 0);
    const refused = results.reduce((n, r) => n + r.refused, 0);
    const secs = (performance.now() - t0) / 1000;
    const rows = await s.hotline.ctx.db.kysely.selectFrom('pages').select(['alert_count']).where('service_id', '=', 'bench').execute();
    const counted = rows.reduce((n, r) => n + Number(r.alert_count), 0);
    return {
      'events sent': total,
      'events accepted (202)': accepted,
      'events refused': refused,
      'events/s accepted': Math.round(accepted / secs),
      'pages opened (200 dedup keys)': rows.length,
      'alerts accounted for on pages': counted,
      'every accepted event accounted for': counted === accepted,
    };
  } finally {
    await s.close();
  }
}

async function latency(): Promise<Record<string, unknown>> {
  const sink = await startSmtpSink();
  const arrivals = new Map<string, number>();
  const push = sink.messages.push.bind(sink.messages);
  sink.messages.push = (...items) => {
    const now = performance.now();
    for (const m of items) arrivals.set(/bench (lat-\d+)/.exec(m.parsed.subject ?? '')?.[1] ?? '?', now);
    return push(...items);
  };
  const env = { HOTLINE_NOTIFY_SMTP_HOST: sink.host, HOTLINE_NOTIFY_SMTP_PORT: String(sink.port), HOTLINE_MAIL_FROM: 'Hotline <pager@bench.test>' };
  Object.assign(process.env, env);
  const s = await startTestServer({ runJobs: true });
  try {
    await setup(s.url, s.admin.token);
    // warm-up (connections, JIT), not counted
    for (let i = 0; i < 25; i++) await fetch(`${s.url}/v2/enqueue`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: event(`warm-${i}`) }).then((r) => r.arrayBuffer());
    await new Promise((r) => setTimeout(r, 500));
    const n = 500;
    const rate = 50;
    const accepted = new Map<string, number>();
    const sends: Promise<void>[] = [];
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const due = t0 + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const key = `lat-${i}`;
      sends.push((async () => {
        const r = await fetch(`${s.url}/v2/enqueue`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: event(key) });
        accepted.set(key, performance.now());
        await r.arrayBuffer();
      })());
    }
    await Promise.all(sends);
    const deadline = performance.now() + 45_000;
    while (arrivals.size < n && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const lat = [...accepted].flatMap(([k, at]) => (arrivals.has(k) ? [arrivals.get(k)! - at] : [])).sort((a, b) => a - b);
    const pct = (p: number) => (lat.length ? Math.round(lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))]) : NaN);
    const rows = await s.hotline.ctx.db.kysely.selectFrom('deliveries as d').innerJoin('pages as p', 'p.id', 'd.page_id').select(['d.at', 'd.finished_at', 'p.triggered_at']).where('d.attempt', '=', 1).execute();
    const ms = (a: unknown, b: unknown) => new Date(String(a)).getTime() - new Date(String(b)).getTime();
    const queued = rows.map((r) => ms(r.at, r.triggered_at)).sort((a, b) => a - b);
    const sending = rows.map((r) => ms(r.finished_at, r.at)).sort((a, b) => a - b);
    const mid = (xs: number[]) => xs[Math.floor(xs.length / 2)];
    const failed = await s.hotline.ctx.db.kysely.selectFrom('deliveries').select(['error']).where('status', '<>', 'sent').execute();
    return {
      'triggers at 50/s': n,
      'delivery attempts not sent (retried by the engine)': failed.length ? `${failed.length}: ${failed[0].error}` : 0,
      'trigger → attempt logged p50 ms': mid(queued),
      'attempt → sent p50 ms': mid(sending),
      'first e-mails received': lat.length,
      ...(lat.length < n ? { missing: [...accepted.keys()].filter((k) => !arrivals.has(k)).join(' ') } : {}),
      'latency 202 → SMTP p50 ms': pct(50),
      'latency 202 → SMTP p90 ms': pct(90),
      'latency 202 → SMTP p99 ms': pct(99),
      'latency 202 → SMTP max ms': Math.round(lat[lat.length - 1] ?? NaN),
    };
  } finally {
    await s.close();
    await sink.close();
    for (const k of Object.keys(env)) delete process.env[k];
  }
}

/** The same load against an empty route: what this machine's HTTP stack allows at most. */
async function ceiling(): Promise<Record<string, unknown>> {
  const { default: Fastify } = await import('fastify');
  const app = Fastify();
  app.post('/v2/enqueue', async (_req, reply) => reply.status(202).send({ status: 'success', message: 'Event processed', dedup_key: 'x' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const t0 = performance.now();
  const r = await loadWorker(`http://127.0.0.1:${port}/v2/enqueue`, 0, 1, 20_000, 200);
  await app.close();
  return { 'HTTP ceiling: empty route, same load, req/s': Math.round(r.accepted / ((performance.now() - t0) / 1000)) };
}

export async function run(): Promise<Record<string, unknown>> {
  process.env.HOTLINE_EVENTS_PER_MINUTE = '100000000';
  const t = { ...(await ceiling()), ...(await throughput()) };
  const figures = process.env.PAGING_BENCH_ONLY === 'throughput' ? t : { ...t, ...(await latency()) };
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k}: ${v}`);
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
