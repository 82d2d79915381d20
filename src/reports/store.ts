// RP-1: the read-only queries the reports run over the other capabilities' tables (tickets,
// comments, pages, emergencies, escalations, people). They are declared in capability.ts as the
// reports' reads: nothing here writes. Filters (period, region, organisation, form) and counts run
// in SQL; the rows that come back carry what the rules still need (durations, instants, zones).
import { sql, type Expression, type SqlBool } from 'kysely';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import type { Tx } from '../store/tx.ts';
import { FALLBACK_REGION, ZONE_REGIONS } from './region.ts';

export interface Scope {
  since: Temporal.Instant;
  until: Temporal.Instant;
  region?: string;
  organisationId?: string;
  form?: string;
}

/** region.ts's rule as SQL over a users row aliased `alias` (the requester). */
function regionSql(alias: string) {
  const cases = ZONE_REGIONS.map((z) => sql`when ${sql.ref(`${alias}.time_zone`)} like ${z.prefix + '%'} then ${z.region}`);
  return sql<string>`coalesce(${sql.ref(`${alias}.region`)}, case ${sql.join(cases, sql` `)} else ${FALLBACK_REGION} end)`;
}

/** Seconds from `a` to `b` (instants) on either engine. */
function secondsSql(tx: Tx, a: string, b: string) {
  return tx.engine === 'postgres'
    ? sql<number>`extract(epoch from (${sql.ref(b)} - ${sql.ref(a)}))`
    : sql<number>`((julianday(${sql.ref(b)}) - julianday(${sql.ref(a)})) * 86400.0)`;
}

