// What Hotline's events become for the webhook subscribers (src/main/wiring.ts lists these after
// the capabilities that act on the change): each builds the documented events and queues them for
// the matching subscriptions, inside the publishing transaction. Nothing is read unless some
// subscription could want the event.
import type { Actor as HotlineActor } from '../kernel/actor.ts';
import type { Ctx, Events } from '../runtime/context.ts';
import { findTicketRecords } from '../tickets/index.ts';
import type { Tx } from '../store/tx.ts';
import { typeMatches } from './event-type.ts';
import type { Actor } from './payload-schema.ts';
import { emergencyEvent, escalationEvent, pageEvents, ticketEvent, type OutgoingEvent } from './payload.ts';
import { queueEvents } from './service-deliver.ts';
import { enabledSubscriptions } from './store.ts';

const actorOf = (a: HotlineActor): Actor => (a.kind === 'user' ? { kind: 'user', userId: a.userId, name: a.name } : { kind: 'system', userId: null, name: a.name });

/** Whether any enabled subscription asks for one of these types (most changes have no subscriber). */
async function wanted(tx: Tx, types: readonly string[]): Promise<boolean> {
  const subs = await enabledSubscriptions(tx);
  return subs.some((s) => s.eventTypes.some((p) => types.some((t) => typeMatches(p, t))));
}

async function organisationOfTicket(tx: Tx, ticketId: string | null): Promise<string | null> {
  if (!ticketId) return null;
  return (await findTicketRecords(tx, [ticketId])).get(ticketId)?.ticket.organizationId ?? null;
}

export async function onPageChanged(ctx: Ctx, tx: Tx, { page, entries }: Events['page.changed']): Promise<void> {
  const types = entries.map((e) => e.type);
  if (!(await wanted(tx, types))) return;
  const org = await organisationOfTicket(tx, page.ticketId);
  await queueEvents(ctx, tx, pageEvents(page, entries, org));
}

export async function onTicketChanged(ctx: Ctx, tx: Tx, e: Events['ticket.created']): Promise<void> {
  if (e.type !== 'ticket.created' && e.type !== 'ticket.updated') return;
  if (!(await wanted(tx, [e.type]))) return;
  const changes = (e.diff ?? []).map((c) => ({ field: c.field, from: c.from, to: c.to }));
  await queueEvents(ctx, tx, [ticketEvent(e.type, e.ticket, changes, actorOf(e.actor), e.at)]);
}

export async function onEscalation(ctx: Ctx, tx: Tx, { escalation: x, action, actor, at }: Events['escalation.filed']): Promise<void> {
  if (!(await wanted(tx, [`escalation.${action}`]))) return;
  const org = await organisationOfTicket(tx, x.ticketId);
  await queueEvents(ctx, tx, [escalationEvent(action, {
    id: x.id, number: x.number, kind: x.kind, ticketId: x.ticketId, ticketNumber: x.ticketNumber, title: x.title, urgency: x.urgency, state: x.state,
    managerId: x.managerId, ownerId: x.ownerId, createdAt: x.createdAt, closedAt: x.closedAt,
  }, org, actorOf(actor), at)]);
}

export async function onEmergencyChanged(ctx: Ctx, tx: Tx, { emergency: e, changes, actor, at }: Events['emergency.changed']): Promise<void> {
  const types = changes.map((c) => `emergency.${c}`);
  if (!(await wanted(tx, types))) return;
  const data = {
    id: e.id, ticketId: e.ticketId, ticketNumber: e.ticketNumber, organizationId: e.organizationId, state: e.state, qualification: e.qualification,
    exceptionCriterion: e.exceptionCriterion, driUserId: e.driUserId, pageId: e.pageId, createdAt: e.createdAt, resolvedAt: e.resolvedAt,
  };
  const events: OutgoingEvent[] = changes.map((c) => emergencyEvent(c, data, actorOf(actor), at));
  await queueEvents(ctx, tx, events);
}

