// Helpdesk figures at scale (TK-4, TK-5). Prints figures; never part of `npm test`.
//   search: first page of `priority:urgent status:new order_by:created_at sort:desc` over N tickets,
//           p50/p95 through the search use case (parse, visibility, SQL, tags) — target p50 ≤ 50 ms
//   bulk:   one bulk update of 1,000 tickets (tag + public reply + status) through the durable
//           job, from request to last result — target ≤ 5 s
// N = HOTLINE_BENCH_TICKETS (default 1,000,000). SQLite in a temp file; PostgreSQL as well when
// HOTLINE_BENCH_POSTGRES_URL is set. Run: npx tsx bench/tickets.bench.ts
import { pathToFileURL } from 'node:url';
import { sql, type Insertable } from 'kysely';
import type { TicketsTable } from '../src/store/schema.ts';
import { systemClock } from '../src/kernel/clock.ts';
import type { Actor } from '../src/kernel/actor.ts';
import { JobEngine } from '../src/engine/runner.ts';
import { ChangeBus } from '../src/runtime/bus.ts';
import type { Ctx } from '../src/runtime/context.ts';
import { openDatabase, type Db, type Engine } from '../src/store/db.ts';
import { migrate } from '../src/store/migrate.ts';
import { createTestDatabase } from '../src/store/test-db.ts';
import { only } from '../src/main/capabilities.ts';
import { buildCtx } from '../src/main/node.ts';
import { searchTickets } from '../src/tickets/service-search.ts';
import { getBulkUpdate, startBulkUpdate } from '../src/tickets/service-bulk.ts';
import { PRIORITY_RANK, STATUS_RANK, TICKET_PRIORITIES, TICKET_STATUSES } from '../src/tickets/ticket.ts';

const QUERY = 'priority:urgent status:new order_by:created_at sort:desc';
const MANAGER = { kind: 'user', userId: 'bench-manager', role: 'manager', organizationId: null, name: 'Bench Manager', via: 'api' } satisfies Actor;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const unfinishedJobs = async (db: Db) => Number((await db.kysely.selectFrom('jobs').select((eb) => eb.fn.countAll().as('n')).where('status', 'in', ['pending', 'running']).executeTakeFirstOrThrow()).n);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 100) / 100;
};

/** Deterministic spread: 5 % urgent, 20 % new, a year of creation times. */
async function fill(db: Db, n: number): Promise<void> {
  const t0 = Date.parse('2025-11-23T00:00:00Z');
  const iso = new Date(t0).toISOString();
  await db.kysely.insertInto('users').values({ id: 'bench-requester', email: 'req@bench.example', name: 'Bench Requester', role: 'customer', kind: 'person', time_zone: 'UTC', active: 1, created_at: iso, updated_at: iso }).execute();
  await db.kysely.insertInto('users').values({ id: MANAGER.userId, email: 'mgr@bench.example', name: MANAGER.name, role: 'manager', kind: 'person', time_zone: 'UTC', active: 1, created_at: iso, updated_at: iso }).execute();
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const batch = db.engine === 'sqlite' ? 400 : 1000;
  for (let start = 0; start < n; start += batch * 25) {
    await db.kysely.transaction().execute(async (trx) => {
      for (let b = start; b < Math.min(n, start + batch * 25); b += batch) {
        const rows: Insertable<TicketsTable>[] = [];
        for (let i = b; i < Math.min(n, b + batch); i++) {
          const r = rnd();
          const priority = r < 0.05 ? 'urgent' : TICKET_PRIORITIES[Math.floor(rnd() * 3)];
          const status = rnd() < 0.2 ? 'new' : TICKET_STATUSES[1 + Math.floor(rnd() * 4)];
          const created = new Date(t0 + Math.floor((i / n) * 365 * 86_400_000)).toISOString();
          rows.push({
            id: `t${i}`, workspace: 'default', number: i + 1, subject: `Bench ticket ${i}`, status, status_rank: STATUS_RANK[status as keyof typeof STATUS_RANK],
            priority, priority_rank: PRIORITY_RANK[priority], form: 'self_managed', stage: 'first_reply', organization_id: null,
            requester_id: 'bench-requester', assignee_id: null, is_emergency: priority === 'urgent' ? 1 : 0, created_at: created, updated_at: created,
            solved_at: null, due_at: null, version: 1, custom_fields: '{}', followers: '[]', via: 'web', sla_clock: '{}', reply_token: `r${i}`,
          });
        }
        await trx.insertInto('tickets').values(rows).execute();
      }
    });
  }
  await db.kysely.updateTable('ticket_counters').set({ value: n }).where('workspace', '=', 'default').execute();
  await sql`analyze`.execute(db.kysely);
}

async function plan(db: Db): Promise<string> {
  const q = `select * from tickets where priority_rank = 3 and status_rank = 0 order by created_at desc, number desc limit 26`;
  if (db.engine === 'sqlite') return (await sql.raw(`explain query plan ${q}`).execute(db.kysely)).rows.map((r: any) => r.detail).join('; ');
  return (await sql.raw(`explain ${q}`).execute(db.kysely)).rows.map((r: any) => r['QUERY PLAN']).join(' | ').replace(/\s+/g, ' ');
}

