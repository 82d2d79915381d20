// What the helpdesk tells and asks the other capabilities: its ticket events (the emergency workflow
// first subscribes, through its plug; src/main/wiring.ts lists who hears each, in order) and the
// on-call question (the `onCallCheck` port). Subscribers run inside the writing transaction, so what
// they write commits or rolls back with the ticket change that caused it.
import type { Actor } from '../kernel/actor.ts';
import type { Temporal } from '../kernel/time.ts';
import type { Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';
import type { StoredComment } from './store.ts';
import type { FieldChange, Ticket } from './ticket.ts';

export type TicketEventType =
  | 'ticket.created'
  | 'ticket.updated'
  | 'comment.public_by_staff'
  | 'comment.by_customer'
  | 'comment.internal'
  | 'ticket.merged'
  | 'ticket.linked'
  | 'ticket.sla_breached'
  /** A macro asked the workflow for something it does not do itself (e.g. `page_oncall`). */
  | 'macro.signal';

export interface TicketEvent {
  type: TicketEventType;
  ticket: Ticket;
  actor: Actor;
  at: Temporal.Instant;
  diff?: FieldChange[];
  comment?: StoredComment;
  /** macro.signal: the signal name; ticket.merged/linked: the other ticket. */
  signal?: string;
  macroId?: string;
  otherTicketId?: string;
  detail?: Record<string, unknown>;
}

export const TICKET_EVENT_TYPES = [
  'ticket.created', 'ticket.updated', 'comment.public_by_staff', 'comment.by_customer', 'comment.internal',
  'ticket.merged', 'ticket.linked', 'ticket.sla_breached', 'macro.signal',
] as const satisfies readonly TicketEventType[];

declare module '../runtime/context.ts' {
  interface Events {
    'ticket.created': TicketEvent;
    'ticket.updated': TicketEvent;
    'comment.public_by_staff': TicketEvent;
    'comment.by_customer': TicketEvent;
    'comment.internal': TicketEvent;
    'ticket.merged': TicketEvent;
    'ticket.linked': TicketEvent;
    'ticket.sla_breached': TicketEvent;
    'macro.signal': TicketEvent;
  }
  interface Ports {
    onCallCheck: OnCallCheck;
  }
}

/** Runs every subscriber of the event in order; a throwing subscriber rolls the whole change back. */
export async function emitTicketEvent(ctx: Ctx, tx: Tx, e: TicketEvent): Promise<void> {
  await ctx.events.publish(tx, e.type, e);
}

/**
 * TK-8: whether a staff member is on call now (so sees emergency tickets in queue views): the
 * node's `onCallCheck` port. When no capability provides it, only managers, admins and the
 * assignee see emergencies in views.
 */
export type OnCallCheck = (ctx: Ctx, tx: Tx, userId: string, now: Temporal.Instant) => boolean | Promise<boolean>;

export async function isOnCall(ctx: Ctx, tx: Tx, userId: string, now: Temporal.Instant): Promise<boolean> {
  return !!(await ctx.ports.onCallCheck?.(ctx, tx, userId, now));
}
