// WF-10 / PG-7 use cases on a declared incident: one bulk response (the tickets' bulk update job),
// emergencies paged on their own join it, unrelated tickets split out to be paged as usual, and the
// incident resolves with its page. Each writes state, thread, timeline and jobs in one transaction.
import { addThreadEntry } from '../conversations/index.ts';
import {
  applyDecision, mergeDecisions, type Decision, loadEmergencyTicket, onCallFor, emergencyConfigOf, findEmergency, listEmergencies, updateEmergency, type Emergency, withoutPagesOf,
} from '../emergencies/index.ts';
import { type Actor } from '../kernel/actor.ts';
import { conflict, forbidden, invalid } from '../kernel/errors.ts';
import { isoUtc } from '../kernel/time.ts';
import { resolvePage } from '../paging/index.ts';
import { announce, withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { BULK_LIMITS, type BulkProgress, findTicketRecords, resolveTicketIds, startBulkUpdate } from '../tickets/index.ts';
import { addIncidentTicket, dropCandidates, findIncident, incidentTicketsOf, listIncidentTickets, setIncidentTickets, updateIncident } from './store.ts';
import { followIncidentPage, incidentActor, note, resolveRows, statusOf } from './service-page.ts';
import { bulkResponseText, canResolveIncident, decideIncidentTriage, decideJoinIncident, ticketsToRespond } from './widespread-incident.ts';
import { checkUrl, load, ref, staff } from './service-load.ts';
import { viewOf } from './service-view.ts';

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

