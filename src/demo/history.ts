// `hotline demo history`: months of plausible past for the demo workspace, so reports and what-if
// staffing (RP-1, RP-2) have something to show on a fresh demo. The plan is seeded (the same seed
// gives the same history); each emergency is routed as the workflow routes one (the DRI, else a
// free overlapping engineer, else the manager on call) by the same replay what-if uses, and written
// as the rows the workflow leaves once it is over, a month per transaction. Once per store.
import { emergencyConfigOf, managerScheduleFor } from '../emergencies/index.ts';
import { SYSTEM } from '../kernel/actor.ts';
import { Temporal } from '../kernel/time.ts';
import { findUsers } from '../people/index.ts';
import { routeArrivals } from '../reports/index.ts';
import { withTx } from '../runtime/context.ts';
import { currentSchedules } from '../schedules/index.ts';
import { startHotline } from '../main/server.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { CUSTOMERS, planHistory } from './history-plan.ts';
import { emergencyRows, emptyRows, escalationRows, ticketRows, type Person, type Rows } from './history-rows.ts';

export class HistoryError extends Error {}

export interface HistoryOptions { months: number; seed: number; now: Temporal.Instant; databaseUrl?: string; dataDir?: string; log: (line: string) => void }
export interface HistorySummary { since: string; until: string; seed: number; months: number; emergencies: number; paged: number; concurrent: number; waitedForManager: number; breached: number; tickets: number; escalations: number; pages: number; seconds: number }

const MARK = 'demo_history';
const CHUNK = 200;

async function insertAll(tx: Tx, r: Rows): Promise<void> {
  for (const [table, rows] of [['tickets', r.tickets], ['ticket_comments', r.comments], ['pages', r.pages], ['emergencies', r.emergencies], ['escalations', r.escalations], ['timeline', r.timeline]] as const) {
    for (let i = 0; i < rows.length; i += CHUNK) await tx.db.insertInto(table).values(rows.slice(i, i + CHUNK) as never).execute();
  }
}

async function counter(tx: Tx, kind: 'ticket' | 'page', add: number): Promise<number> {
  if (kind === 'ticket') {
    const cur = Number((await tx.db.selectFrom('ticket_counters').select('value').where('workspace', '=', 'default').executeTakeFirstOrThrow()).value);
    await tx.db.updateTable('ticket_counters').set({ value: cur + add }).where('workspace', '=', 'default').execute();
    return cur;
  }
  const cur = Number((await tx.db.selectFrom('paging_counters').select('value').where('name', '=', 'page').executeTakeFirst())?.value ?? 0);
  await tx.db.updateTable('paging_counters').set({ value: cur + add }).where('name', '=', 'page').execute();
  return cur;
}

