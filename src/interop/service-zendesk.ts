// The Zendesk-compatible API's use cases: each reads or changes tickets and people only through
// their faces, inside one transaction, and turns the answer into Zendesk's shapes (zendesk-*.ts).
// Customers are Zendesk end-users: their own organisation's tickets, public comments only, no
// field changes, lists, searches or bulk updates (403), another organisation's ticket is 404.
import { isStaff, type Actor } from '../kernel/actor.ts';
import { forbidden, isDomainError, notFound } from '../kernel/errors.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';
import { findOrganizations, findUser } from '../people/index.ts';
import {
  addComment, assertMaySee, createTicket, firstComments, getBulkUpdate, listComments, loadTicketRecord, loadTicketSettings, searchTickets, startBulkUpdate, updateTicket,
  type Ticket,
} from '../tickets/index.ts';
import { hotlineIdOf, zendeskIds, type ZendeskIdKind } from './store-zendesk-ids.ts';
import { pageLinks, type PagePlan } from './zendesk-page.ts';
import { zendeskJobStatus, zendeskOrganization, zendeskUser } from './zendesk-people.ts';
import { fromZendeskStatus, fromZendeskTicket, recordInvalid, zendeskComment, zendeskTicket, ZENDESK_PRIORITIES, ZENDESK_STATUSES, type ZendeskRefs, type ZendeskStatus, type ZendeskTicketInput } from './zendesk-ticket.ts';

const isCustomer = (a: Actor) => a.role === 'customer';
const staffOnly = (actor: Actor) => {
  if (!isStaff(actor)) throw forbidden('zendesk.end_user', 'End-users cannot use this endpoint.');
};

/** Every integer the answer needs, looked up (and allocated) in one go per kind. */
async function refsFor(tx: Tx, baseUrl: string, want: { users?: (string | null)[]; orgs?: (string | null)[]; fields?: string[]; comments?: string[] }): Promise<ZendeskRefs> {
  // one after the other: a transaction is one connection
  const u = await zendeskIds(tx, 'user', want.users ?? []);
  const o = await zendeskIds(tx, 'organization', want.orgs ?? []);
  const f = await zendeskIds(tx, 'ticket_field', want.fields ?? []);
  const c = await zendeskIds(tx, 'comment', want.comments ?? []);
  return {
    baseUrl,
    user: (id) => (id ? u.get(id) ?? null : null), organization: (id) => (id ? o.get(id) ?? null : null),
    field: (k) => f.get(k) ?? null, comment: (id) => c.get(id) ?? null,
  };
}

async function renderTickets(tx: Tx, actor: Actor, tickets: Ticket[], baseUrl: string) {
  // Zendesk's description is the ticket's first comment (for an end-user: the first public one)
  const firsts = await firstComments(tx, tickets.map((t) => t.id), isCustomer(actor));
  const refs = await refsFor(tx, baseUrl, {
    users: tickets.flatMap((t) => [t.requesterId, t.assigneeId, ...t.followerIds, firsts.get(t.id)?.authorId ?? null]),
    orgs: tickets.map((t) => t.organizationId), fields: tickets.flatMap((t) => Object.keys(t.customFields)),
  });
  return tickets.map((t) => zendeskTicket(t, firsts.get(t.id) ?? null, refs, isCustomer(actor)));
}

async function visibleTicket(ctx: Ctx, tx: Tx, actor: Actor, id: number): Promise<Ticket> {
  const rec = await loadTicketRecord(tx, String(id));
  await assertMaySee(ctx, tx, actor, rec.ticket);
  return rec.ticket;
}

export async function showTicket(ctx: Ctx, actor: Actor, id: number, baseUrl: string) {
  return withTx(ctx, undefined, async (tx) => ({ ticket: (await renderTickets(tx, actor, [await visibleTicket(ctx, tx, actor, id)], baseUrl))[0] }));
}

/** GET /tickets.json: every ticket the agent may see, oldest first (Zendesk's order). */
export async function listTickets(ctx: Ctx, actor: Actor, plan: PagePlan, baseUrl: string, listUrl: string) {
  staffOnly(actor);
  return withTx(ctx, undefined, async (tx) => {
    const r = await searchTickets(ctx, actor, 'order_by:number sort:asc', { limit: plan.limit, offset: plan.offset, count: plan.mode === 'offset' }, tx);
    return { tickets: await renderTickets(tx, actor, r.tickets, baseUrl), ...pageLinks(plan, listUrl, r.nextOffset !== null, r.total) };
  });
}

/** GET /tickets/show_many.json?ids=…: the visible ones, in the order asked; unknown or hidden numbers are left out, as Zendesk does. */
export async function showManyTickets(ctx: Ctx, actor: Actor, ids: number[], baseUrl: string) {
  return withTx(ctx, undefined, async (tx) => {
    const seen: Ticket[] = [];
    for (const id of [...new Set(ids)]) {
      try {
        seen.push(await visibleTicket(ctx, tx, actor, id));
      } catch (e) {
        if (!(isDomainError(e) && e.kind === 'not_found')) throw e;
      }
    }
    return { tickets: await renderTickets(tx, actor, seen, baseUrl) };
  });
}

