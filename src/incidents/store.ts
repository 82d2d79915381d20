// Queries of the widespread-incident tables (WF-10) and the security-incident tables (SM-7). Only the incident use cases read them.
import { newId } from '../kernel/ids.ts';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import type { Selectable, Updateable } from 'kysely';
import type { EmergencyIncidentsTable, EmergencyIncidentTicketsTable, SecurityIncidentsTable, SecurityIncidentTicketsTable } from '../store/schema.ts';
import type { CommsManager } from './security-incident.ts';
import { sql } from 'kysely';
import type { Tx } from '../store/tx.ts';

export interface IncidentRow {
  id: string;
  number: number;
  tag: string;
  title: string;
  state: 'open' | 'resolved';
  detected: boolean;
  statusPageUrl: string | null;
  incidentIssueUrl: string | null;
  pageId: string | null;
  createdBy: string | null;
  createdAt: string;
  lastJoinedAt: string;
  updatedAt: string;
  version: number;
}

export interface IncidentTicketRow {
  incidentId: string;
  ticketId: string;
  ticketNumber: number;
  /** candidate: paged on its own before the incident was recognised, offered to join (WF-10). */
  relation: 'candidate' | 'related' | 'split_out';
  /** The ticket never had a page of its own: the incident's page stood for it. */
  grouped: boolean;
  bulkId: string | null;
  respondedAt: string | null;
  joinedAt: string;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v));

const incident = (r: Selectable<EmergencyIncidentsTable>): IncidentRow => ({
  id: r.id, number: Number(r.number), tag: r.tag, title: r.title, state: r.state, detected: Number(r.detected) === 1,
  statusPageUrl: r.status_page_url, incidentIssueUrl: r.incident_issue_url, pageId: r.page_id, createdBy: r.created_by,
  createdAt: str(r.created_at)!, lastJoinedAt: str(r.last_joined_at)!, updatedAt: str(r.updated_at)!, version: Number(r.version),
});

const member = (r: Selectable<EmergencyIncidentTicketsTable>): IncidentTicketRow => ({
  incidentId: r.incident_id, ticketId: r.ticket_id, ticketNumber: Number(r.ticket_number), relation: r.relation, grouped: Number(r.grouped) === 1,
  bulkId: r.bulk_id, respondedAt: str(r.responded_at), joinedAt: str(r.joined_at)!,
});