/** Writes the history; refuses a store that already holds one. */
export async function runHistory(o: HistoryOptions): Promise<HistorySummary> {
  const t0 = performance.now();
  const until = Temporal.Instant.fromEpochMilliseconds(Math.floor(o.now.epochMilliseconds / 3_600_000) * 3_600_000);
  const since = until.toZonedDateTimeISO('UTC').subtract({ months: o.months }).toInstant();
  const h = await startHotline({ databaseUrl: o.databaseUrl, dataDir: o.dataDir, port: 0, host: '127.0.0.1', demo: true, runJobs: false, logLevel: 'silent' });
  try {
    const ctx = h.ctx;
    const prior = await ctx.db.kysely.selectFrom('timeline').select(['at', 'detail']).where('subject_type', '=', MARK).executeTakeFirst();
    if (prior) throw new HistoryError(`This store already holds a demo history (${(typeof prior.detail === 'string' ? prior.detail : JSON.stringify(prior.detail)).slice(0, 160)}). It is made once per store: start on a fresh one (--data DIR, or a new database) to make another.`);
    const plan = planHistory(o.seed, since.epochMilliseconds, until.epochMilliseconds);
    o.log(`Planned ${plan.emergencies.length} emergencies, ${plan.tickets.length} tickets and ${plan.escalations.length} escalations from ${since.toString().slice(0, 10)} to ${until.toString().slice(0, 10)} (seed ${o.seed}).`);

    const setup = await withTx(ctx, undefined, async (tx) => {
      const schedules = await currentSchedules(tx);
      const config = await emergencyConfigOf(tx);
      const staff = new Set<string>();
      for (const s of schedules.workspace.schedules) for (const l of s.layers) for (const r of l.rotations) for (const v of r.versions) for (const m of v.members) staff.add(m.user);
      const users = await findUsers(tx, { emails: [...staff, ...CUSTOMERS.map((c) => c.email)] });
      const services = await tx.db.selectFrom('paging_services').select(['id', 'escalation_policy_id']).execute();
      return { schedules, config, users, services };
    });
    const byEmail = new Map(setup.users.map((u) => [u.email, u]));
    const person = (email: string): Person => {
      const u = byEmail.get(email);
      if (!u) throw new HistoryError(`The demo workspace has no ${email}; apply examples/demo.yaml (hotline start --demo) first.`);
      return { id: u.id, email, organizationId: u.organizationId ?? null };
    };
    const idOf = (email: string | null) => (email ? byEmail.get(email)?.id ?? null : null);
    const engineers = setup.users.filter((u) => u.role === 'engineer').map((u) => u.id);
    const managers = setup.users.filter((u) => u.role === 'manager').map((u) => u.id);
    if (!engineers.length || !managers.length) throw new HistoryError('The demo workspace has no engineers or managers on its rotations; apply examples/demo.yaml first.');
    const service = setup.services.find((s) => s.id === 'customer-emergencies') ?? setup.services[0];
    if (!service) throw new HistoryError('The demo workspace has no paging service; apply examples/demo.yaml first.');

    // Route every emergency as it would have been routed on the schedules of the demo.
    const paged = plan.emergencies.map((e, i) => ({ e, i })).filter(({ e }) => e.customer.entitled);
    const arrivals = paged.map(({ e, i }) => ({ ref: String(i), group: e.customer.group, atMs: e.atMs, endMs: e.atMs + e.handleMin * 60_000 }));
    const managerScheduleOf = (g: string) => managerScheduleFor(g, setup.config);
    const routed = routeArrivals(setup.schedules.workspace, { since, until, arrivals, managerScheduleOf });
    const routeOf = new Map(paged.map(({ i }, k) => [i, routed[k]]));
    // The manager on call at each arrival (whom a page escalates to after 10 minutes, PG-3): the same
    // replay with a group nobody is on, so every arrival goes to its manager.
    const managerOn = routeArrivals(setup.schedules.workspace, { since, until, arrivals: arrivals.map((a) => ({ ...a, group: `manager:${a.group}` })), managerScheduleOf: (g) => managerScheduleOf(g.slice('manager:'.length)) });
    const managerOf = new Map(paged.map(({ i }, k) => [i, managerOn[k]?.user ?? null]));

    let ticketNo = 0;
    let pageNo = 0;
    let escalationNo = Number((await ctx.db.kysely.selectFrom('escalations').select((eb) => eb.fn.max('number').as('m')).executeTakeFirst())?.m ?? 0);
    const nowMs = until.epochMilliseconds;
    const summary = { emergencies: plan.emergencies.length, paged: paged.length, concurrent: 0, waitedForManager: 0, breached: 0, tickets: plan.tickets.length, escalations: plan.escalations.length, pages: 0 };
    for (const r of routed) {
      if (r.outcome !== 'dri') summary.concurrent++;
      if (r.outcome === 'manager' || r.outcome === 'uncovered') summary.waitedForManager++;
    }
    let month = since.toZonedDateTimeISO('UTC');
    let m = 0;
    const total = Math.max(1, o.months);
    while (month.toInstant().epochMilliseconds < nowMs) {
      const from = month.toInstant().epochMilliseconds;
      const to = Math.min(nowMs, month.add({ months: 1 }).toInstant().epochMilliseconds);
      const rows = emptyRows();
      const inMonth = <T extends { atMs: number }>(xs: T[]) => xs.map((x, i) => ({ x, i })).filter(({ x }) => x.atMs >= from && x.atMs < to);
      const es = inMonth(plan.emergencies);
      const ts = inMonth(plan.tickets);
      const xs = inMonth(plan.escalations);
      await withTx(ctx, undefined, async (tx) => {
        let tNo = (await counter(tx, 'ticket', es.length + ts.length)) + 1;
        let pNo = (await counter(tx, 'page', es.length)) + 1;
        for (const { x: e, i } of es) {
          const r = routeOf.get(i);
          const manager = managerOf.get(i) ?? null;
          emergencyRows(rows, e, { requester: person(e.customer.email), engineer: idOf(r?.user ?? null) ?? (e.customer.entitled ? engineers[i % engineers.length] : null), manager: idOf(manager), escalatedTo: idOf(manager), serviceId: service.id, policyId: service.escalation_policy_id ?? null }, { ticket: tNo++, page: pNo }, nowMs);
          if (e.customer.entitled) pNo++;
        }
        for (const { x: t, i } of ts) ticketRows(rows, t, person(t.customer.email), engineers[i % engineers.length], tNo++, nowMs);
        for (const { x, i } of xs) {
          const about = rows.tickets[(i * 7) % Math.max(1, rows.tickets.length)];
          escalationRows(rows, x, { number: ++escalationNo, ticketId: about?.id ?? null, ticketNumber: about?.number ?? null, initiator: engineers[i % engineers.length], manager: managers[i % managers.length], owner: engineers[(i + 3) % engineers.length], nowMs });
        }
        await insertAll(tx, rows);
      });
      ticketNo += rows.tickets.length;
      pageNo += rows.pages.length;
      summary.breached += rows.tickets.filter((t) => t.sla_breached_at).length;
      m++;
      o.log(`[${'#'.repeat(Math.min(total, m)).padEnd(total, '.')}] ${month.toPlainDate().toString().slice(0, 7)}: ${es.length} emergencies, ${ts.length} tickets, ${xs.length} escalations, ${rows.tickets.filter((t) => t.sla_breached_at).length} SLA breaches`);
      month = month.add({ months: 1 });
    }
    summary.pages = pageNo;
    const result: HistorySummary = { since: since.toString(), until: until.toString(), seed: o.seed, months: o.months, ...summary, tickets: ticketNo - summary.emergencies, seconds: Math.round((performance.now() - t0) / 100) / 10 };
    await withTx(ctx, undefined, (tx) => recordTimeline(tx, o.now, { ...SYSTEM, via: 'cli' }, { subjectType: MARK, subjectId: 'default', action: 'demo.history', detail: { months: o.months, seed: o.seed, since: result.since, until: result.until } }));
    return result;
  } finally {
    await h.close();
  }
}