export async function listTicketComments(ctx: Ctx, actor: Actor, id: number, baseUrl: string) {
  return withTx(ctx, undefined, async (tx) => {
    const t = await visibleTicket(ctx, tx, actor, id);
    const comments = await listComments(tx, t.id, isCustomer(actor));
    const refs = await refsFor(tx, baseUrl, { users: comments.map((c) => c.authorId), comments: comments.map((c) => c.id) });
    return { comments: comments.map((c) => zendeskComment(c, refs)), next_page: null, previous_page: null, count: comments.length };
  });
}

/** The integers a body names, resolved to Hotline ids before the pure mapping runs. */
async function lookupsFor(tx: Tx, b: ZendeskTicketInput) {
  const maps: Record<ZendeskIdKind, Map<number, string>> = { user: new Map(), organization: new Map(), ticket_field: new Map(), comment: new Map() };
  const want: [ZendeskIdKind, number | null | undefined][] = [
    ['user', b.requester_id], ['user', b.assignee_id], ...(b.follower_ids ?? []).map((f): [ZendeskIdKind, number] => ['user', f]),
    ['organization', b.organization_id], ...(b.custom_fields ?? []).map((f): [ZendeskIdKind, number] => ['ticket_field', f.id]),
  ];
  for (const [kind, n] of want) {
    if (typeof n !== 'number') continue;
    const id = await hotlineIdOf(tx, kind, n);
    if (id) maps[kind].set(n, id);
  }
  return { user: (n: number) => maps.user.get(n), organization: (n: number) => maps.organization.get(n), field: (n: number) => maps.ticket_field.get(n) };
}

export async function createZendeskTicket(ctx: Ctx, actor: Actor, body: ZendeskTicketInput, baseUrl: string) {
  staffOnly(actor);
  return withTx(ctx, undefined, async (tx) => {
    const m = fromZendeskTicket(body, await lookupsFor(tx, body), 'create');
    const c = m.changes;
    const forms = (await loadTicketSettings(tx)).ticket.forms;
    const created = await createTicket(ctx, actor, {
      subject: c.subject!, form: forms[0], priority: c.priority, status: c.status, requesterId: m.requesterId, requesterEmail: m.requesterEmail,
      organizationId: c.organizationId, assigneeId: c.assigneeId, tags: [...(c.tags?.set ?? []), ...(c.tags?.add ?? [])], followerIds: c.followers?.add ? [...c.followers.add] : undefined,
      customFields: c.customFields, ...(m.comment!.isPublic ? { description: m.comment!.body } : {}),
    }, tx);
    // Zendesk allows a private first comment; Hotline's description is public, so it becomes an internal note.
    if (!m.comment!.isPublic) await addComment(ctx, actor, created.ticket.id, { body: m.comment!.body, isPublic: false }, tx);
    const ticket = (await loadTicketRecord(tx, created.ticket.id)).ticket;
    return { ticket: (await renderTickets(tx, actor, [ticket], baseUrl))[0] };
  });
}

export async function updateZendeskTicket(ctx: Ctx, actor: Actor, id: number, body: ZendeskTicketInput, baseUrl: string) {
  return withTx(ctx, undefined, async (tx) => {
    const before = await visibleTicket(ctx, tx, actor, id);
    const m = fromZendeskTicket(body, await lookupsFor(tx, body), 'update');
    if (isCustomer(actor)) {
      // Zendesk end-users may add public comments to their tickets and nothing else
      if (Object.keys(m.changes).length) throw forbidden('zendesk.end_user', 'End-users cannot change ticket fields.');
      if (m.comment && !m.comment.isPublic) throw forbidden('zendesk.end_user', 'End-users cannot add private comments.');
    }
    const r = m.comment
      ? await addComment(ctx, actor, before.id, { body: m.comment.body, isPublic: m.comment.isPublic, changes: Object.keys(m.changes).length ? m.changes : undefined }, tx)
      : await updateTicket(ctx, actor, before.id, { changes: m.changes }, tx);
    const refs = await refsFor(tx, baseUrl, { users: [actor.userId], comments: r.comments.map((c) => c.id) });
    const ticket = (await renderTickets(tx, actor, [r.ticket], baseUrl))[0];
    const events = [
      ...r.comments.map((c) => ({ ...zendeskComment(c, refs), type: 'Comment' as const })),
      ...(isCustomer(actor) ? [] : r.diff.map((d, i) => ({ id: i + 1, type: 'Change' as const, field_name: d.field, value: d.to ?? null, previous_value: d.from ?? null }))),
    ];
    return { ticket, audit: { ticket_id: id, author_id: refs.user(actor.userId), created_at: ticket.updated_at, events } };
  });
}

export interface ZendeskBulkBody {
  status?: string; priority?: string; additional_tags?: string[]; remove_tags?: string[]; comment?: { body?: string; public?: boolean };
  [other: string]: unknown;
}