export async function nextIncidentNumber(tx: Tx): Promise<number> {
  const r = await tx.db.selectFrom('emergency_incidents').select((eb) => eb.fn.max('number').as('m')).executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export async function insertIncident(tx: Tx, i: Omit<IncidentRow, 'id' | 'version' | 'updatedAt' | 'lastJoinedAt'>): Promise<IncidentRow> {
  const id = newId();
  await tx.db.insertInto('emergency_incidents').values({
    id, number: i.number, tag: i.tag, title: i.title, state: i.state, detected: i.detected ? 1 : 0, status_page_url: i.statusPageUrl,
    incident_issue_url: i.incidentIssueUrl, page_id: i.pageId, created_by: i.createdBy, created_at: i.createdAt, last_joined_at: i.createdAt,
    updated_at: i.createdAt, version: 1,
  }).execute();
  return { ...i, id, version: 1, updatedAt: i.createdAt, lastJoinedAt: i.createdAt };
}

/** The fields a change may set; an absent (undefined) field is left as it is. */
export async function updateIncident(tx: Tx, id: string, now: Temporal.Instant, patch: Partial<IncidentRow>): Promise<void> {
  const set: Updateable<EmergencyIncidentsTable> = {
    updated_at: isoUtc(now), state: patch.state, status_page_url: patch.statusPageUrl, incident_issue_url: patch.incidentIssueUrl,
    page_id: patch.pageId, last_joined_at: patch.lastJoinedAt, title: patch.title,
  };
  await tx.db.updateTable('emergency_incidents').set(set).set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', id).execute();
}

/** By id or number; `forUpdate` serialises concurrent changes to one incident on PostgreSQL. */
export async function findIncident(tx: Tx, ref: string, forUpdate = false): Promise<IncidentRow | undefined> {
  let q = tx.db.selectFrom('emergency_incidents').selectAll();
  q = /^\d+$/.test(ref) ? q.where('number', '=', Number(ref)) : q.where('id', '=', ref);
  if (forUpdate && tx.engine === 'postgres') q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r ? incident(r) : undefined;
}

/** The open incident that drew an emergency most recently (new emergencies may join it). */
export async function latestOpenIncident(tx: Tx, forUpdate = false): Promise<IncidentRow | undefined> {
  let q = tx.db.selectFrom('emergency_incidents').selectAll().where('state', '=', 'open').orderBy('last_joined_at', 'desc').limit(1);
  if (forUpdate && tx.engine === 'postgres') q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r ? incident(r) : undefined;
}

/** The incident whose one page this is (PG-7), if any. */
export async function findIncidentByPage(tx: Tx, pageId: string): Promise<IncidentRow | undefined> {
  const r = await tx.db.selectFrom('emergency_incidents').selectAll().where('page_id', '=', pageId).executeTakeFirst();
  return r ? incident(r) : undefined;
}

/** An offer to join is withdrawn when the ticket joins another incident (a ticket is in one at most). */
export async function dropCandidates(tx: Tx, ticketIds: string[]): Promise<void> {
  if (!ticketIds.length) return;
  await tx.db.deleteFrom('emergency_incident_tickets').where('relation', '=', 'candidate').where('ticket_id', 'in', ticketIds).execute();
}

export async function listIncidents(tx: Tx, f: { state?: 'open' | 'resolved'; limit?: number } = {}): Promise<IncidentRow[]> {
  let q = tx.db.selectFrom('emergency_incidents').selectAll().orderBy('created_at', 'desc');
  if (f.state) q = q.where('state', '=', f.state);
  return (await q.limit(f.limit ?? 100).execute()).map(incident);
}

export async function addIncidentTicket(tx: Tx, m: Omit<IncidentTicketRow, 'bulkId' | 'respondedAt' | 'joinedAt'>, now: Temporal.Instant): Promise<void> {
  await tx.db.insertInto('emergency_incident_tickets').values({
    incident_id: m.incidentId, ticket_id: m.ticketId, ticket_number: m.ticketNumber, relation: m.relation, grouped: m.grouped ? 1 : 0,
    bulk_id: null, responded_at: null, joined_at: isoUtc(now), updated_at: isoUtc(now),
  }).execute();
}

export async function listIncidentTickets(tx: Tx, incidentId: string): Promise<IncidentTicketRow[]> {
  const rows = await tx.db.selectFrom('emergency_incident_tickets').selectAll().where('incident_id', '=', incidentId).orderBy('ticket_number').execute();
  return rows.map(member);
}

/** Which of these tickets already belong to an incident (a ticket joins one at most). */
export async function incidentTicketsOf(tx: Tx, ticketIds: string[]): Promise<IncidentTicketRow[]> {
  if (!ticketIds.length) return [];
  const rows = await tx.db.selectFrom('emergency_incident_tickets').selectAll().where('ticket_id', 'in', ticketIds).execute();
  return rows.map(member);
}

export async function setIncidentTickets(tx: Tx, incidentId: string, ticketIds: string[], now: Temporal.Instant, patch: { relation?: IncidentTicketRow['relation']; grouped?: boolean; bulkId?: string; respondedAt?: string }): Promise<void> {
  if (!ticketIds.length) return;
  const set: Updateable<EmergencyIncidentTicketsTable> = { updated_at: isoUtc(now) };
  if (patch.relation) set.relation = patch.relation;
  if (patch.grouped !== undefined) set.grouped = patch.grouped ? 1 : 0;
  if (patch.bulkId) set.bulk_id = patch.bulkId;
  if (patch.respondedAt) set.responded_at = patch.respondedAt;
  // Chunks keep the IN list within every engine's parameter limit.
  for (let i = 0; i < ticketIds.length; i += 500) {
    await tx.db.updateTable('emergency_incident_tickets').set(set).where('incident_id', '=', incidentId).where('ticket_id', 'in', ticketIds.slice(i, i + 500)).execute();
  }
}

/** Open emergencies created since `since` that belong to no incident: the detection's input. */
export async function recentUngroupedEmergencies(tx: Tx, since: Temporal.Instant): Promise<{ ticketId: string }[]> {
  const rows = await tx.db.selectFrom('emergencies as e')
    .leftJoin('emergency_incident_tickets as m', 'm.ticket_id', 'e.ticket_id')
    .select(['e.ticket_id as ticketId'])
    .where('e.state', '=', 'open').where('e.created_at', '>=', isoUtc(since)).where('m.ticket_id', 'is', null)
    .orderBy('e.created_at').limit(1000).execute();
  return rows;
}

// ---- security incidents (SM-7)
export interface SecurityIncidentRow {
  id: string; number: number; title: string; state: 'open' | 'resolved'; comms: CommsManager; coordinatorId: string | null;
  createdBy: string | null; createdAt: string; resolvedAt: string | null; updatedAt: string; version: number;
}
export interface SecurityTicketRow { ticketId: string; ticketNumber: number; addedAt: string; bulkId: string | null; respondedAt: string | null }

const row = (r: Selectable<SecurityIncidentsTable>): SecurityIncidentRow => ({
  id: r.id, number: Number(r.number), title: r.title, state: r.state, comms: JSON.parse(r.comms_manager) as CommsManager, coordinatorId: r.coordinator_user_id,
  createdBy: r.created_by, createdAt: str(r.created_at)!, resolvedAt: str(r.resolved_at), updatedAt: str(r.updated_at)!, version: Number(r.version),
});
const ticket = (r: Selectable<SecurityIncidentTicketsTable>): SecurityTicketRow => ({ ticketId: r.ticket_id, ticketNumber: Number(r.ticket_number), addedAt: str(r.added_at)!, bulkId: r.bulk_id, respondedAt: str(r.responded_at) });

/** Two declarations at once take turns on PostgreSQL (numbers); SQLite transactions already do. */
export async function serialiseSecurity(tx: Tx): Promise<void> {
  if (tx.engine === 'postgres') await sql`select pg_advisory_xact_lock(74110007)`.execute(tx.db);
}

export async function insertSecurityIncident(tx: Tx, i: { title: string; comms: CommsManager; coordinatorId: string | null; createdBy: string | null }, now: Temporal.Instant): Promise<SecurityIncidentRow> {
  const last = await tx.db.selectFrom('security_incidents').select((eb) => eb.fn.max('number').as('m')).executeTakeFirst();
  const number = Number(last?.m ?? 0) + 1;
  const id = newId();
  const at = isoUtc(now);
  await tx.db.insertInto('security_incidents').values({ id, number, title: i.title, state: 'open', comms_manager: JSON.stringify(i.comms), coordinator_user_id: i.coordinatorId, created_by: i.createdBy, created_at: at, resolved_at: null, updated_at: at, version: 1 }).execute();
  return { id, number, title: i.title, state: 'open', comms: i.comms, coordinatorId: i.coordinatorId, createdBy: i.createdBy, createdAt: at, resolvedAt: null, updatedAt: at, version: 1 };
}

export async function findSecurityIncident(tx: Tx, ref: string, forUpdate = false): Promise<SecurityIncidentRow | undefined> {
  const r = ref.replace(/^#?S-/i, '').replace(/^#/, '');
  let q = tx.db.selectFrom('security_incidents').selectAll();
  q = /^\d{1,9}$/.test(r) ? q.where('number', '=', Number(r)) : q.where('id', '=', ref);
  if (forUpdate && tx.engine === 'postgres') q = q.forUpdate();
  const found = await q.executeTakeFirst();
  return found ? row(found) : undefined;
}

export async function listSecurityIncidents(tx: Tx, state?: 'open' | 'resolved'): Promise<SecurityIncidentRow[]> {
  let q = tx.db.selectFrom('security_incidents').selectAll().orderBy('number', 'desc').limit(200);
  if (state) q = q.where('state', '=', state);
  return (await q.execute()).map(row);
}

export async function updateSecurityIncident(tx: Tx, id: string, now: Temporal.Instant, p: { state?: 'open' | 'resolved'; resolvedAt?: string | null }): Promise<void> {
  await tx.db.updateTable('security_incidents').set({ state: p.state, resolved_at: p.resolvedAt, updated_at: isoUtc(now) }).set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', id).execute();
}

export async function securityTickets(tx: Tx, incidentId: string): Promise<SecurityTicketRow[]> {
  return (await tx.db.selectFrom('security_incident_tickets').selectAll().where('incident_id', '=', incidentId).orderBy('ticket_number').execute()).map(ticket);
}

/** Adds the tickets not there yet; returns those added. */
export async function addSecurityTickets(tx: Tx, incidentId: string, tickets: { id: string; number: number }[], now: Temporal.Instant): Promise<{ id: string; number: number }[]> {
  const have = new Set((await securityTickets(tx, incidentId)).map((t) => t.ticketId));
  const fresh = tickets.filter((t, i) => !have.has(t.id) && tickets.findIndex((x) => x.id === t.id) === i);
  if (fresh.length) await tx.db.insertInto('security_incident_tickets').values(fresh.map((t) => ({ incident_id: incidentId, ticket_id: t.id, ticket_number: t.number, added_at: isoUtc(now), bulk_id: null, responded_at: null }))).execute();
  return fresh;
}

export async function markResponded(tx: Tx, incidentId: string, ticketIds: string[], bulkId: string, now: Temporal.Instant): Promise<void> {
  if (ticketIds.length) await tx.db.updateTable('security_incident_tickets').set({ bulk_id: bulkId, responded_at: isoUtc(now) }).where('incident_id', '=', incidentId).where('ticket_id', 'in', ticketIds).execute();
}
