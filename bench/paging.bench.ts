// Paging figures (PG-8, PG-6) over real HTTP against `hotline start` running as its own process:
//  1. events accepted per second at /v2/enqueue with dedup (target ≥ 2,000/s on SQLite; also on
//     PostgreSQL when HOTLINE_BENCH_POSTGRES_URL is set): 20,000 triggers over 200 dedup keys,
//     and every accepted event accounted for (sum of the pages' alert counts = 202 answers);
//     the same for Opsgenie's Alert API (POST /v2/alerts, alias as the dedup key) on the same
//     server and run (target: at least the Events API's rate);
//  2. the ceiling of the same server on an empty route (GET /healthz), same connections;
//  3. latency from a trigger's 202 to its first e-mail reaching a loopback SMTP server at 50
//     triggers/s (targets p50 ≤ 50 ms, p99 ≤ 250 ms).
// Run: npm run bench -- paging   (PAGING_BENCH_ONLY=throughput|sqlite|postgres|latency runs one part).
import http from 'node:http';
import { openDatabase, type Engine } from '../src/store/db.ts';
import { startSmtpSink, type SmtpSink } from '../test/stand-ins/index.ts';
import { ADMIN_TOKEN, closedLoop, send, startServerProcess, type ServerProcess } from './load.ts';

const KEY = 'benchbenchbenchbenchbenchbench01';
const EVENTS = Number(process.env.PAGING_BENCH_EVENTS) || 20_000;
const DEDUP_KEYS = 200;
const CONNECTIONS = 64;