export interface TicketsBenchFigures {
  engine: Engine;
  tickets: number;
  fillSeconds: number;
  searchP50Ms: number;
  searchP95Ms: number;
  searchTargetMet: boolean;
  searchPlan: string;
  bulkTickets: number;
  bulkSeconds: number;
  /** Until every reply e-mail the bulk queued had its delivery attempt. */
  bulkRepliesDeliveredSeconds: number;
  bulkFailed: number;
  bulkTargetMet: boolean;
}

async function benchEngine(engine: Engine, n: number): Promise<TicketsBenchFigures> {
  const t = await createTestDatabase(engine);
  const db = await openDatabase(engine === 'sqlite' ? { file: t.url } : { url: t.url });
  try {
    await migrate(db);
    const f0 = performance.now();
    await fill(db, n);
    const fillSeconds = Math.round((performance.now() - f0) / 100) / 10;
    // the public replies are e-mailed to requesters, as on a real node
    const ctx: Ctx = buildCtx({ db, clock: systemClock, jobs: new JobEngine({ db, clock: systemClock, nodeId: 'bench' }), bus: new ChangeBus('bench') }, only('tickets', 'notify'));

    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      const s0 = performance.now();
      const r = await searchTickets(ctx, MANAGER, QUERY, { limit: 25 });
      if (i >= 10) times.push(performance.now() - s0); // the first runs warm the cache
      if (r.items.length === 0) throw new Error('tickets bench: the search found nothing');
    }

    const ids = Array.from({ length: Math.min(1000, n) }, (_, i) => `t${Math.floor((i * n) / Math.min(1000, n))}`);
    // As on a running node: the engine's loop runs the bulk job; the requesters' e-mails it queues
    // go out beside it (no mail server here, so each delivery attempt is logged as failed).
    await ctx.jobs.start();
    const b0 = performance.now();
    // Watched as a browser watches it: the status is read when a chunk announces progress (polling
    // the full result list every few milliseconds would load the database the bulk is using).
    let progressed: () => void = () => {};
    const unsubscribe = ctx.bus.subscribe((e) => e.type === 'bulk.progress' && progressed());
    const started = await startBulkUpdate(ctx, MANAGER, { id: 'bench-bulk', ticketIds: ids, addTags: ['bench-incident'], status: 'pending', publicReply: 'We are aware of the incident; follow the status page. (ticket #{{ticket.number}})' });
    let done = await getBulkUpdate(ctx, MANAGER, started.id);
    let bulkSeconds = 0;
    for (; done.status !== 'done'; done = await getBulkUpdate(ctx, MANAGER, started.id)) {
      if (performance.now() - b0 > 300_000) throw new Error(`tickets bench: bulk still ${done.status} at ${done.done}/${done.total} after 5 minutes`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 1000);
        progressed = () => {
          bulkSeconds = Math.round((performance.now() - b0) / 10) / 100; // the last chunk's commit
          clearTimeout(t);
          resolve();
        };
      });
    }
    unsubscribe();
    if (!bulkSeconds) bulkSeconds = Math.round((performance.now() - b0) / 10) / 100;
    while (await unfinishedJobs(db)) await sleep(50);
    const mailsQueuedSeconds = Math.round((performance.now() - b0) / 10) / 100;
    const replyAttempts = Number((await db.kysely.selectFrom('deliveries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    if (replyAttempts !== done.total) throw new Error(`tickets bench: ${done.total} replies but ${replyAttempts} e-mail delivery attempts`);
    await ctx.jobs.stop();
    const p50 = pct(times, 50);
    return {
      engine, tickets: n, fillSeconds, searchP50Ms: p50, searchP95Ms: pct(times, 95), searchTargetMet: p50 <= 50, searchPlan: await plan(db),
      bulkTickets: done.total, bulkSeconds, bulkFailed: done.failed, bulkTargetMet: bulkSeconds <= 5, bulkRepliesDeliveredSeconds: mailsQueuedSeconds,
    };
  } finally {
    await db.close();
    await t.drop();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const n = Number(process.env.HOTLINE_BENCH_TICKETS ?? 1_000_000);
  const out: Record<string, unknown> = { sqlite: await benchEngine('sqlite', n) };
  if (process.env.HOTLINE_BENCH_POSTGRES_URL) {
    const before = process.env.HOTLINE_TEST_POSTGRES_URL;
    process.env.HOTLINE_TEST_POSTGRES_URL = process.env.HOTLINE_BENCH_POSTGRES_URL;
    try {
      out.postgres = await benchEngine('postgres', n);
    } finally {
      if (before === undefined) delete process.env.HOTLINE_TEST_POSTGRES_URL;
      else process.env.HOTLINE_TEST_POSTGRES_URL = before;
    }
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then(
    (r) => {
      for (const f of Object.values(r) as TicketsBenchFigures[]) {
        console.log(`tickets/${f.engine}: ${f.tickets} tickets (filled in ${f.fillSeconds} s); search "${QUERY}" first page p50 ${f.searchP50Ms} ms, p95 ${f.searchP95Ms} ms (target ≤ 50: ${f.searchTargetMet ? 'met' : 'NOT met'}); bulk ${f.bulkTickets} tickets in ${f.bulkSeconds} s, ${f.bulkFailed} failed (target ≤ 5 s: ${f.bulkTargetMet ? 'met' : 'NOT met'})`);
        console.log(`  plan: ${f.searchPlan}`);
      }
      console.log(JSON.stringify(r));
    },
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
