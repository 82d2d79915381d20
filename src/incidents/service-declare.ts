// WF-10 / PG-7: a widespread incident declared by hand, or by the detection at intake. It tags the
// related emergencies and stands one page for all of them; those already paged on their own are
// offered to join. State, thread, timeline and jobs in one transaction.
import { applyDecision, mergeDecisions, type Decision, loadEmergencyTicket, emergencyConfigOf, findEmergency, type Emergency } from '../emergencies/index.ts';
import { type Actor } from '../kernel/actor.ts';
import { conflict, invalid } from '../kernel/errors.ts';
import { isoUtc } from '../kernel/time.ts';
import { announce, withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { BULK_LIMITS, resolveTicketIds, searchTickets } from '../tickets/index.ts';
import {
  addIncidentTicket, dropCandidates, findIncident, incidentTicketsOf, insertIncident, nextIncidentNumber, recentUngroupedEmergencies, type IncidentRow,
} from './store.ts';
import { followIncidentPage, pageIncident } from './service-page.ts';
import { decideDeclareIncident, decideJoinIncident, decideOfferIncident, incidentTag, membershipAtDeclaration } from './widespread-incident.ts';
import { checkUrl, ref, serialise, staff } from './service-load.ts';
import { viewOf } from './service-view.ts';

export interface DeclareInput {
  /** The production incident's number (the tag becomes incident-<number>); next free number if absent. */
  number?: number;
  title?: string;
  statusPageUrl?: string | null;
  incidentIssueUrl?: string | null;
  /** Ticket ids or numbers; or a search; or neither: the recent emergencies no incident holds yet. */
  tickets?: (string | number)[];
  query?: string;
}

/**
 * `ticketIds`: chosen by a person — they join. `offered`: swept in by the detection — those
 * already paged on their own are offered to join, the others are grouped (membershipAtDeclaration).
 */
export async function declareIn(ctx: Ctx, tx: Tx, actor: Actor, input: { number?: number; title?: string; statusPageUrl?: string | null; incidentIssueUrl?: string | null; ticketIds: string[]; offered?: string[]; detected: boolean }): Promise<IncidentRow> {
  const now = ctx.clock.now();
  const c = await emergencyConfigOf(tx);
  const number = input.number ?? (await nextIncidentNumber(tx));
  if (await findIncident(tx, String(number))) throw conflict('incident.exists', `Incident ${number} already exists; add tickets to it or pick another number.`, { number });
  const chosen = new Set(input.ticketIds);
  const ids = [...new Set([...input.ticketIds, ...(input.offered ?? [])])];
  const ems: Emergency[] = [];
  for (const id of ids) {
    const em = await findEmergency(tx, { ticketId: id });
    if (!em) throw invalid('incident.not_an_emergency', `Ticket ${id} is not an emergency; only emergency tickets join an incident.`, { ticketId: id });
    ems.push(em);
  }
  // An offer to join another incident does not hold a ticket back from this one.
  const taken = (await incidentTicketsOf(tx, ids)).filter((t) => t.relation !== 'candidate');
  if (taken.length) throw conflict('incident.ticket_in_other_incident', `Ticket ${taken[0].ticketNumber} already belongs to an incident; split it out there first.`, { tickets: taken.map((t) => t.ticketNumber) });
  await dropCandidates(tx, ids);
  const i = await insertIncident(tx, {
    number, tag: incidentTag(number, c), title: input.title ?? `Widespread incident ${number}`, state: 'open', detected: input.detected,
    statusPageUrl: input.statusPageUrl ?? null, incidentIssueUrl: input.incidentIssueUrl ?? null, pageId: null, createdBy: actor.userId, createdAt: isoUtc(now),
  });
  const members = ems.map((em) => ({ em, as: membershipAtDeclaration({ chosenByPerson: chosen.has(em.ticketId), pagedOnItsOwn: !!em.pageId }) }));
  const joined = members.filter((m) => m.as === 'related').map((m) => m.em);
  const offered = members.filter((m) => m.as === 'candidate').map((m) => m.em);
  const pageId = await pageIncident(ctx, tx, actor, i, { tickets: joined.map((e) => e.ticketNumber) });
  const parts: Decision[] = [decideDeclareIncident({ incident: ref(i), ticketIds: joined.map((e) => e.ticketId) }, now, c)];
  for (const { em, as } of members) {
    // Never lost, never doubled: a ticket with its own page keeps it (acknowledged with the incident's once joined).
    await addIncidentTicket(tx, { incidentId: i.id, ticketId: em.ticketId, ticketNumber: em.ticketNumber, relation: as, grouped: !em.pageId }, now);
    const { view } = await loadEmergencyTicket(tx, em.ticketId);
    parts.push(as === 'related'
      ? decideJoinIncident({ ticket: view, incident: ref(i), channel: em.channel, pagedOnItsOwn: !!em.pageId }, now, c)
      : decideOfferIncident({ ticket: view, incident: ref(i), channel: em.channel }, now, c));
  }
  await applyDecision(ctx, tx, actor, mergeDecisions(...parts), { cause: 'emergency.incident_declared', config: c });
  await recordTimeline(tx, now, actor, {
    subjectType: 'incident', subjectId: i.id, action: 'incident.declared',
    detail: { number, tag: i.tag, tickets: joined.map((e) => e.ticketNumber), offered: offered.map((e) => e.ticketNumber), detected: input.detected, pageId },
  });
  for (const em of joined) if (em.pageId) await followIncidentPage(ctx, tx, { ...i, pageId }, em);
  announce(ctx, tx, { type: 'incident', id: i.id });
  return { ...i, pageId };
}

/** WF-10 by hand: a person declares the incident over the tickets they name (or the recent emergencies). */
export async function declareIncident(ctx: Ctx, actor: Actor, input: DeclareInput, tx?: Tx) {
  staff(actor);
  checkUrl('statusPageUrl', input.statusPageUrl);
  checkUrl('incidentIssueUrl', input.incidentIssueUrl);
  if (input.tickets && input.query !== undefined) throw invalid('incident.tickets_or_query', 'Name the tickets or give a search, not both.');
  return withTx(ctx, tx, async (tx) => {
    await serialise(tx);
    const now = ctx.clock.now();
    const config = await emergencyConfigOf(tx);
    let ids: string[];
    if (input.tickets) ids = await resolveTicketIds(tx, input.tickets.map(String));
    else if (input.query !== undefined) {
      const r = await searchTickets(ctx, actor, input.query, { limit: BULK_LIMITS.maxTickets }, tx);
      if (r.nextOffset !== null) throw invalid('incident.too_many', `The search finds more than ${BULK_LIMITS.maxTickets} tickets; narrow it.`);
      ids = r.tickets.map((t) => t.id);
    } else {
      const recent = await recentUngroupedEmergencies(tx, now.subtract({ minutes: config.incident.detectionWindowMinutes }));
      ids = [];
      for (const r of recent) if (config.incident.forms.includes((await loadEmergencyTicket(tx, r.ticketId)).view.form)) ids.push(r.ticketId);
    }
    // A search may find tickets that are not emergencies; only emergencies join.
    if (input.query !== undefined) {
      const found = ids;
      ids = [];
      for (const id of found) if (await findEmergency(tx, { ticketId: id })) ids.push(id);
    }
    if (!ids.length) throw invalid('incident.no_tickets', 'No emergency tickets to group: name them with tickets or a search.');
    // The person named some tickets: the other recent emergencies paged on their own are offered to join.
    const offered: string[] = [];
    if (input.tickets || input.query !== undefined) {
      for (const r of await recentUngroupedEmergencies(tx, now.subtract({ minutes: config.incident.detectionWindowMinutes }))) {
        if (ids.includes(r.ticketId)) continue;
        const em = await findEmergency(tx, { ticketId: r.ticketId });
        if (em?.pageId && config.incident.forms.includes((await loadEmergencyTicket(tx, r.ticketId)).view.form)) offered.push(r.ticketId);
      }
    }
    const i = await declareIn(ctx, tx, actor, { number: input.number, title: input.title, statusPageUrl: input.statusPageUrl, incidentIssueUrl: input.incidentIssueUrl, ticketIds: ids, offered, detected: false });
    return viewOf(ctx, actor, tx, i);
  });
}

