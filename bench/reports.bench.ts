// RP-1 reports at scale. Prints figures; never part of `npm test`.
//   Every report over a 30-day period (and its region filter) in a database of N tickets (a year of
//   them, 90 % answered by staff), N/10 emergencies each with its page, escalations and SLA
//   breaches: p50/p95 of runReport (query + figures) — target p95 ≤ 300 ms.
// N = HOTLINE_BENCH_TICKETS (default 1,000,000). Seeded by bulk insert. SQLite in a temp file;
// PostgreSQL as well when HOTLINE_BENCH_POSTGRES_URL is set. Run: npx tsx bench/reports.bench.ts
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { FakeClock } from '../src/kernel/clock.ts';
import type { Actor } from '../src/kernel/actor.ts';
import { JobEngine } from '../src/engine/runner.ts';
import { ChangeBus } from '../src/runtime/bus.ts';
import { openDatabase, type Db, type Engine } from '../src/store/db.ts';
import { migrate } from '../src/store/migrate.ts';
import { createTestDatabase } from '../src/store/test-db.ts';
import { only } from '../src/main/capabilities.ts';
import { buildCtx } from '../src/main/node.ts';
import { parseFilters, REPORT_NAMES, runReport } from '../src/reports/index.ts';
import { isValidTimeZone } from '../src/kernel/time.ts';

const MANAGER = { kind: 'user', userId: 'bench-manager', role: 'manager', organizationId: null, name: 'Bench Manager', via: 'api' } satisfies Actor;
const T0 = Date.parse('2025-12-01T00:00:00Z');
const YEAR = 365 * 86_400_000;
const ZONES = ['America/New_York', 'America/Chicago', 'Europe/London', 'Europe/Berlin', 'Asia/Tokyo', 'Australia/Sydney'];
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]);
};
const iso = (ms: number) => new Date(ms).toISOString();

async function insertAll(db: Db, table: string, rows: Record<string, unknown>[]): Promise<void> {
  const batch = db.engine === 'sqlite' ? 2000 : 1000;
  const width = Object.keys(rows[0] ?? {}).length || 1;
  const per = Math.max(1, Math.floor((db.engine === 'sqlite' ? 30_000 : 60_000) / width));
  await db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += Math.min(batch, per)) await trx.insertInto(table as never).values(rows.slice(i, i + Math.min(batch, per)) as never).execute();
  });
}

async function fill(db: Db, n: number): Promise<void> {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const at = iso(T0);
  const people = [
    ...Array.from({ length: 2000 }, (_, i) => ({ id: `c${i}`, email: `c${i}@bench.example`, name: `Customer ${i}`, role: 'customer', kind: 'person', time_zone: ZONES[i % ZONES.length], region: null, active: 1, created_at: at, updated_at: at })),
    ...Array.from({ length: 40 }, (_, i) => ({ id: `e${i}`, email: `e${i}@bench.example`, name: `Engineer ${i}`, role: 'engineer', kind: 'person', time_zone: ZONES[i % ZONES.length], region: ['AMER', 'AMER', 'EMEA', 'EMEA', 'APAC', 'APAC'][i % 6], active: 1, created_at: at, updated_at: at })),
    { id: MANAGER.userId, email: 'mgr@bench.example', name: MANAGER.name, role: 'manager', kind: 'person', time_zone: 'UTC', region: null, active: 1, created_at: at, updated_at: at },
  ];
  await insertAll(db, 'users', people);
  await insertAll(db, 'organizations', Array.from({ length: 50 }, (_, i) => ({ id: `o${i}`, name: `Org ${i}`, slug: `org-${i}`, plan_tier: 'premium', support_package: 'priority_24x7', deployment: 'self_managed', created_at: at, updated_at: at })));
  await insertAll(db, 'paging_services', [{ id: 'svc', name: 'Customer support', integration_key: 'bench', created_at: at, updated_at: at }]);
  const forms = ['self_managed', 'saas', 'licensing', 'us_government', 'dedicated'];
  const chunk = 50_000;
  let pageNo = 0;
  for (let start = 0; start < n; start += chunk) {
    const tickets: Record<string, unknown>[] = [];
    const comments: Record<string, unknown>[] = [];
    const emergencies: Record<string, unknown>[] = [];
    const pages: Record<string, unknown>[] = [];
    for (let i = start; i < Math.min(n, start + chunk); i++) {
      const created = T0 + Math.floor((i / n) * YEAR);
      const emergency = i % 10 === 0;
      const replyAfter = Math.floor(rnd() * (emergency ? 3_600_000 : 36_000_000));
      const breached = rnd() < 0.03 ? iso(created + replyAfter) : null;
      const answered = rnd() < 0.9;
      tickets.push({
        id: `t${i}`, workspace: 'default', number: i + 1, subject: `Bench ticket ${i}`, status: 'solved', status_rank: 4, priority: emergency ? 'urgent' : 'normal', priority_rank: emergency ? 3 : 1,
        form: forms[i % 5], stage: 'next_reply', organization_id: `o${i % 50}`, requester_id: `c${i % 2000}`, assignee_id: null, is_emergency: emergency ? 1 : 0,
        created_at: iso(created), updated_at: iso(created), solved_at: null, due_at: null, version: 1, custom_fields: '{}', followers: '[]', via: 'web', sla_clock: '{}',
        sla_breached_at: breached, reply_token: `r${i}`, first_reply_at: answered && replyAfter > 0 ? iso(created + replyAfter) : null,
      });
      if (answered) comments.push({ id: `m${i}`, ticket_id: `t${i}`, author_id: `e${i % 40}`, body: 'Looking into it.', is_public: 1, via: 'web', created_at: iso(created + replyAfter) });
      if (emergency) {
        pageNo++;
        const eng = `e${Math.floor(rnd() * 40)}`;
        const ack = created + Math.floor(rnd() * 1_200_000);
        pages.push({ id: `p${i}`, number: pageNo, service_id: 'svc', title: `Ticket ${i + 1}`, ticket_id: `t${i}`, urgency: 'high', status: 'resolved', level_started_at: iso(created), target_user_ids: JSON.stringify([eng]), shadow_user_ids: '[]', acknowledged_by: eng, acknowledged_at: iso(ack), resolved_at: iso(ack + 600_000), triggered_at: iso(created), updated_at: iso(created) });
        emergencies.push({ id: `em${i}`, ticket_id: `t${i}`, ticket_number: i + 1, organization_id: `o${i % 50}`, state: 'resolved', dri_user_id: `${eng}@bench.example`, page_id: `p${i}`, rotation: 'customer-emergencies', channel: '#support', route: 'oncall', entitlement: '{}', qualification: ['strict', 'exception', 'not_emergency', null][i % 4], created_at: iso(created), updated_at: iso(created), resolved_at: iso(created + Math.floor(rnd() * 7_200_000)) });
      }
    }
    await insertAll(db, 'tickets', tickets);
    await insertAll(db, 'ticket_comments', comments);
    if (pages.length) await insertAll(db, 'pages', pages);
    if (emergencies.length) await insertAll(db, 'emergencies', emergencies);
  }
  const escalations = Array.from({ length: Math.floor(n / 200) }, (_, i) => {
    const created = iso(T0 + Math.floor((i / (n / 200)) * YEAR));
    return { id: `x${i}`, number: i + 1, kind: 'ticket', ticket_id: `t${i * 200}`, ticket_number: i * 200 + 1, title: 'Help', need: 'Owner', business_case: 'Renewal', urgency: 'high', state: ['resolved', 'rejected', 'filed'][i % 3], channel: '#esc', labels: JSON.stringify(i % 3 === 0 ? ['Response-Time'] : []), created_at: created, updated_at: created };
  });
  await insertAll(db, 'escalations', escalations);
  // a live database has had its tables visited by autovacuum (PostgreSQL), which a bulk load has not:
  // without it no index answers a query alone (no row is yet known visible to every transaction)
  await sql.raw(db.engine === 'postgres' ? 'vacuum analyze' : 'analyze').execute(db.kysely);
}

