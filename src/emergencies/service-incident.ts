// WF-10 / PG-7 use cases: a widespread incident declared by hand or when detection fires at intake.
// It tags the related emergencies, stands one page for all of them, sends one bulk response
// (the tickets' bulk update job), lets staff join emergencies paged on their own and split
// unrelated tickets out to be paged as usual, and resolves the incident with its page.
// Each use case writes state, thread, timeline and jobs in one transaction.
import { addThreadEntry } from '../conversations/index.ts';
import { sql } from 'kysely';
import { isStaff, SYSTEM, type Actor } from '../kernel/actor.ts';
import { conflict, forbidden, invalid, notFound } from '../kernel/errors.ts';
import { instant, isoUtc, type Temporal } from '../kernel/time.ts';
import { getPage, resolvePage } from '../paging/index.ts';
import { announce, withTx, type Ctx } from '../runtime/context.ts';
import { listTimeline, recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { BULK_LIMITS, type BulkProgress, findTicketRecords, getBulkUpdate, resolveTicketIds, searchTickets, startBulkUpdate } from '../tickets/index.ts';
import { applyDecision } from './service-apply-decision.ts';
import { mergeDecisions, type Decision, type EmergencyTicket } from './decision.ts';
import { loadEmergencyTicket, onCallFor } from './service-context.ts';
import { emergencyConfigOf } from './service-settings.ts';
import {
  addIncidentTicket, dropCandidates, findIncident, incidentTicketsOf, insertIncident, latestOpenIncident, listIncidents, listIncidentTickets,
  nextIncidentNumber, recentUngroupedEmergencies, setIncidentTickets, updateIncident, type IncidentRow,
} from './service-incident-store.ts';
import { followIncidentPage, incidentActor, note, pageIncident, resolveRows, statusOf } from './service-incident-page.ts';
import { findEmergency, listEmergencies, updateEmergency, type Emergency } from './store.ts';
import {
  bulkResponseText, canResolveIncident, decideDeclareIncident, decideIncidentTriage, decideJoinIncident, decideOfferIncident, detectWidespreadIncident,
  incidentTag, membershipAtDeclaration, shouldJoinIncident, ticketsToRespond, withoutPagesOf, type IncidentRef,
} from './widespread-incident.ts';

const staff = (a: Actor) => {
  if (!isStaff(a)) throw forbidden('incident.staff_only', 'Only support staff work incidents.');
};
const ref = (i: IncidentRow): IncidentRef => ({ number: i.number, statusPageUrl: i.statusPageUrl, incidentIssueUrl: i.incidentIssueUrl });

async function load(tx: Tx, r: string): Promise<IncidentRow> {
  const i = await findIncident(tx, r.replace(/^incident-/, ''), true);
  if (!i) throw notFound('incident.not_found', `No incident ${r}; list them with GET /api/v1/incidents or \`hotline emergency incident list\`.`, { incident: r });
  return i;
}

/**
 * Declaring and joining read "is there an incident, how many recent emergencies" and then write:
 * on PostgreSQL two nodes taking emergencies at once would both declare, so they take turns.
 */
async function serialise(tx: Tx): Promise<void> {
  if (tx.engine === 'postgres') await sql`select pg_advisory_xact_lock(74110010)`.execute(tx.db);
}

// ---- intake: join an open incident, or recognise one ---------------------------------------------

/**
 * WF-10 at intake, before the new emergency is paged: the open incident it joins, or — when this
 * emergency makes the detection fire — a new incident declared over the recent ones. Null: page as usual.
 */
export async function incidentForIntake(ctx: Ctx, tx: Tx, view: EmergencyTicket, now: Temporal.Instant): Promise<IncidentRow | null> {
  const c = await emergencyConfigOf(tx);
  if (view.priority !== 'urgent' || !c.incident.forms.includes(view.form) || view.tags.some((t) => t.startsWith(c.tags.incidentPrefix))) return null;
  await serialise(tx);
  const open = await latestOpenIncident(tx, true);
  if (open && shouldJoinIncident(view, { ...ref(open), state: open.state, lastJoinedAt: instant(open.lastJoinedAt) }, now, c)) return open;
  const recent = await recentUngroupedEmergencies(tx, now.subtract({ minutes: c.incident.detectionWindowMinutes }));
  if (recent.length + 1 < c.incident.detectionThreshold) return null;
  const views: EmergencyTicket[] = [];
  for (const r of recent) views.push((await loadEmergencyTicket(tx, r.ticketId)).view);
  const detection = detectWidespreadIncident([...views, view], now, c);
  if (!detection.detected) return null;
  const others = detection.ticketIds.filter((id) => id !== view.id);
  return declareIn(ctx, tx, SYSTEM, { ticketIds: [], offered: others, detected: true, title: `${detection.count} emergencies in ${c.incident.detectionWindowMinutes} minutes` });
}

/**
 * WF-10: the new emergency joins the incident — its row, one more alert on the incident's page —
 * and returns what to write on the ticket and thread, for the intake to apply with its own decision.
 */
export async function joinAtIntake(ctx: Ctx, tx: Tx, i: IncidentRow, em: Emergency, view: EmergencyTicket): Promise<Decision> {
  const now = ctx.clock.now();
  await addIncidentTicket(tx, { incidentId: i.id, ticketId: em.ticketId, ticketNumber: em.ticketNumber, relation: 'related', grouped: true }, now);
  await updateIncident(tx, i.id, now, { lastJoinedAt: isoUtc(now) });
  await pageIncident(ctx, tx, SYSTEM, i, { ticketId: em.ticketId, ticketNumber: em.ticketNumber });
  announce(ctx, tx, { type: 'incident', id: i.id });
  return decideJoinIncident({ ticket: view, incident: ref(i), channel: em.channel, pagedOnItsOwn: false }, now, await emergencyConfigOf(tx));
}

// ---- declare ------------------------------------------------------------------------------------

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

function checkUrl(name: string, v: string | null | undefined): void {
  if (v && !/^https?:\/\/\S+$/.test(v)) throw invalid('incident.bad_url', `${name} must be an http(s) address, not "${v}".`, { field: name });
}

/**
 * `ticketIds`: chosen by a person — they join. `offered`: swept in by the detection — those
 * already paged on their own are offered to join, the others are grouped (membershipAtDeclaration).
 */
async function declareIn(ctx: Ctx, tx: Tx, actor: Actor, input: { number?: number; title?: string; statusPageUrl?: string | null; incidentIssueUrl?: string | null; ticketIds: string[]; offered?: string[]; detected: boolean }): Promise<IncidentRow> {
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

// ---- respond ------------------------------------------------------------------------------------

export interface RespondInput {
  statusPageUrl?: string | null;
  incidentIssueUrl?: string | null;
  /** Reuse on retry: the same request never starts a second bulk response. */
  requestId?: string;
}

/**
 * WF-10: ONE public response to every related ticket not yet answered, as the tickets' bulk update
 * job (progress per ticket, resumable). Without an incident issue the tickets stay open; once the
 * issue exists the response points to it and solves them — including those answered earlier.
 */
export async function respondToIncident(ctx: Ctx, actor: Actor, r: string, input: RespondInput, tx?: Tx) {
  staff(actor);
  if (actor.kind !== 'user') throw forbidden('incident.respond_as_person', 'A person sends the incident response: sign in as yourself.');
  checkUrl('statusPageUrl', input.statusPageUrl);
  checkUrl('incidentIssueUrl', input.incidentIssueUrl);
  if (input.requestId !== undefined && !/^[A-Za-z0-9._:-]{1,80}$/.test(input.requestId)) throw invalid('incident.bad_request_id', 'requestId: 1–80 letters, digits, . _ : -');
  return withTx(ctx, tx, async (tx) => {
    const now = ctx.clock.now();
    const c = await emergencyConfigOf(tx);
    let i = await load(tx, r);
    const rows = await listIncidentTickets(tx, i.id);
    if (input.requestId && rows.some((x) => x.bulkId?.startsWith(`${input.requestId}-`))) return viewOf(ctx, actor, tx, i); // a retry
    const issueJustAdded = !!input.incidentIssueUrl && input.incidentIssueUrl !== i.incidentIssueUrl;
    i = { ...i, statusPageUrl: input.statusPageUrl ?? i.statusPageUrl, incidentIssueUrl: input.incidentIssueUrl ?? i.incidentIssueUrl };
    await updateIncident(tx, i.id, now, { statusPageUrl: i.statusPageUrl, incidentIssueUrl: i.incidentIssueUrl });
    const recs = await findTicketRecords(tx, rows.map((x) => x.ticketId));
    const ids = ticketsToRespond(rows.map((x) => ({ ...x, status: recs.get(x.ticketId)?.ticket.status ?? 'closed' })), issueJustAdded);
    if (!ids.length) throw conflict('incident.nothing_to_respond', `Every related ticket of incident ${i.number} has its response; add the incident issue to tell them it is tracked.`, { incident: i.number });
    const solved = i.incidentIssueUrl !== null;
    const request = input.requestId ?? `${i.tag}-r${i.version}`;
    const bulks: BulkProgress[] = [];
    for (let k = 0; k * BULK_LIMITS.maxTickets < ids.length; k++) {
      const chunk = ids.slice(k * BULK_LIMITS.maxTickets, (k + 1) * BULK_LIMITS.maxTickets);
      const b = await startBulkUpdate(ctx, actor, {
        id: `${request}-${k}`, ticketIds: chunk, addTags: [i.tag, `${c.tags.saasCategoryPrefix}widespread_incident`],
        publicReply: bulkResponseText(ref(i), c), status: solved ? 'solved' : 'open',
      }, tx);
      await setIncidentTickets(tx, i.id, chunk, now, { bulkId: b.id, respondedAt: isoUtc(now) });
      bulks.push(b);
    }
    const d = mergeDecisions(
      { threadPosts: [{ ticketId: null, channel: c.channels.saas, mode: 'channel', text: `Incident ${i.number}: one response is going to ${ids.length} related tickets (${solved ? 'solved, pointing to the incident issue' : 'left open until the incident issue exists'}); bulk ${bulks.map((b) => b.id).join(', ')}.` }] },
      { runbookTicks: ids.map((ticketId) => ({ ticketId, item: 'qualified' as const })) },
    );
    await applyDecision(ctx, tx, actor, d, { cause: 'emergency.incident_responded', config: c });
    await recordTimeline(tx, now, actor, { subjectType: 'incident', subjectId: i.id, action: 'incident.responded', detail: { tickets: ids.length, solved, bulk: bulks.map((b) => b.id) } });
    announce(ctx, tx, { type: 'incident', id: i.id });
    return viewOf(ctx, actor, tx, (await findIncident(tx, i.id))!);
  });
}

// ---- join ---------------------------------------------------------------------------------------

/**
 * WF-10, PG-7: emergencies paged on their own (offered at declaration, or any other) join the
 * incident: tagged, their own page acknowledged together with the incident's, and answered by
 * the incident's next bulk response. A ticket of another incident must be split out there first.
 */
export async function joinIncident(ctx: Ctx, actor: Actor, r: string, input: { ticketIds: (string | number)[] }, tx?: Tx) {
  staff(actor);
  if (!input.ticketIds.length) throw invalid('incident.no_tickets', 'Name the tickets to join.');
  return withTx(ctx, tx, async (tx) => {
    const now = ctx.clock.now();
    const c = await emergencyConfigOf(tx);
    const i = await load(tx, r);
    if (i.state !== 'open') throw conflict('incident.resolved', `Incident ${i.number} is resolved; declare a new incident for these tickets.`, { incident: i.number });
    const ids = [...new Set(await resolveTicketIds(tx, input.ticketIds.map((t) => String(t).replace(/^#/, ''))))];
    const rows = new Map((await incidentTicketsOf(tx, ids)).map((x) => [x.ticketId, x]));
    const todo: Emergency[] = [];
    const unchanged: number[] = [];
    for (const id of ids) {
      const em = await findEmergency(tx, { ticketId: id }, true);
      if (!em) throw invalid('incident.not_an_emergency', `Ticket ${id} is not an emergency; only emergency tickets join an incident.`, { ticketId: id });
      const row = rows.get(id);
      if (row && row.incidentId !== i.id && row.relation !== 'candidate') {
        throw conflict('incident.ticket_in_other_incident', `Ticket ${em.ticketNumber} belongs to another incident; split it out there first.`, { ticket: em.ticketNumber });
      }
      if (row?.incidentId === i.id && row.relation === 'related') unchanged.push(em.ticketNumber);
      else todo.push(em);
    }
    await dropCandidates(tx, todo.filter((em) => rows.get(em.ticketId)?.incidentId !== i.id).map((em) => em.ticketId));
    const parts: Decision[] = [];
    for (const em of todo) {
      if (rows.get(em.ticketId)?.incidentId === i.id) await setIncidentTickets(tx, i.id, [em.ticketId], now, { relation: 'related', grouped: !em.pageId });
      else await addIncidentTicket(tx, { incidentId: i.id, ticketId: em.ticketId, ticketNumber: em.ticketNumber, relation: 'related', grouped: !em.pageId }, now);
      const { view } = await loadEmergencyTicket(tx, em.ticketId);
      parts.push(decideJoinIncident({ ticket: view, incident: ref(i), channel: em.channel, pagedOnItsOwn: !!em.pageId }, now, c));
    }
    if (todo.length) await applyDecision(ctx, tx, actor, mergeDecisions(...parts), { cause: 'emergency.incident_joined', config: c });
    const pages: Record<string, number[]> = { acknowledged: [], with_incident: [] };
    for (const em of todo) {
      const how = await followIncidentPage(ctx, tx, i, em);
      if (how !== 'none') pages[how].push(em.ticketNumber);
    }
    if (todo.length) {
      await recordTimeline(tx, now, actor, { subjectType: 'incident', subjectId: i.id, action: 'incident.joined', detail: { tickets: todo.map((e) => e.ticketNumber), pagesAcknowledged: pages.acknowledged, pagesWithIncident: pages.with_incident } });
      announce(ctx, tx, { type: 'incident', id: i.id });
    }
    return { ...(await viewOf(ctx, actor, tx, i)), joined: todo.map((e) => e.ticketNumber), unchanged, pagesAcknowledged: pages.acknowledged };
  });
}

// ---- resolve ------------------------------------------------------------------------------------

/**
 * WF-10, PG-2: the incident is over for Hotline — its page is resolved and it draws no new
 * emergencies (they page as usual, or start a new incident). Allowed once every related ticket
 * has a public reply (canResolveIncident); the tickets themselves stay as they are (solved when
 * the incident issue is announced, WF-10). Resolving twice changes nothing.
 */
export async function resolveIncident(ctx: Ctx, actor: Actor, r: string, input: { note?: string } = {}, tx?: Tx) {
  staff(actor);
  return withTx(ctx, tx, async (tx) => {
    const now = ctx.clock.now();
    const i = await load(tx, r);
    if (i.state === 'resolved') return { ...(await viewOf(ctx, actor, tx, i)), changed: false };
    const v = canResolveIncident(await resolveRows(tx, i));
    if (!v.ok) throw conflict(v.code, v.reason, { incident: i.number, tickets: v.tickets });
    await updateIncident(tx, i.id, now, { state: 'resolved' });
    const page = await statusOf(ctx, tx, i.pageId);
    // The incident's page is nobody's own: whoever may work the incident resolves it, through the
    // incident (the PG-2 veto still applies); the page says who.
    if (page && page.status !== 'resolved') {
      await resolvePage(ctx, incidentActor(i), page.id, { note: input.note ?? `incident ${i.number} resolved` }, tx);
      await note(tx, now, actor, page.id, `resolved with incident ${i.number} by ${actor.name}`, { incident: i.number, by: actor.userId });
    }
    await addThreadEntry(tx, null, { ticketId: null, channel: (await emergencyConfigOf(tx)).channels.saas, kind: 'notice', author: null, text: `Incident ${i.number} (${i.tag}) is resolved${page ? `, and its page #${page.number} with it` : ''}. New emergencies page as usual.`, mentions: [], late: false }, now);
    await recordTimeline(tx, now, actor, { subjectType: 'incident', subjectId: i.id, action: 'incident.resolved', detail: { pageId: page?.id ?? null, note: input.note ?? null } });
    announce(ctx, tx, { type: 'incident', id: i.id });
    return { ...(await viewOf(ctx, actor, tx, (await findIncident(tx, i.id))!)), changed: true };
  });
}

// ---- split out ----------------------------------------------------------------------------------

/** WF-10 → WF-6: tickets that are not about the incident leave it and are paged as the emergencies they are. */
export async function splitFromIncident(ctx: Ctx, actor: Actor, r: string, input: { ticketIds: (string | number)[] }, tx?: Tx) {
  staff(actor);
  if (!input.ticketIds.length) throw invalid('incident.no_tickets', 'Name the tickets to split out.');
  return withTx(ctx, tx, async (tx) => {
    const now = ctx.clock.now();
    const c = await emergencyConfigOf(tx);
    const i = await load(tx, r);
    const rows = await listIncidentTickets(tx, i.id);
    const picked = input.ticketIds.map((t) => {
      const row = rows.find((x) => x.ticketId === String(t) || String(x.ticketNumber) === String(t).replace(/^#/, ''));
      if (!row) throw invalid('incident.ticket_not_in_incident', `Ticket ${t} is not part of incident ${i.number}.`, { ticket: t, incident: i.number });
      return row;
    });
    const todo = [...new Map(picked.filter((x) => x.relation === 'related').map((x) => [x.ticketId, x])).values()];
    // An offer declined: the ticket stays the emergency it is, on its own page; it is no longer offered.
    const declined = [...new Map(picked.filter((x) => x.relation === 'candidate').map((x) => [x.ticketId, x])).values()];
    const open = (await listEmergencies(tx, { states: ['open'] })).filter((e) => e.driUserId).map((e) => ({ ticketId: e.ticketId, owner: e.driUserId! }));
    const parts: Decision[] = [];
    const owners = new Map<string, string | null>();
    for (const row of todo) {
      const em = (await findEmergency(tx, { ticketId: row.ticketId }, true))!;
      const { view } = await loadEmergencyTicket(tx, row.ticketId);
      const onCall = await onCallFor(ctx, tx, em.rotation, now);
      const t = decideIncidentTriage({ incident: ref(i), items: [{ ticket: view, related: false }], onCall, openEmergencies: open, rotation: em.rotation }, now, c);
      const page = t.decision.pages[0];
      // Paged on its own before the incident was recognised: that page stands, no second one.
      parts.push(row.grouped && !em.pageId ? t.decision : withoutPagesOf(t.decision, row.ticketId));
      if (row.grouped && !em.pageId && page) {
        owners.set(em.id, page.assignTo);
        if (page.assignTo) open.push({ ticketId: row.ticketId, owner: page.assignTo });
      }
      parts.push(mergeDecisions({ threadPosts: [{ ticketId: row.ticketId, channel: em.channel, mode: 'reply', text: `Split out of incident ${i.number}: handled as its own emergency${row.grouped && !em.pageId ? ' and paged now' : ' (its own page stays)'}.` }] }));
    }
    for (const row of declined) {
      const em = (await findEmergency(tx, { ticketId: row.ticketId }))!;
      parts.push(mergeDecisions({ threadPosts: [{ ticketId: row.ticketId, channel: em.channel, mode: 'reply', text: `Not part of incident ${i.number}: handled as its own emergency, on its own page.` }] }));
    }
    const applied = parts.length ? await applyDecision(ctx, tx, actor, mergeDecisions(...parts), { cause: 'emergency.incident_split', config: c }) : null;
    for (const [id, owner] of owners) await updateEmergency(tx, id, now, { driUserId: owner });
    await setIncidentTickets(tx, i.id, [...todo, ...declined].map((x) => x.ticketId), now, { relation: 'split_out' });
    const split = [...todo, ...declined].map((x) => x.ticketNumber).sort((a, b) => a - b);
    if (split.length) {
      await recordTimeline(tx, now, actor, { subjectType: 'incident', subjectId: i.id, action: 'incident.split', detail: { tickets: split, declined: declined.map((x) => x.ticketNumber), pages: applied?.pageIds ?? [] } });
      announce(ctx, tx, { type: 'incident', id: i.id });
    }
    return { ...(await viewOf(ctx, actor, tx, i)), split, unchanged: picked.filter((x) => x.relation === 'split_out').map((x) => x.ticketNumber), pageIds: applied?.pageIds ?? [] };
  });
}

// ---- reading ------------------------------------------------------------------------------------

async function viewOf(ctx: Ctx, actor: Actor, tx: Tx, i: IncidentRow) {
  const rows = await listIncidentTickets(tx, i.id);
  const recs = await findTicketRecords(tx, rows.map((x) => x.ticketId));
  const page = i.pageId ? await getPage(ctx, actor, i.pageId, tx).catch(() => null) : null;
  const bulkIds = [...new Set(rows.flatMap((x) => (x.bulkId ? [x.bulkId] : [])))];
  const bulk = [];
  for (const id of bulkIds) {
    const { results: _r, ...progress } = await getBulkUpdate(ctx, actor, id, tx);
    bulk.push(progress);
  }
  const count = (f: (x: (typeof rows)[number]) => boolean) => rows.filter(f).length;
  // The own page of each ticket that has one (offered, joined or split out): few, the grouped have none.
  const own = new Map<string, Awaited<ReturnType<typeof statusOf>>>();
  for (const x of rows) if (!x.grouped || x.relation === 'split_out') own.set(x.ticketId, await statusOf(ctx, tx, (await findEmergency(tx, { ticketId: x.ticketId }))?.pageId ?? null));
  return {
    id: i.id, number: i.number, tag: i.tag, title: i.title, state: i.state, detected: i.detected, statusPageUrl: i.statusPageUrl ?? (await emergencyConfigOf(tx)).incident.statusPageUrl,
    incidentIssueUrl: i.incidentIssueUrl, createdAt: i.createdAt, lastJoinedAt: i.lastJoinedAt,
    page: page ? { id: page.id, number: page.number, status: page.status, alertCount: page.alertCount, targetUserIds: page.targetUserIds } : null,
    counts: {
      related: count((x) => x.relation === 'related'), candidates: count((x) => x.relation === 'candidate'), splitOut: count((x) => x.relation === 'split_out'),
      grouped: count((x) => x.grouped), responded: count((x) => !!x.respondedAt),
    },
    tickets: rows.map((x) => {
      const t = recs.get(x.ticketId)?.ticket;
      const p = own.get(x.ticketId);
      return {
        ticketId: x.ticketId, number: x.ticketNumber, relation: x.relation, grouped: x.grouped, respondedAt: x.respondedAt, bulkId: x.bulkId, joinedAt: x.joinedAt,
        status: t?.status ?? null, subject: t?.subject ?? null, organizationId: t?.organizationId ?? null, ownPage: p ? { id: p.id, number: p.number, status: p.status } : null,
      };
    }),
    bulk,
    timeline: (await listTimeline(tx, 'incident', i.id)).map((e) => ({ at: e.at, action: e.action, actor: e.actor, detail: e.detail })),
  };
}

export async function showIncident(ctx: Ctx, actor: Actor, r: string, tx?: Tx) {
  staff(actor);
  return withTx(ctx, tx, async (tx) => viewOf(ctx, actor, tx, await load(tx, r)));
}

export async function listIncidentSummaries(ctx: Ctx, actor: Actor, f: { state?: 'open' | 'resolved' } = {}, tx?: Tx) {
  staff(actor);
  return withTx(ctx, tx, async (tx) => {
    const out = [];
    for (const i of await listIncidents(tx, f)) {
      const rows = await listIncidentTickets(tx, i.id);
      out.push({ id: i.id, number: i.number, tag: i.tag, title: i.title, state: i.state, detected: i.detected, createdAt: i.createdAt, pageId: i.pageId,
        related: rows.filter((x) => x.relation === 'related').length, candidates: rows.filter((x) => x.relation === 'candidate').length, splitOut: rows.filter((x) => x.relation === 'split_out').length, responded: rows.filter((x) => !!x.respondedAt).length });
    }
    return out;
  });
}