async function setup(url: string) {
  const agent = new http.Agent({ keepAlive: true });
  const api = async (method: string, path: string, body?: unknown) => {
    const r = await send(agent, url + path, method, body === undefined ? undefined : JSON.stringify(body), { authorization: `Bearer ${ADMIN_TOKEN}` });
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.body}`);
    return JSON.parse(r.body);
  };
  try {
    const me = (await api('GET', '/api/v1/auth/me')).user;
    if (!me.contactMethods.some((c: any) => c.kind === 'email')) {
      await api('POST', `/api/v1/users/${me.id}/contact-methods`, { kind: 'email', address: 'oncall@bench.test', verified: true });
    }
    await api('POST', '/api/v1/escalation-policies', { id: 'bench', name: 'Bench', levels: [{ delayMinutes: 30, targets: [{ type: 'user', id: me.id }] }] });
    await api('POST', '/api/v1/services', { id: 'bench', name: 'Bench', escalationPolicyId: 'bench', integrationKey: KEY });
  } finally {
    agent.destroy();
  }
}

const GENIE = { authorization: `GenieKey ${KEY}` };
const alert = (alias: string) => JSON.stringify({ message: `bench ${alias}`, alias, source: 'bench', priority: 'P1' });

const event = (dedup: string, summary = `bench ${dedup}`) =>
  JSON.stringify({ routing_key: KEY, event_action: 'trigger', dedup_key: dedup, payload: { summary, source: 'bench', severity: 'critical' } });

/** Reads the server's database from this process once the load is over. */
async function query<T>(s: ServerProcess, fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase(s.engine === 'sqlite' ? { file: s.database } : { url: s.database, poolSize: 1 });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const serverEnv = (sink: SmtpSink) => ({
  HOTLINE_EVENTS_PER_MINUTE: '100000000',
  HOTLINE_NOTIFY_SMTP_HOST: sink.host,
  HOTLINE_NOTIFY_SMTP_PORT: String(sink.port),
  HOTLINE_MAIL_FROM: 'Hotline <pager@bench.test>',
});

async function throughput(engine: Engine): Promise<Record<string, unknown>> {
  const sink = await startSmtpSink();
  const s = await startServerProcess(engine, serverEnv(sink));
  const label = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  try {
    await setup(s.url);
    // warm-up on other keys (JIT, connections, the service lookup), not counted
    await closedLoop(`${s.url}/v2/enqueue`, 2_000, CONNECTIONS, (i) => ({ method: 'POST', body: event(`warm-${i % 20}`) }));
    await closedLoop(`${s.url}/v2/alerts`, 2_000, CONNECTIONS, (i) => ({ method: 'POST', body: alert(`warm-og-${i % 20}`), headers: GENIE }));
    let cpu0 = s.cpuMs();
    const ceiling = await closedLoop(`${s.url}/healthz`, EVENTS, CONNECTIONS, () => ({ method: 'GET' }));
    const ceilingCpu = s.cpuMs() - cpu0;
    cpu0 = s.cpuMs();
    const r = await closedLoop(`${s.url}/v2/enqueue`, EVENTS, CONNECTIONS, (i) => ({ method: 'POST', body: event(`k${i % DEDUP_KEYS}`) }));
    const cpu = s.cpuMs() - cpu0;
    // Opsgenie's Alert API on the same server, right after: same volume, keys and connections
    const og = await closedLoop(`${s.url}/v2/alerts`, EVENTS, CONNECTIONS, (i) => ({ method: 'POST', body: alert(`o${i % DEDUP_KEYS}`), headers: GENIE }));
    const ogAccepted = og.statuses[202] ?? 0;
    const ogRows = await query(s, (db) => db.kysely.selectFrom('pages').select(['alert_count']).where('service_id', '=', 'bench').where('dedup_key', 'like', 'o%').execute());
    const ogCounted = ogRows.reduce((n, row) => n + Number(row.alert_count), 0);
    const accepted = r.statuses[202] ?? 0;
    const rows = await query(s, (db) => db.kysely.selectFrom('pages').select(['alert_count']).where('service_id', '=', 'bench').where('dedup_key', 'like', 'k%').execute());
    const counted = rows.reduce((n, row) => n + Number(row.alert_count), 0);
    return {
      [`${label}: empty route (GET /healthz) ceiling, req/s`]: ceiling.perSecond,
      [`${label}: events sent (${DEDUP_KEYS} dedup keys, ${CONNECTIONS} keep-alive connections)`]: EVENTS,
      [`${label}: events accepted (202)`]: accepted,
      [`${label}: other answers`]: JSON.stringify(Object.fromEntries(Object.entries(r.statuses).filter(([k]) => k !== '202'))),
      [`${label}: events/s accepted`]: Math.round(accepted / r.seconds),
      // the machine is shared: CPU the server spent is steadier than wall-clock rates
      [`${label}: server CPU per event, µs (empty route: per request)`]: `${Math.round((cpu * 1000) / EVENTS)} (${Math.round((ceilingCpu * 1000) / EVENTS)})`,
      [`${label}: server CPU share while loaded (empty route)`]: `${Math.round((cpu / 1000 / r.seconds) * 100)}% (${Math.round((ceilingCpu / 1000 / ceiling.seconds) * 100)}%)`,
      [`${label}: pages opened`]: rows.length,
      [`${label}: alerts accounted for on pages`]: counted,
      [`${label}: every accepted event accounted for`]: counted === accepted && rows.length === DEDUP_KEYS,
      [`${label}: Opsgenie alerts accepted (202) of ${EVENTS}`]: ogAccepted,
      [`${label}: Opsgenie other answers`]: JSON.stringify(Object.fromEntries(Object.entries(og.statuses).filter(([k]) => k !== '202'))),
      [`${label}: Opsgenie alerts/s accepted`]: Math.round(ogAccepted / og.seconds),
      [`${label}: Opsgenie ÷ Events API rate`]: (ogAccepted / og.seconds / (accepted / r.seconds)).toFixed(2),
      [`${label}: every accepted Opsgenie alert accounted for`]: ogCounted === ogAccepted && ogRows.length === DEDUP_KEYS,
    };
  } finally {
    await s.stop();
    await sink.close();
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
  const s = await startServerProcess('sqlite', serverEnv(sink));
  const agent = new http.Agent({ keepAlive: true });
  try {
    await setup(s.url);
    const url = `${s.url}/v2/enqueue`;
    // warm-up (connections, JIT, the mail pool), not counted
    for (let i = 0; i < 25; i++) await send(agent, url, 'POST', event(`warm-${i}`));
    await new Promise((r) => setTimeout(r, 1000));
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
      sends.push(send(agent, url, 'POST', event(key)).then(() => void accepted.set(key, performance.now())));
    }
    await Promise.all(sends);
    const deadline = performance.now() + 45_000;
    while ([...accepted.keys()].some((k) => !arrivals.has(k)) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const lat = [...accepted].flatMap(([k, at]) => (arrivals.has(k) ? [arrivals.get(k)! - at] : [])).sort((a, b) => a - b);
    const pct = (p: number) => (lat.length ? Math.round(lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))]) : NaN);
    const failed = await query(s, (db) => db.kysely.selectFrom('deliveries').select(['error']).where('status', '<>', 'sent').execute());
    // where the time goes: waiting for the job engine, then the SMTP conversation
    const rows = await query(s, (db) => db.kysely.selectFrom('deliveries as d').innerJoin('pages as p', 'p.id', 'd.page_id').select(['d.at', 'd.finished_at', 'p.triggered_at']).where('d.attempt', '=', 1).where('p.dedup_key', 'like', 'lat-%').execute());
    const ms = (a: unknown, b: unknown) => new Date(String(a)).getTime() - new Date(String(b)).getTime();
    const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return {
      'triggers at 50/s (SQLite)': n,
      'delivery attempts not sent (retried by the engine)': failed.length ? `${failed.length}: ${failed[0].error}` : 0,
      'trigger → attempt logged p50 ms': mid(rows.map((r) => ms(r.at, r.triggered_at))),
      'attempt → sent p50 ms': mid(rows.map((r) => ms(r.finished_at, r.at))),
      'first e-mails received': lat.length,
      ...(lat.length < n ? { missing: [...accepted.keys()].filter((k) => !arrivals.has(k)).join(' ') } : {}),
      'latency 202 → SMTP p50 ms': pct(50),
      'latency 202 → SMTP p90 ms': pct(90),
      'latency 202 → SMTP p99 ms': pct(99),
      'latency 202 → SMTP max ms': Math.round(lat[lat.length - 1] ?? NaN),
    };
  } finally {
    agent.destroy();
    await s.stop();
    await sink.close();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const only = process.env.PAGING_BENCH_ONLY;
  const pg = process.env.HOTLINE_BENCH_POSTGRES_URL;
  const out: Record<string, unknown> = {};
  if (!only || only === 'throughput' || only === 'sqlite') Object.assign(out, await throughput('sqlite'));
  if (pg && (!only || only === 'throughput' || only === 'postgres')) {
    // the test-database helper makes (and drops) a fresh database on this server
    process.env.HOTLINE_TEST_POSTGRES_URL = pg;
    Object.assign(out, await throughput('postgres'));
  } else if (!pg) {
    out.PostgreSQL = 'skipped: set HOTLINE_BENCH_POSTGRES_URL';
  }
  if (!only || only === 'latency') Object.assign(out, await latency());
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [k, v] of Object.entries(await run())) console.log(`  ${k}: ${v}`);
}
