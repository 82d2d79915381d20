// SM-1: filing an escalation request. In one transaction: the record and its timeline, its thread
// opening with the announcement in the escalations channel that names the manager on call at the
// instant of filing (who is also told directly), and the internal note on the ticket linking it.
// A ticket with an escalation still open gets no second one: the answer is 409 with its number.
import { SYSTEM, type Actor } from '../kernel/actor.ts';
import { conflict, invalid } from '../kernel/errors.ts';
import { isoUtc } from '../kernel/time.ts';
import { notifyPeople } from '../notify/index.ts';
import { findUser } from '../people/index.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';
import { addComment, loadTicketRecord } from '../tickets/index.ts';
import { announcementText, ticketNoteText, URGENCIES, type Urgency } from './escalation.ts';
import { changed, escalationUrl, managerOnCallAt, post, settingsOf, staffOnly } from './service-load.ts';
import { insertEscalation, nextEscalationNumber, openEscalationOf, serialiseFiling, type EscalationRow } from './store.ts';

export interface FileInput {
  /** The ticket (number or id); absent for an internal request. */
  ticket?: string | number;
  /** Defaults to the ticket's subject; an internal request names itself. */
  title?: string;
  need: string;
  businessCase: string;
  urgency: Urgency;
}

const clean = (v: string | undefined) => (v ?? '').trim();

export async function fileEscalation(ctx: Ctx, actor: Actor, input: FileInput, tx?: Tx): Promise<EscalationRow> {
  staffOnly(actor);
  const need = clean(input.need);
  const businessCase = clean(input.businessCase);
  if (!need) throw invalid('escalation.need_required', 'Say what is needed from the manager (an owner, a decision, a faster response …).');
  if (!businessCase) throw invalid('escalation.business_case_required', 'Give the business case: why this ticket needs more than the usual process.');
  if (!URGENCIES.includes(input.urgency)) throw invalid('escalation.bad_urgency', `Urgency is one of ${URGENCIES.join(', ')}.`, { urgency: input.urgency });
  return withTx(ctx, tx, async (tx) => {
    const now = ctx.clock.now();
    const ticket = input.ticket !== undefined ? (await loadTicketRecord(tx, String(input.ticket).replace(/^#/, ''))).ticket : null;
    const title = clean(input.title) || ticket?.subject || '';
    if (!title) throw invalid('escalation.title_required', 'An internal request needs a title saying what it is about.');
    // What does not depend on other filings is read before they take turns (on PostgreSQL the
    // turn lasts until commit, so every read inside it is paid by every filing queued behind).
    const settings = await settingsOf(tx);
    const manager = await managerOnCallAt(ctx, tx, now);
    const initiator = actor.userId ? await findUser(tx, { id: actor.userId }) : undefined;
    await serialiseFiling(tx);
    if (ticket) {
      const open = await openEscalationOf(tx, ticket.id);
      if (open) {
        throw conflict('escalation.already_open', `Ticket #${ticket.number} already has escalation #${open.number} (${open.state}); add to its thread instead of filing another.`, { number: open.number, id: open.id, url: escalationUrl(ctx, open.number) });
      }
    }
    const e = await insertEscalation(tx, {
      number: await nextEscalationNumber(tx), kind: ticket ? 'ticket' : 'internal', ticketId: ticket?.id ?? null, ticketNumber: ticket?.number ?? null,
      title, need, businessCase, urgency: input.urgency, state: 'filed', channel: settings.channel, initiatorId: actor.userId, managerId: manager?.id ?? null,
      createdAt: isoUtc(now),
    });
    const url = escalationUrl(ctx, e.number);
    const words = { number: e.number, kind: e.kind, ticketNumber: e.ticketNumber, title, need, businessCase, urgency: e.urgency, initiator: initiator?.name ?? actor.name, manager: manager?.name ?? null, url };
    const text = announcementText(words);
    await post(ctx, tx, e, { kind: manager ? 'mention' : 'channel', text, mentions: manager ? [manager.email] : [] }, now);
    if (manager) {
      await notifyPeople(tx, now, [manager.id], { key: `escalation:${e.id}:filed`, subject: `[Hotline] Escalation #${e.number} (${e.urgency}): ${title}`, text, threadKey: `escalation:${e.id}` });
    }
    if (ticket) {
      await addComment(ctx, { ...SYSTEM, via: actor.via }, ticket.id, { body: ticketNoteText({ ...words, channel: settings.channel }), isPublic: false }, tx);
    }
    await changed(ctx, tx, actor, e, 'filed', { kind: e.kind, ticket: e.ticketNumber, urgency: e.urgency, manager: manager?.email ?? null, channel: e.channel }, now);
    return e;
  });
}
