// Ticket use cases (TK-1, TK-2, TK-7, TK-8): create, read, change and comment. Every write goes
// through `commitChange`: pure rules → one row write under optimistic concurrency → audit entry
// with the field diff → SLA clock and its breach timer → hooks in the same transaction → announce.
import { isStaff, type Actor } from '../kernel/actor.ts';
import { forbidden, invalid, notFound } from '../kernel/errors.ts';
import { newId } from '../kernel/ids.ts';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import { cancelJob, enqueue } from '../engine/jobs.ts';
import { announce, withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { findOrganization, findUser } from '../people/index.ts';
import { checkCommentBody, checkCommentVisibility } from './comment.ts';
import { checkAttachments, DEFAULT_MAX_ATTACHMENT_BYTES, type AttachmentUpload } from './attachment.ts';
import { advanceSla, EMPTY_SLA_CLOCK, slaStatus, stageFor, type SlaClock, type SlaEvent, type SlaMetric, type SlaStatus } from './sla.ts';
import { applyChanges, createTicket as newTicket, type FieldChange, type NewTicketInput, type Ticket, type TicketChanges } from './ticket.ts';
import { emitTicketEvent, isOnCall, type TicketEventType } from './service-hooks.ts';
import { loadTicketSettings } from './service-settings.ts';
import {
  commentByDedupeKey, findAttachment, insertComment, insertTicket, listComments, listLinks, loadTicketRecord, nextTicketNumber, saveTicket,
  type AttachmentMeta, type StoredAttachment, type StoredComment, type TicketLink, type TicketRecord,
} from './store.ts';

export const SLA_BREACH_JOB = 'tickets.sla_breach';

declare module '../engine/job-kind.ts' {
  interface JobPayloads {
    /** TK-7: the running SLA clock of a ticket comes due (`dueAt` ISO-8601 UTC, as armed). */
    [SLA_BREACH_JOB]: { ticketId: string; metric: SlaMetric | null; dueAt: string };
  }
}
export const slaJobKey = (ticketId: string) => `ticket:${ticketId}:sla`;

declare module '../runtime/context.ts' {
  interface NodeConfig {
    /** TK-2: the largest attachment this node takes, per file, in bytes. */
    maxAttachmentBytes: number;
  }
}

/**
 * TK-2: this node's per-file attachment limit (a setting of the node, not of the workspace). Forms
 * and SLA policies are workspace settings in the database: loadTicketSettings(tx).
 */
export const maxAttachmentBytes = (ctx: Ctx): number => ctx.config.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;

export interface CommentInput {
  body: string;
  isPublic: boolean;
  attachments?: AttachmentMeta[];
  /** TK-2: uploads stored with the comment (size-limited by `maxAttachmentBytes(ctx)`). */
  files?: AttachmentUpload[];
  messageId?: string | null;
  /** Idempotency key: a second write with the same key is skipped (bulk retries, mail redelivery). */
  dedupeKey?: string | null;
}

export interface ChangeOptions {
  changes?: TicketChanges;
  expectedVersion?: number;
  comments?: CommentInput[];
  action?: string;
  detail?: Record<string, unknown>;
}

export interface ChangeResult { ticket: Ticket; diff: FieldChange[]; comments: StoredComment[]; clock: SlaClock }

const SLA_FIELDS = new Set(['status', 'priority', 'form', 'isEmergency']);
const isCustomer = (a: Actor) => a.role === 'customer';

/** What a ticket looks like to this viewer: customers never see tags, custom fields or followers. */
export function ticketView(t: Ticket, viewer: Actor): Record<string, unknown> {
  if (!isCustomer(viewer)) return { ...t };
  const { id, number, subject, requesterId, organizationId, form, priority, status, isEmergency, createdAt, updatedAt, solvedAt } = t;
  return { id, number, subject, requesterId, organizationId, form, priority, status, isEmergency, createdAt, updatedAt, solvedAt };
}

/** Customers reach only their own tickets and their organisation's; others get "not found". */
export function assertCanSee(actor: Actor, t: Ticket): void {
  if (!isCustomer(actor)) return;
  const own = t.requesterId === actor.userId || (actor.organizationId !== null && t.organizationId === actor.organizationId);
  if (!own) throw notFound('ticket.not_found', `No ticket ${t.number}; check the number or id.`, { ticket: String(t.number) });
}

/**
 * TK-8: in the helpdesk, an emergency ticket is for its assignee, the staff on call and managers;
 * to any other engineer it does not exist, opened directly just as in search (not found, so its
 * existence is not revealed either). The ticket routes check it; the emergency workflow has its
 * own rules on who acts (WF-6: whoever acknowledges owns it) and calls the services directly.
 */
export async function assertMaySee(ctx: Ctx, tx: Tx, actor: Actor, t: Ticket): Promise<void> {
  assertCanSee(actor, t);
  if (!t.isEmergency || actor.role !== 'engineer' || !actor.userId || t.assigneeId === actor.userId) return;
  if (await isOnCall(ctx, tx, actor.userId, ctx.clock.now())) return;
  throw notFound('ticket.not_found', `No ticket ${t.number}; check the number or id.`, { ticket: String(t.number) });
}

async function armBreachTimer(tx: Tx, now: Temporal.Instant, ticketId: string, clock: SlaClock): Promise<void> {
  if (clock.state === 'running' && clock.dueAt) {
    await enqueue(tx, now, { kind: SLA_BREACH_JOB, runAt: clock.dueAt, key: slaJobKey(ticketId), payload: { ticketId, metric: clock.metric, dueAt: isoUtc(clock.dueAt) } });
  } else {
    await cancelJob(tx, now, slaJobKey(ticketId));
  }
}

async function recordSla(tx: Tx, now: Temporal.Instant, actor: Actor, ticketId: string, events: SlaEvent[]): Promise<void> {
  for (const e of events) {
    const detail: Record<string, unknown> = { metric: e.metric };
    if ('dueAt' in e) detail.dueAt = e.dueAt ? isoUtc(e.dueAt) : null;
    if ('breached' in e) detail.breached = e.breached;
    await recordTimeline(tx, now, actor, { subjectType: 'ticket', subjectId: ticketId, action: `sla.${e.type}`, detail });
  }
}

const diffDetail = (diff: FieldChange[]) => diff.map((d) => ({ field: d.field, from: d.from ?? null, to: d.to ?? null, ...(d.added ? { added: d.added, removed: d.removed } : {}) }));

/** The one write path of an existing ticket, inside the caller's transaction. */
/**
 * TK-1: a ticket points at people and organisations that exist. The requester is a customer (a
 * staff member as requester would take the ticket from the customer's view); the organisation,
 * when set, is a real one.
 */
async function checkTicketRefs(tx: Tx, changes: TicketChanges | undefined): Promise<void> {
  if (changes?.requesterId !== undefined) {
    const r = await findUser(tx, { id: changes.requesterId });
    if (!r) throw invalid('ticket.bad_requester', `No user ${changes.requesterId}; create the requester first.`, { requesterId: changes.requesterId });
    if (r.role !== 'customer') throw invalid('ticket.bad_requester', `${r.email} is staff; the requester is the customer the ticket is for.`, { requesterId: changes.requesterId });
  }
  if (changes?.organizationId) await checkOrganization(tx, changes.organizationId);
}

async function checkOrganization(tx: Tx, organizationId: string): Promise<void> {
  if (!(await findOrganization(tx, { id: organizationId }))) {
    throw invalid('ticket.bad_organization', `No organisation ${organizationId}.`, { organizationId });
  }
}

export async function commitChange(ctx: Ctx, tx: Tx, actor: Actor, rec: TicketRecord, opts: ChangeOptions): Promise<ChangeResult> {
  await checkTicketRefs(tx, opts.changes);
  const now = ctx.clock.now();
  const before = rec.ticket;
  const comments: CommentInput[] = [];
  for (const c of opts.comments ?? []) {
    checkCommentVisibility(c.isPublic, actor);
    if (c.dedupeKey && (await commentByDedupeKey(tx, c.dedupeKey))) continue;
    comments.push({ ...c, body: checkCommentBody(c.body), files: checkAttachments(c.files ?? [], maxAttachmentBytes(ctx)) });
  }
  const changes: TicketChanges = { ...opts.changes };
  const staffReply = isStaff(actor) && comments.some((c) => c.isPublic);
  const customerWrote = isCustomer(actor) && comments.length > 0;
  // A staff answer moves a new ticket to open; a customer's word reopens a waiting or solved one.
  if (changes.status === undefined && staffReply && before.status === 'new') changes.status = 'open';
  if (changes.status === undefined && customerWrote && ['pending', 'on_hold', 'solved'].includes(before.status)) changes.status = 'open';

  const settings = await loadTicketSettings(tx);
  const applied = applyChanges(before, changes, { at: now, expectedVersion: opts.expectedVersion, config: settings.ticket });
  let ticket = applied.ticket;
  const diff = [...applied.diff];
  let clock = rec.clock;
  const slaEvents: SlaEvent[] = [];
  const step = (input: Parameters<typeof advanceSla>[1]) => {
    const r = advanceSla(clock, input, settings.sla);
    clock = r.clock;
    slaEvents.push(...r.events);
  };
  const snap = () => ({ form: ticket.form, priority: ticket.priority, status: ticket.status, isEmergency: ticket.isEmergency });
  if (diff.some((d) => SLA_FIELDS.has(d.field))) step({ type: 'ticket_changed', at: now, ticket: snap() });
  // TK-7: only a person's public reply answers the customer; Hotline's own messages (the WF-5
  // follow-up, auto-replies, entitlement notices) never fulfil or re-arm a target.
  if (staffReply && actor.kind === 'user') step({ type: 'agent_public_reply', at: now, ticket: snap() });
  else if (customerWrote) step({ type: 'customer_comment', at: now, ticket: snap() });
  // TK-1: the stage mirrors the reply the clock currently owes.
  if (clock.state !== 'none' && stageFor(clock) !== ticket.stage && ticket.status !== 'closed') {
    diff.push({ field: 'stage', from: ticket.stage, to: stageFor(clock) });
    ticket = { ...ticket, stage: stageFor(clock), version: applied.diff.length ? ticket.version : ticket.version + 1, updatedAt: now };
  }
  if (diff.length === 0 && comments.length === 0) return { ticket: before, diff, comments: [], clock };
  if (comments.length) ticket = { ...ticket, updatedAt: now };

  await saveTicket(tx, before, ticket, clock);
  if (diff.length) {
    await recordTimeline(tx, now, actor, { subjectType: 'ticket', subjectId: ticket.id, action: opts.action ?? 'ticket.updated', detail: { number: ticket.number, changes: diffDetail(diff), ...opts.detail } });
  }
  const stored: StoredComment[] = [];
  for (const c of comments) {
    const s = await insertComment(tx, { ticketId: ticket.id, authorId: actor.userId, body: c.body, isPublic: c.isPublic, via: actor.via, at: now, attachments: c.attachments, files: c.files, messageId: c.messageId, dedupeKey: c.dedupeKey });
    stored.push(s);
    await recordTimeline(tx, now, actor, { subjectType: 'ticket', subjectId: ticket.id, action: c.isPublic ? 'comment.public' : 'comment.internal', detail: { commentId: s.id, ...(diff.length === 0 && opts.detail ? opts.detail : {}) } });
  }
  await recordSla(tx, now, actor, ticket.id, slaEvents);
  if (clock !== rec.clock) await armBreachTimer(tx, now, ticket.id, clock);

  // The change's action and detail travel with the event: subscribers say what ended an emergency (WF-9).
  if (diff.length) await emitTicketEvent(ctx, tx, { type: 'ticket.updated', ticket, actor, at: now, diff, detail: { action: opts.action ?? 'ticket.updated', ...opts.detail } });
  for (const s of stored) {
    const type: TicketEventType = !s.isPublic ? 'comment.internal' : isCustomer(actor) ? 'comment.by_customer' : 'comment.public_by_staff';
    await emitTicketEvent(ctx, tx, { type, ticket, actor, at: now, comment: s });
  }
  announce(ctx, tx, { type: 'ticket.updated', id: ticket.id, organizationId: ticket.organizationId });
  return { ticket, diff, comments: stored, clock };
}

export interface CreateTicketInput extends Omit<NewTicketInput, 'requesterId'> {
  requesterId?: string;
  requesterEmail?: string;
  description?: string;
  attachments?: AttachmentMeta[];
  files?: AttachmentUpload[];
  messageId?: string | null;
  /** WF-1: a phone number to reach the requester now, from the portal; kept as the contact_phone field (staff only). */
  contactPhone?: string;
}

export interface CreatedTicket { ticket: Ticket; replyToken: string; comment: StoredComment | null }

export async function createTicket(ctx: Ctx, actor: Actor, input: CreateTicketInput, tx?: Tx): Promise<CreatedTicket> {
  const description = input.description !== undefined ? checkCommentBody(input.description) : null;
  const files = checkAttachments(input.files ?? [], maxAttachmentBytes(ctx));
  return withTx(ctx, tx, async (tx) => {
    const now = ctx.clock.now();
    let fields: NewTicketInput;
    if (isCustomer(actor)) {
      // TK-8 portal: a customer opens tickets for themselves, within their organisation.
      fields = {
        subject: input.subject, form: input.form, priority: input.priority, isEmergency: input.isEmergency, requesterId: actor.userId!, organizationId: actor.organizationId,
        ...(input.contactPhone ? { customFields: { contact_phone: input.contactPhone } } : {}),
      };
    } else {
      const requester = input.requesterId ? await findUser(tx, { id: input.requesterId }) : input.requesterEmail ? await findUser(tx, { email: input.requesterEmail }) : undefined;
      if (!requester) {
        if (!input.requesterId && !input.requesterEmail) throw invalid('ticket.no_requester', 'Say who the ticket is for: requesterId or requesterEmail.', {});
        throw notFound('user.not_found', `No user ${input.requesterId ?? input.requesterEmail}; create the requester first.`, {});
      }
      if (input.assigneeId) {
        const a = await findUser(tx, { id: input.assigneeId });
        if (!a || a.role === 'customer') throw invalid('ticket.bad_assignee', 'The assignee must be a staff member.', { assigneeId: input.assigneeId });
      }
      if (input.organizationId) await checkOrganization(tx, input.organizationId);
      fields = { ...input, requesterId: requester.id, organizationId: input.organizationId !== undefined ? input.organizationId : requester.organizationId };
    }
    const settings = await loadTicketSettings(tx);
    const number = await nextTicketNumber(tx);
    const ticket = newTicket(fields, { id: newId(), number, at: now, config: settings.ticket });
    const sla = advanceSla(EMPTY_SLA_CLOCK, { type: 'created', at: now, ticket }, settings.sla);
    const replyToken = await insertTicket(tx, ticket, sla.clock, actor.via);
    const comment = description
      ? await insertComment(tx, { ticketId: ticket.id, authorId: actor.userId, body: description, isPublic: true, via: actor.via, at: now, attachments: input.attachments, files, messageId: input.messageId })
      : null;
    const created = (['subject', 'requesterId', 'organizationId', 'form', 'priority', 'status', 'stage', 'assigneeId', 'isEmergency', 'tags', 'followerIds'] as const)
      .map((f) => ({ field: f, from: null, to: ticket[f] }));
    await recordTimeline(tx, now, actor, { subjectType: 'ticket', subjectId: ticket.id, action: 'ticket.created', detail: { number, changes: created, ...(comment ? { commentId: comment.id } : {}) } });
    await recordSla(tx, now, actor, ticket.id, sla.events);
    await armBreachTimer(tx, now, ticket.id, sla.clock);
    await emitTicketEvent(ctx, tx, { type: 'ticket.created', ticket, actor, at: now, ...(comment ? { comment } : {}) });
    announce(ctx, tx, { type: 'ticket.created', id: ticket.id, organizationId: ticket.organizationId });
    return { ticket, replyToken, comment };
  });
}

export interface TicketDetail {
  ticket: Record<string, unknown>;
  comments: StoredComment[];
  links: TicketLink[];
  sla: SlaStatus | null;
}

export async function getTicket(ctx: Ctx, actor: Actor, idOrNumber: string, tx?: Tx): Promise<TicketDetail> {
  return withTx(ctx, tx, async (tx) => {
    const rec = await loadTicketRecord(tx, idOrNumber);
    assertCanSee(actor, rec.ticket);
    const customer = isCustomer(actor);
    // TK-2: internal notes are filtered in SQL for customers, never after the fact.
    const comments = await listComments(tx, rec.ticket.id, customer);
    const links = customer ? [] : await listLinks(tx, rec.ticket.id);
    return { ticket: ticketView(rec.ticket, actor), comments, links, sla: customer ? null : slaStatus(rec.clock, ctx.clock.now(), (await loadTicketSettings(tx)).sla) };
  });
}

export async function updateTicket(ctx: Ctx, actor: Actor, idOrNumber: string, input: { changes: TicketChanges; expectedVersion?: number; detail?: Record<string, unknown> }, tx?: Tx): Promise<ChangeResult> {
  if (!isStaff(actor)) throw forbidden('ticket.not_allowed', 'Only support staff change ticket fields; reply to the ticket instead.');
  return withTx(ctx, tx, async (tx) => {
    const rec = await loadTicketRecord(tx, idOrNumber, true);
    if (input.changes.assigneeId) {
      const a = await findUser(tx, { id: input.changes.assigneeId });
      if (!a || a.role === 'customer') throw invalid('ticket.bad_assignee', 'The assignee must be a staff member.', { assigneeId: input.changes.assigneeId });
    }
    return commitChange(ctx, tx, actor, rec, { changes: input.changes, expectedVersion: input.expectedVersion, ...(input.detail ? { detail: input.detail } : {}) });
  });
}

/** TK-2: a public reply or an internal note (customers: public replies on their own tickets). */
export async function addComment(ctx: Ctx, actor: Actor, idOrNumber: string, input: CommentInput & { expectedVersion?: number; changes?: TicketChanges }, tx?: Tx): Promise<ChangeResult> {
  if (isCustomer(actor) && input.changes && Object.keys(input.changes).length) throw forbidden('ticket.not_allowed', 'Customers can reply but not change ticket fields.');
  return withTx(ctx, tx, async (tx) => {
    const rec = await loadTicketRecord(tx, idOrNumber, true);
    assertCanSee(actor, rec.ticket);
    return commitChange(ctx, tx, actor, rec, { changes: input.changes, expectedVersion: input.expectedVersion, comments: [input] });
  });
}

/**
 * TK-2: one attachment's bytes. Customers reach only attachments of public comments on tickets
 * they may see; anything else is "not found" (no hint that an internal file exists).
 */
export async function getAttachment(ctx: Ctx, actor: Actor, idOrNumber: string, attachmentId: string, tx?: Tx): Promise<StoredAttachment> {
  return withTx(ctx, tx, async (tx) => {
    const rec = await loadTicketRecord(tx, idOrNumber);
    assertCanSee(actor, rec.ticket);
    const a = await findAttachment(tx, rec.ticket.id, attachmentId, isCustomer(actor));
    if (!a) throw notFound('attachment.not_found', `Ticket ${rec.ticket.number} has no attachment ${attachmentId}; list the ticket's comments for the attachment ids.`, { attachment: attachmentId });
    return a;
  });
}