/** PUT /tickets/update_many.json?ids=…: Hotline's durable bulk update (TK-5), watched as a job status. */
export async function startZendeskBulk(ctx: Ctx, actor: Actor, ids: number[], b: ZendeskBulkBody, baseUrl: string) {
  staffOnly(actor);
  const other = Object.keys(b).filter((k) => !['status', 'priority', 'additional_tags', 'remove_tags', 'comment'].includes(k));
  if (other.length) throw recordInvalid(other[0], `${other[0]}: not supported in update_many by Hotline (status, priority, additional_tags, remove_tags, comment)`, 'Unsupported');
  if (b.status !== undefined && !(ZENDESK_STATUSES as readonly string[]).includes(b.status)) throw recordInvalid('status', `Status: ${b.status} is not valid`);
  if (b.priority !== undefined && !(ZENDESK_PRIORITIES as readonly string[]).includes(b.priority)) throw recordInvalid('priority', `Priority: ${b.priority} is not valid`);
  const text = b.comment?.body;
  const p = await startBulkUpdate(ctx, actor, {
    ticketIds: ids.map(String), ...(b.status ? { status: fromZendeskStatus(b.status as ZendeskStatus) } : {}), ...(b.priority ? { priority: b.priority as Ticket['priority'] } : {}),
    ...(b.additional_tags ? { addTags: b.additional_tags } : {}), ...(b.remove_tags ? { removeTags: b.remove_tags } : {}),
    ...(text !== undefined ? (b.comment?.public === false ? { internalNote: text } : { publicReply: text }) : {}),
  });
  return { job_status: zendeskJobStatus(p, baseUrl) };
}

export async function showJobStatus(ctx: Ctx, actor: Actor, id: string, baseUrl: string) {
  staffOnly(actor);
  return { job_status: zendeskJobStatus(await getBulkUpdate(ctx, actor, id), baseUrl) };
}

/** GET /search.json: Hotline's search language is Zendesk's (`type:ticket status:open tag:x`). */
export async function searchZendesk(ctx: Ctx, actor: Actor, query: string, sort: { by?: string; order?: string }, plan: PagePlan, baseUrl: string, listUrl: string) {
  staffOnly(actor);
  const q = [query, sort.by ? `order_by:${sort.by}` : '', sort.order ? `sort:${sort.order}` : ''].filter(Boolean).join(' ');
  return withTx(ctx, undefined, async (tx) => {
    const r = await searchTickets(ctx, actor, q, { limit: plan.limit, offset: plan.offset, count: true }, tx);
    const results = (await renderTickets(tx, actor, r.tickets, baseUrl)).map((t) => ({ ...t, result_type: 'ticket' as const }));
    return { results, facets: null, ...pageLinks({ ...plan, mode: 'offset' }, listUrl, r.nextOffset !== null, r.total) };
  });
}

export async function showUser(ctx: Ctx, actor: Actor, id: number | 'me', baseUrl: string) {
  return withTx(ctx, undefined, async (tx) => {
    const hotlineId = id === 'me' ? actor.userId : await hotlineIdOf(tx, 'user', id);
    // an end-user sees only themselves, as in Zendesk
    if (!hotlineId || (isCustomer(actor) && hotlineId !== actor.userId)) throw notFound('user.not_found', `No user ${id}.`);
    const u = await findUser(tx, { id: hotlineId });
    if (!u) throw notFound('user.not_found', `No user ${id}.`);
    const refs = await refsFor(tx, baseUrl, { users: [u.id], orgs: [u.organizationId] });
    return { user: zendeskUser(u, refs.user(u.id)!, refs.organization(u.organizationId), baseUrl) };
  });
}

/** Organisations: agents see all; an end-user their own only. */
export async function listOrganizations(ctx: Ctx, actor: Actor, plan: PagePlan, baseUrl: string, listUrl: string) {
  return withTx(ctx, undefined, async (tx) => {
    const all = isCustomer(actor) ? (actor.organizationId ? await findOrganizations(tx, { id: actor.organizationId }) : []) : await findOrganizations(tx);
    const page = all.slice(plan.offset, plan.offset + plan.limit);
    const refs = await refsFor(tx, baseUrl, { orgs: page.map((o) => o.id) });
    return { organizations: page.map((o) => zendeskOrganization(o, refs.organization(o.id)!, baseUrl)), ...pageLinks(plan, listUrl, all.length > plan.offset + plan.limit, all.length) };
  });
}

export async function showOrganization(ctx: Ctx, actor: Actor, id: number, baseUrl: string) {
  return withTx(ctx, undefined, async (tx) => {
    const hotlineId = await hotlineIdOf(tx, 'organization', id);
    if (!hotlineId || (isCustomer(actor) && hotlineId !== actor.organizationId)) throw notFound('org.not_found', `No organization ${id}.`);
    const [o] = await findOrganizations(tx, { id: hotlineId });
    if (!o) throw notFound('org.not_found', `No organization ${id}.`);
    return { organization: zendeskOrganization(o, id, baseUrl) };
  });
}


/** A cursor this server did not hand out. */
export const badCursor = () => recordInvalid('page', 'page[after]: not a cursor from this server; follow links.next', 'InvalidValue');