export interface ReportsBenchFigures { engine: Engine; tickets: number; fillSeconds: number; p95Ms: Record<string, number>; p50Ms: Record<string, number> }

export async function benchEngine(engine: Engine, n: number, rounds = 15): Promise<ReportsBenchFigures> {
  const t = await createTestDatabase(engine);
  const db = await openDatabase(engine === 'sqlite' ? { file: t.url } : { url: t.url });
  try {
    await migrate(db);
    const f0 = performance.now();
    await fill(db, n);
    const fillSeconds = Math.round((performance.now() - f0) / 100) / 10;
    const clock = new FakeClock(iso(T0 + YEAR));
    const ctx = buildCtx({ db, clock, jobs: new JobEngine({ db, clock, nodeId: 'bench' }), bus: new ChangeBus('bench') }, only('reports'));
    // the last 30 days of the year, all regions and one region
    const base = { since: iso(T0 + YEAR - 30 * 86_400_000), until: iso(T0 + YEAR) };
    const p95Ms: Record<string, number> = {};
    const p50Ms: Record<string, number> = {};
    for (const name of REPORT_NAMES) {
      for (const [label, q] of [[name, base], [`${name} region=EMEA`, { ...base, region: 'EMEA' }]] as const) {
        const times: number[] = [];
        for (let i = 0; i < rounds + 2; i++) {
          const s = performance.now();
          await runReport(ctx, MANAGER, name, parseFilters({ ...q, group: name === 'time-to-acknowledge' || name === 'time-to-first-reply' ? 'region' : undefined }, isValidTimeZone));
          if (i >= 2) times.push(performance.now() - s);
        }
        p95Ms[label] = pct(times, 95);
        p50Ms[label] = pct(times, 50);
      }
    }
    return { engine, tickets: n, fillSeconds, p95Ms, p50Ms };
  } finally {
    await db.close();
    await t.drop();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const n = Number(process.env.HOTLINE_BENCH_TICKETS ?? 1_000_000);
  const out: Record<string, unknown> = {};
  const engines: Engine[] = process.env.HOTLINE_BENCH_POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  if (process.env.HOTLINE_BENCH_POSTGRES_URL) process.env.HOTLINE_TEST_POSTGRES_URL = process.env.HOTLINE_BENCH_POSTGRES_URL;
  for (const e of engines) {
    const f = await benchEngine(e, n);
    out[`${e} fill (${n} tickets, ${n / 10} emergencies)`] = `${f.fillSeconds} s`;
    out[`${e} p95 ms (target ≤ 300)`] = f.p95Ms;
    out[`${e} p50 ms`] = f.p50Ms;
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [k, v] of Object.entries(await run())) console.log(`${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`);
}