/** The ticket-side filters (t: tickets, rq: requester) as one condition. */
function ticketScope(s: Scope): Expression<SqlBool> {
  const parts = [sql<SqlBool>`1 = 1`];
  if (s.region) parts.push(sql<SqlBool>`${regionSql('rq')} = ${s.region}`);
  if (s.organisationId) parts.push(sql<SqlBool>`t.organization_id = ${s.organisationId}`);
  if (s.form) parts.push(sql<SqlBool>`t.form = ${s.form}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

export interface Dims { region: string | null; organisation: string | null; form: string | null }
const dims = { region: regionSql('rq').as('region'), organisation: sql<string | null>`o.name`.as('organisation'), form: sql<string | null>`t.form`.as('form') };

/** Pages and escalations without a ticket have no region (a left join leaves the requester empty). */
const ticketRegion = sql<string | null>`case when t.id is null then null else ${regionSql('rq')} end`;

/**
 * PostgreSQL only, for this read transaction. A report reads a month out of tables of millions of
 * rows through their indexes, from pages the server has in memory. With the default page cost
 * (made for spinning disks) the planner would rather scan the whole tickets table than look up a
 * few thousand tickets by id (340 ms instead of 10 at 200,000 tickets). It cannot tell how many
 * people a region filter keeps (a CASE over their zone), guesses a handful and starts from them
 * (every ticket of a third of the customers); each query here is written from the table its
 * period selects, so the joins are kept in that order. And compiling a query (JIT) takes longer
 * than running it.
 */
export async function planForReports(tx: Tx): Promise<void> {
  if (tx.engine !== 'postgres') return;
  await sql`set local random_page_cost = 1.1`.execute(tx.db);
  await sql`set local join_collapse_limit = 1`.execute(tx.db);
  await sql`set local jit = off`.execute(tx.db);
  // time to first reply gathers a month of durations per requester: kept in memory, not spilled to disk
  await sql`set local work_mem = '32MB'`.execute(tx.db);
}

/** An organisation by id, slug or name (case-insensitive), or null. */
export async function findOrganisation(tx: Tx, ref: string): Promise<{ id: string; name: string } | null> {
  const r = await tx.db.selectFrom('organizations').select(['id', 'name'])
    .where((eb) => eb.or([eb('id', '=', ref), eb('slug', '=', ref.toLowerCase()), eb(sql`lower(name)`, '=', ref.toLowerCase())]))
    .executeTakeFirst();
  return r ?? null;
}

/** PG-1: acknowledged pages triggered in the period, with the seconds to acknowledge. */
export async function ackDurations(tx: Tx, s: Scope): Promise<(Dims & { seconds: number })[]> {
  const filtered = !!(s.region || s.organisationId || s.form);
  const rows = await tx.db.selectFrom('pages as p')
    .leftJoin('tickets as t', 't.id', 'p.ticket_id')
    .leftJoin('users as rq', 'rq.id', 't.requester_id')
    .leftJoin('organizations as o', 'o.id', 't.organization_id')
    .select([secondsSql(tx, 'p.triggered_at', 'p.acknowledged_at').as('seconds'), ticketRegion.as('region'), dims.organisation, dims.form])
    .where('p.triggered_at', '>=', isoUtc(s.since)).where('p.triggered_at', '<', isoUtc(s.until))
    .where('p.acknowledged_at', 'is not', null)
    .$if(filtered, (q) => q.where(ticketScope(s)))
    .execute();
  // julianday() is a double: 300 s can come back as 299.99999…; instants are kept to the millisecond
  return rows.map((r) => ({ region: r.region, organisation: r.organisation, form: r.form, seconds: Math.round(Number(r.seconds) * 1000) / 1000 }));
}

/** A JSON array of integer milliseconds from `a` to `b` (null where `b` is null), per group. */
function msListSql(tx: Tx, a: string, b: string) {
  return tx.engine === 'postgres'
    ? sql<unknown>`json_agg(round(extract(epoch from (${sql.ref(b)} - ${sql.ref(a)})) * 1000)::bigint)`
    // julianday() is a double: the difference is within a fraction of a millisecond, rounded away
    : sql<unknown>`json_group_array(cast(round((julianday(${sql.ref(b)}) - julianday(${sql.ref(a)})) * 86400000) as integer))`;
}

/**
 * Tickets created in the period, with the seconds to their first public reply by staff (null: none
 * yet), per requester, organisation, form and kind. The ticket keeps its first reply (tickets/store.ts
 * writes it with the reply; the description is not one). The tickets are grouped before the
 * requester is looked up, and each group's durations come back as one list: a month of a large
 * helpdesk is tens of thousands of tickets but a few thousand groups.
 */
export async function firstReplies(tx: Tx, s: Scope): Promise<(Dims & { emergency: boolean; seconds: (number | null)[] })[]> {
  const perRequester = tx.db.selectFrom('tickets as t')
    .select(['t.requester_id', 't.organization_id', 't.form', 't.is_emergency', msListSql(tx, 't.created_at', 't.first_reply_at').as('ms')])
    .where('t.created_at', '>=', isoUtc(s.since)).where('t.created_at', '<', isoUtc(s.until))
    .where('t.merged_into_id', 'is', null)
    .$if(!!s.organisationId, (q) => q.where('t.organization_id', '=', s.organisationId!))
    .$if(!!s.form, (q) => q.where('t.form', '=', s.form!))
    .groupBy(['t.requester_id', 't.organization_id', 't.form', 't.is_emergency']);
  const rows = await tx.db.selectFrom(perRequester.as('x'))
    .innerJoin('users as rq', 'rq.id', 'x.requester_id')
    .leftJoin('organizations as o', 'o.id', 'x.organization_id')
    .select(['x.is_emergency', 'x.ms', 'x.form', dims.region, dims.organisation])
    .$if(!!s.region, (q) => q.where(regionSql('rq'), '=', s.region!))
    .execute();
  return rows.map((r) => ({
    region: r.region, organisation: r.organisation, form: r.form, emergency: Number(r.is_emergency) === 1,
    seconds: ((typeof r.ms === 'string' ? JSON.parse(r.ms) : r.ms) as (number | null)[]).map((ms) => (ms === null ? null : Number(ms) / 1000)),
  }));
}

export interface BreachRow extends Dims { number: number; subject: string; priority: string; createdAt: string; breachedAt: string; emergency: boolean }

/** TK-7: tickets whose SLA breached in the period, newest breach first. */
export async function breaches(tx: Tx, s: Scope): Promise<BreachRow[]> {
  const rows = await tx.db.selectFrom('tickets as t')
    .innerJoin('users as rq', 'rq.id', 't.requester_id')
    .leftJoin('organizations as o', 'o.id', 't.organization_id')
    .select(['t.number', 't.subject', 't.priority', 't.created_at', 't.sla_breached_at', 't.is_emergency', dims.region, dims.organisation, dims.form])
    .where('t.sla_breached_at', '>=', isoUtc(s.since)).where('t.sla_breached_at', '<', isoUtc(s.until))
    .where(ticketScope(s))
    .orderBy('t.sla_breached_at', 'desc').orderBy('t.number', 'desc')
    .execute();
  return rows.map((r) => ({
    number: Number(r.number), subject: r.subject, priority: r.priority, createdAt: String(r.created_at), breachedAt: String(r.sla_breached_at),
    emergency: Number(r.is_emergency) === 1, region: r.region, organisation: r.organisation, form: r.form,
  }));
}

/** SM-1..SM-3: escalations filed in the period (internal requests have no ticket: no region, organisation or form). */
export async function escalationRows(tx: Tx, s: Scope): Promise<(Dims & { state: string; labels: string[] })[]> {
  const filtered = !!(s.region || s.organisationId || s.form);
  const rows = await tx.db.selectFrom('escalations as e')
    .leftJoin('tickets as t', 't.id', 'e.ticket_id')
    .leftJoin('users as rq', 'rq.id', 't.requester_id')
    .leftJoin('organizations as o', 'o.id', 't.organization_id')
    .select(['e.state', 'e.labels', ticketRegion.as('region'), dims.organisation, dims.form])
    .where('e.created_at', '>=', isoUtc(s.since)).where('e.created_at', '<', isoUtc(s.until))
    .$if(filtered, (q) => q.where(ticketScope(s)))
    .execute();
  return rows.map((r) => ({ state: r.state, labels: JSON.parse(r.labels || '[]') as string[], region: r.region, organisation: r.organisation, form: r.form }));
}

export interface EmergencySpanRow { id: string; createdAt: string; resolvedAt: string | null }

/** WF-6: paged emergencies open at some time in the period (arrived before until, not over before since). */
export async function emergencySpans(tx: Tx, s: Scope): Promise<EmergencySpanRow[]> {
  const rows = await tx.db.selectFrom('emergencies as e')
    .innerJoin('tickets as t', 't.id', 'e.ticket_id')
    .innerJoin('users as rq', 'rq.id', 't.requester_id')
    .select(['e.id', 'e.created_at', 'e.resolved_at'])
    .where('e.state', '<>', 'not_paged')
    .where('e.created_at', '<', isoUtc(s.until))
    .where((eb) => eb.or([eb('e.resolved_at', 'is', null), eb('e.resolved_at', '>', isoUtc(s.since))]))
    // nothing open for years counts: an emergency never resolved is looked at over a year back at most
    .where('e.created_at', '>=', isoUtc(s.since.subtract({ hours: 24 * 366 })))
    .where(ticketScope(s))
    .execute();
  return rows.map((r) => ({ id: r.id, createdAt: String(r.created_at), resolvedAt: r.resolved_at ? String(r.resolved_at) : null }));
}

/** WF-4: emergencies that arrived in the period counted by verdict (and downgraded later: no longer urgent), per group key. */
export async function qualificationCounts(tx: Tx, s: Scope): Promise<(Dims & { verdict: string; n: number })[]> {
  const verdict = sql<string>`case when e.qualification = 'not_emergency' then 'not_emergency' when t.priority <> 'urgent' then 'downgraded' else coalesce(e.qualification, 'unqualified') end`;
  const rows = await tx.db.selectFrom('emergencies as e')
    .innerJoin('tickets as t', 't.id', 'e.ticket_id')
    .innerJoin('users as rq', 'rq.id', 't.requester_id')
    .leftJoin('organizations as o', 'o.id', 't.organization_id')
    .select([verdict.as('verdict'), dims.region, dims.organisation, dims.form, sql<number>`count(*)`.as('n')])
    .where('e.created_at', '>=', isoUtc(s.since)).where('e.created_at', '<', isoUtc(s.until))
    .where(ticketScope(s))
    // by position: PostgreSQL would not match the CASE expressions again once their literals are parameters
    .groupBy([sql`1`, sql`2`, sql`3`, sql`4`])
    .execute();
  return rows.map((r) => ({ verdict: r.verdict, region: r.region, organisation: r.organisation, form: r.form, n: Number(r.n) }));
}

export interface Engineer { id: string; name: string; email: string; zone: string; region: string | null }

/** Staff who can be paged, for the load report (the region filter is the engineer's own region). */
export async function engineers(tx: Tx, region?: string): Promise<Engineer[]> {
  const rows = await tx.db.selectFrom('users').select(['id', 'name', 'email', 'time_zone', 'region'])
    .where('role', 'in', ['admin', 'manager', 'engineer']).where('kind', '<>', 'bot')
    .$if(!!region, (q) => q.where('region', '=', region!))
    .orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, zone: r.time_zone, region: r.region }));
}

/** PG-1: who each page triggered in the period reached first (its targets), and when. */
export async function pageTargets(tx: Tx, s: Scope): Promise<{ at: string; targets: string[] }[]> {
  const filtered = !!(s.organisationId || s.form);
  const rows = await tx.db.selectFrom('pages as p')
    .leftJoin('tickets as t', 't.id', 'p.ticket_id')
    .leftJoin('users as rq', 'rq.id', 't.requester_id')
    .select(['p.triggered_at', 'p.target_user_ids'])
    .where('p.triggered_at', '>=', isoUtc(s.since)).where('p.triggered_at', '<', isoUtc(s.until))
    .$if(filtered, (q) => q.where(ticketScope({ ...s, region: undefined })))
    .execute();
  return rows.map((r) => ({ at: String(r.triggered_at), targets: JSON.parse(r.target_user_ids || '[]') as string[] }));
}

/** WF-6: emergencies that arrived in the period per owner (the DRI's e-mail), counted in SQL. */
export async function emergenciesOwned(tx: Tx, s: Scope): Promise<Map<string, number>> {
  const rows = await tx.db.selectFrom('emergencies as e')
    .innerJoin('tickets as t', 't.id', 'e.ticket_id')
    .innerJoin('users as rq', 'rq.id', 't.requester_id')
    .select(['e.dri_user_id', sql<number>`count(*)`.as('n')])
    .where('e.created_at', '>=', isoUtc(s.since)).where('e.created_at', '<', isoUtc(s.until))
    .where('e.dri_user_id', 'is not', null)
    .where(ticketScope({ ...s, region: undefined }))
    .groupBy('e.dri_user_id')
    .execute();
  return new Map(rows.map((r) => [r.dri_user_id!, Number(r.n)]));
}
