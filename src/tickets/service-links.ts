// TK-6 / WF-9: linked tickets, follow-ups and merge. Every link leaves an internal note on both
// tickets so either side tells the story; a merge moves the comments, tells the requester on
// the ticket they wrote in, and closes it.
import { isStaff, type Actor } from '../kernel/actor.ts';
import { conflict, forbidden, invalid } from '../kernel/errors.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { emitTicketEvent } from './service-hooks.ts';
import { commitChange, createTicket, type CreatedTicket } from './service.ts';
import { insertLink, loadTicketRecord, refreshFirstReply, type TicketRecord } from './store.ts';
import type { TicketPriority } from './ticket.ts';

export const LINK_KINDS = ['related', 'follow_up', 'merged'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

function staffOnly(actor: Actor) {
  if (!isStaff(actor)) throw forbidden('ticket.not_allowed', 'Only support staff link or merge tickets.');
}

async function crossReference(ctx: Ctx, tx: Tx, actor: Actor, a: TicketRecord, b: TicketRecord, kind: LinkKind, notes: { onA: string; onB: string }) {
  if (a.ticket.id === b.ticket.id) throw invalid('ticket.self_link', `Ticket ${a.ticket.number} cannot be linked to itself; pick another ticket.`, {});
  const created = await insertLink(tx, a.ticket.id, b.ticket.id, kind, actor.userId, ctx.clock.now());
  if (!created) return { a, b, created };
  const ra = await commitChange(ctx, tx, actor, a, { comments: [{ body: notes.onA, isPublic: false }], detail: { link: kind, otherTicket: b.ticket.number } });
  const rb = await commitChange(ctx, tx, actor, b, { comments: [{ body: notes.onB, isPublic: false }], detail: { link: kind, otherTicket: a.ticket.number } });
  await emitTicketEvent(ctx, tx, { type: 'ticket.linked', ticket: ra.ticket, actor, at: ctx.clock.now(), otherTicketId: b.ticket.id, detail: { kind } });
  return { a: { ...a, ticket: ra.ticket }, b: { ...b, ticket: rb.ticket }, created };
}

/** Links two existing tickets (TK-6), with a cross-referencing internal note on each. */
export async function linkTickets(ctx: Ctx, actor: Actor, from: string, to: string, kind: LinkKind = 'related', tx?: Tx): Promise<{ created: boolean }> {
  staffOnly(actor);
  if (!LINK_KINDS.includes(kind) || kind === 'merged') throw invalid('ticket.bad_link_kind', 'Link kind must be related or follow_up; use merge to merge.', { kind });
  return withTx(ctx, tx, async (tx) => {
    const a = await loadTicketRecord(tx, from, true);
    const b = await loadTicketRecord(tx, to, true);
    const label = kind === 'follow_up' ? 'follow-up' : 'related';
    const r = await crossReference(ctx, tx, actor, a, b, kind, {
      onA: `Linked ticket #${b.ticket.number} (${label}): ${b.ticket.subject}`,
      onB: `Linked from ticket #${a.ticket.number} (${label}): ${a.ticket.subject}`,
    });
    return { created: r.created };
  });
}

export interface FollowUpInput { subject?: string; description?: string; priority?: TicketPriority }

/** WF-9: work continues in a follow-up ticket for the same customer, never an emergency. */
export async function createFollowUp(ctx: Ctx, actor: Actor, from: string, input: FollowUpInput = {}, tx?: Tx): Promise<CreatedTicket> {
  staffOnly(actor);
  return withTx(ctx, tx, async (tx) => {
    const src = await loadTicketRecord(tx, from, true);
    const priority = input.priority ?? (src.ticket.priority === 'urgent' ? 'high' : src.ticket.priority);
    const created = await createTicket(ctx, actor, {
      subject: input.subject ?? `Follow-up to #${src.ticket.number}: ${src.ticket.subject}`,
      requesterId: src.ticket.requesterId, organizationId: src.ticket.organizationId, form: src.ticket.form,
      priority, isEmergency: false, followerIds: src.ticket.followerIds, description: input.description,
    }, tx);
    const dst = await loadTicketRecord(tx, created.ticket.id, true);
    const r = await crossReference(ctx, tx, actor, src, dst, 'follow_up', {
      onA: `Follow-up ticket #${dst.ticket.number} created; continue the work there.`,
      onB: `Follow-up to ticket #${src.ticket.number}: ${src.ticket.subject}`,
    });
    return { ...created, ticket: r.b.ticket };
  });
}

/**
 * TK-6 / WF-8: merge `from` (typically the emergency) into `into`. Comments move to the target,
 * the requester is told on the source ticket, both get internal notes, and the source closes.
 */
export async function mergeTickets(ctx: Ctx, actor: Actor, from: string, into: string, input: { message?: string } = {}, tx?: Tx) {
  staffOnly(actor);
  return withTx(ctx, tx, async (tx) => {
    let src = await loadTicketRecord(tx, from, true);
    let dst = await loadTicketRecord(tx, into, true);
    if (src.ticket.id === dst.ticket.id) throw invalid('ticket.self_merge', `Ticket ${src.ticket.number} cannot be merged into itself.`, {});
    if (src.ticket.status === 'closed') throw conflict('ticket.closed', `Ticket ${src.ticket.number} is already closed; nothing to merge.`, {});
    if (dst.ticket.status === 'closed') throw conflict('ticket.closed', `Ticket ${dst.ticket.number} is closed; merge into an open ticket or create a follow-up.`, {});
    const now = ctx.clock.now();
    const moved = await tx.db.updateTable('ticket_comments').set({ ticket_id: dst.ticket.id }).where('ticket_id', '=', src.ticket.id).executeTakeFirst();
    await refreshFirstReply(tx, dst.ticket.id);
    await insertLink(tx, src.ticket.id, dst.ticket.id, 'merged', actor.userId, now);
    await tx.db.updateTable('tickets').set({ merged_into_id: dst.ticket.id }).where('id', '=', src.ticket.id).execute();
    const rd = await commitChange(ctx, tx, actor, dst, {
      comments: [{ body: `Ticket #${src.ticket.number} (${src.ticket.subject}) was merged into this ticket; its ${Number(moved.numUpdatedRows)} comment(s) are above.`, isPublic: false }],
      detail: { mergedFrom: src.ticket.number },
    });
    const tell = input.message ?? `This request has been merged into ticket #${dst.ticket.number}, where we continue to work on it. Reply there, or to this message, and it reaches the same people.`;
    src = { ...src, ticket: (await commitChange(ctx, tx, actor, src, { comments: [{ body: tell, isPublic: true }] })).ticket };
    src = { ...src, ticket: (await commitChange(ctx, tx, actor, src, {
      changes: { status: 'closed' }, comments: [{ body: `Merged into ticket #${dst.ticket.number}.`, isPublic: false }],
      action: 'ticket.merged', detail: { mergedInto: dst.ticket.number },
    })).ticket };
    await recordTimeline(tx, now, actor, { subjectType: 'ticket', subjectId: dst.ticket.id, action: 'ticket.merge_received', detail: { from: src.ticket.number, comments: Number(moved.numUpdatedRows) } });
    await emitTicketEvent(ctx, tx, { type: 'ticket.merged', ticket: src.ticket, actor, at: now, otherTicketId: dst.ticket.id });
    return { source: src.ticket, target: rd.ticket, movedComments: Number(moved.numUpdatedRows) };
  });
}
