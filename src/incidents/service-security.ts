// SM-7 use cases: declare a security incident (the manager on call at that instant coordinates,
// the communications manager is named), gather the affected tickets by search or by hand, send ONE
// bulk response to them (the manager on call, or another manager), resolve. Each affected ticket
// gets an internal note; everything is on the incident's timeline. Customers see only the public
// response on their own ticket.
import { managerOnCallAt } from '../escalations/index.ts';
import { isManagerOrAdmin, SYSTEM, type Actor } from '../kernel/actor.ts';
import { conflict, forbidden, invalid, notFound } from '../kernel/errors.ts';
import { isoUtc } from '../kernel/time.ts';
import { notifyConfig, notifyPeople } from '../notify/index.ts';
import { findUser } from '../people/index.ts';
import { announce, withTx, type Ctx } from '../runtime/context.ts';
import { listTimeline, recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { addComment, BULK_LIMITS, findTicketRecords, getBulkUpdate, resolveTicketIds, searchTickets, startBulkUpdate } from '../tickets/index.ts';
import { affectedNoteText, checkResponseText, commsManagerShape, securityLabel, ticketsToAnswer, type CommsManager, type CommsManagerInput } from './security-incident.ts';
import { staff } from './service-load.ts';
import { addSecurityTickets, findSecurityIncident, insertSecurityIncident, listSecurityIncidents, markResponded, securityTickets, serialiseSecurity, updateSecurityIncident, type SecurityIncidentRow } from './store.ts';

const SUBJECT = 'security_incident';
export interface Gather { tickets?: (string | number)[]; query?: string }
export interface DeclareSecurityInput extends Gather { title?: string; communicationsManager?: CommsManagerInput }

const urlOf = (ctx: Ctx, n: number) => `${notifyConfig(ctx).publicUrl}/security-incidents/${n}`;

async function load(tx: Tx, ref: string): Promise<SecurityIncidentRow> {
  const i = await findSecurityIncident(tx, String(ref), true);
  if (!i) throw notFound('security_incident.not_found', `No security incident ${ref}; list them with GET /api/v1/security-incidents.`, { incident: String(ref) });
  return i;
}

/** By hand (numbers or ids) or by search; never both, never nothing, at most one bulk update's worth. */
async function gather(ctx: Ctx, actor: Actor, tx: Tx, g: Gather): Promise<{ id: string; number: number }[]> {
  if (g.tickets && g.query !== undefined) throw invalid('security_incident.tickets_or_query', 'Name the tickets or give a search, not both.');
  let ids: string[];
  if (g.tickets) ids = await resolveTicketIds(tx, g.tickets.map((t) => String(t).replace(/^#/, '')));
  else if (g.query !== undefined) {
    const r = await searchTickets(ctx, actor, g.query, { limit: BULK_LIMITS.maxTickets }, tx);
    if (r.nextOffset !== null) throw invalid('security_incident.too_many', `The search finds more than ${BULK_LIMITS.maxTickets} tickets; narrow it.`);
    ids = r.tickets.map((t) => t.id);
  } else throw invalid('security_incident.no_tickets', 'Gather the affected tickets: name them (tickets) or give a search (query).');
  if (!ids.length) throw invalid('security_incident.no_tickets', 'The search finds no tickets; nothing to gather.');
  const recs = await findTicketRecords(tx, ids);
  return ids.map((id) => ({ id, number: recs.get(id)!.ticket.number }));
}

async function noteAffected(ctx: Ctx, tx: Tx, i: SecurityIncidentRow, tickets: { id: string }[]): Promise<void> {
  const coordinator = i.coordinatorId ? await findUser(tx, { id: i.coordinatorId }) : undefined;
  const text = affectedNoteText({ label: securityLabel(i.number), title: i.title, coordinator: coordinator?.name ?? null, comms: i.comms, url: urlOf(ctx, i.number) });
  for (const t of tickets) await addComment(ctx, SYSTEM, t.id, { body: text, isPublic: false }, tx);
}

export async function declareSecurityIncident(ctx: Ctx, actor: Actor, input: DeclareSecurityInput, tx?: Tx) {
  staff(actor);
  const shape = commsManagerShape(input.communicationsManager);
  if (!shape.ok) {
    const msg = { missing: 'Name the communications manager: a staff member (email) or an outside contact (name, optional email).', both: 'Name the communications manager once.', bad_email: 'The communications manager\'s e-mail is not an address.' }[shape.problem];
    throw invalid('security_incident.comms_manager_required', msg, { field: 'communicationsManager' });
  }
  return withTx(ctx, tx, async (tx) => {
    await serialiseSecurity(tx);
    const now = ctx.clock.now();
    let comms: CommsManager;
    if (shape.way === 'person') {
      const u = await findUser(tx, { email: shape.email! });
      if (!u || u.role === 'customer' || !u.active) throw invalid('security_incident.unknown_comms_manager', `No active staff member ${shape.email}; name an outside contact with name (and email) instead.`, { email: shape.email });
      comms = { kind: 'person', userId: u.id, name: u.name, email: u.email };
    } else comms = { kind: 'contact', name: shape.name!, email: shape.email };
    const tickets = await gather(ctx, actor, tx, input);
    const coordinator = await managerOnCallAt(ctx, tx, now);
    const title = input.title?.trim() || 'Security incident';
    const i = await insertSecurityIncident(tx, { title, comms, coordinatorId: coordinator?.id ?? null, createdBy: actor.userId }, now);
    await addSecurityTickets(tx, i.id, tickets, now);
    await noteAffected(ctx, tx, i, tickets);
    await recordTimeline(tx, now, actor, { subjectType: SUBJECT, subjectId: i.id, action: 'security_incident.declared', detail: { number: i.number, title, coordinator: coordinator?.email ?? null, communicationsManager: comms, tickets: tickets.map((t) => t.number), gatheredBy: input.query !== undefined ? { query: input.query } : 'hand' } });
    const told = [...new Set([coordinator?.id, comms.kind === 'person' ? comms.userId : undefined].filter((x): x is string => !!x && x !== actor.userId))];
    if (told.length) await notifyPeople(tx, now, told, { key: `security:${i.id}:declared`, subject: `[Hotline] Security incident ${securityLabel(i.number)}: ${title}`, text: `${actor.name} declared security incident ${securityLabel(i.number)} (${tickets.length} affected tickets). The support manager on call${coordinator ? ` (${coordinator.name})` : ''} coordinates the customer communications.\n\n${urlOf(ctx, i.number)}`, threadKey: `security:${i.id}` });
    announce(ctx, tx, { type: 'security_incident', id: i.id });
    return viewSecurity(ctx, tx, i);
  });
}

export async function addSecurityIncidentTickets(ctx: Ctx, actor: Actor, ref: string, g: Gather, tx?: Tx) {
  staff(actor);
  return withTx(ctx, tx, async (tx) => {
    const i = await load(tx, ref);
    if (i.state !== 'open') throw conflict('security_incident.resolved', `Security incident ${securityLabel(i.number)} is resolved.`);
    const now = ctx.clock.now();
    const added = await addSecurityTickets(tx, i.id, await gather(ctx, actor, tx, g), now);
    await noteAffected(ctx, tx, i, added);
    await recordTimeline(tx, now, actor, { subjectType: SUBJECT, subjectId: i.id, action: 'security_incident.tickets_added', detail: { tickets: added.map((t) => t.number), gatheredBy: g.query !== undefined ? { query: g.query } : 'hand' } });
    announce(ctx, tx, { type: 'security_incident', id: i.id });
    return viewSecurity(ctx, tx, i);
  });
}

/** SM-7: ONE public response to every affected ticket not yet answered, sent by the manager on call (or another manager). */
export async function respondToSecurityIncident(ctx: Ctx, actor: Actor, ref: string, input: { text?: string; requestId?: string }, tx?: Tx) {
  staff(actor);
  const checked = checkResponseText(input.text, BULK_LIMITS.maxBodyLength);
  if (!checked.ok) throw invalid('security_incident.bad_response', checked.why === 'empty' ? 'Write the response the affected customers get.' : `The response is longer than ${BULK_LIMITS.maxBodyLength} characters.`);
  if (input.requestId !== undefined && !/^[A-Za-z0-9._:-]{1,80}$/.test(input.requestId)) throw invalid('security_incident.bad_request_id', 'requestId: 1–80 letters, digits, . _ : -');
  return withTx(ctx, tx, async (tx) => {
    const i = await load(tx, ref);
    if (actor.userId !== i.coordinatorId && !isManagerOrAdmin(actor)) throw forbidden('security_incident.manager_only', 'The support manager on call sends the response to a security incident\'s customers.');
    if (i.state !== 'open') throw conflict('security_incident.resolved', `Security incident ${securityLabel(i.number)} is resolved.`);
    const bulkId = `${input.requestId ?? `security-${i.number}-r${i.version}`}`;
    const rows = await securityTickets(tx, i.id);
    if (rows.some((r) => r.bulkId === bulkId)) return viewSecurity(ctx, tx, i); // a retry of the same request
    const ids = ticketsToAnswer(rows);
    if (!ids.length) throw conflict('security_incident.nothing_to_respond', `Every affected ticket of ${securityLabel(i.number)} has had the response.`);
    const now = ctx.clock.now();
    const b = await startBulkUpdate(ctx, actor, { id: bulkId, ticketIds: ids, publicReply: checked.text }, tx);
    await markResponded(tx, i.id, ids, b.id, now);
    await updateSecurityIncident(tx, i.id, now, {});
    await recordTimeline(tx, now, actor, { subjectType: SUBJECT, subjectId: i.id, action: 'security_incident.responded', detail: { tickets: ids.length, bulk: b.id } });
    announce(ctx, tx, { type: 'security_incident', id: i.id });
    return viewSecurity(ctx, tx, (await findSecurityIncident(tx, i.id))!);
  });
}

export async function resolveSecurityIncident(ctx: Ctx, actor: Actor, ref: string, input: { note?: string }, tx?: Tx) {
  staff(actor);
  return withTx(ctx, tx, async (tx) => {
    const i = await load(tx, ref);
    if (i.state !== 'open') throw conflict('security_incident.resolved', `Security incident ${securityLabel(i.number)} is resolved already.`);
    const now = ctx.clock.now();
    await updateSecurityIncident(tx, i.id, now, { state: 'resolved', resolvedAt: isoUtc(now) });
    await recordTimeline(tx, now, actor, { subjectType: SUBJECT, subjectId: i.id, action: 'security_incident.resolved', detail: { note: input.note ?? null } });
    announce(ctx, tx, { type: 'security_incident', id: i.id });
    return viewSecurity(ctx, tx, (await findSecurityIncident(tx, i.id))!);
  });
}

async function viewSecurity(ctx: Ctx, tx: Tx, i: SecurityIncidentRow) {
  const coordinator = i.coordinatorId ? await findUser(tx, { id: i.coordinatorId }) : undefined;
  const rows = await securityTickets(tx, i.id);
  const bulkIds = [...new Set(rows.map((r) => r.bulkId).filter((x): x is string => !!x))];
  const bulk = [];
  for (const id of bulkIds) bulk.push(await getBulkUpdate(ctx, SYSTEM, id, tx));
  return {
    id: i.id, number: i.number, label: securityLabel(i.number), kind: 'security' as const, title: i.title, state: i.state,
    coordinator: coordinator ? { id: coordinator.id, name: coordinator.name, email: coordinator.email } : null,
    communicationsManager: i.comms, createdAt: i.createdAt, resolvedAt: i.resolvedAt, url: urlOf(ctx, i.number),
    tickets: rows.map((r) => ({ id: r.ticketId, number: r.ticketNumber, addedAt: r.addedAt, respondedAt: r.respondedAt, bulkId: r.bulkId })),
    bulk, timeline: await listTimeline(tx, SUBJECT, i.id),
  };
}

export async function showSecurityIncident(ctx: Ctx, actor: Actor, ref: string, tx?: Tx) {
  staff(actor);
  return withTx(ctx, tx, async (tx) => viewSecurity(ctx, tx, await load(tx, ref)));
}

export async function listSecurityIncidentSummaries(ctx: Ctx, actor: Actor, state?: 'open' | 'resolved', tx?: Tx) {
  staff(actor);
  return withTx(ctx, tx, async (tx) => {
    const out = [];
    for (const i of await listSecurityIncidents(tx, state)) {
      const rows = await securityTickets(tx, i.id);
      out.push({ id: i.id, number: i.number, label: securityLabel(i.number), title: i.title, state: i.state, tickets: rows.length, responded: rows.filter((r) => r.respondedAt).length, createdAt: i.createdAt });
    }
    return out;
  });
}
