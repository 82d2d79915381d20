// Extension points of the helpdesk: other capabilities (the emergency workflow first) subscribe to
// ticket events and answer the on-call question. Handlers run inside the writing transaction, so
// what they write commits or rolls back with the ticket change that caused it.
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

export type TicketEventHandler = (e: TicketEvent, env: { ctx: Ctx; tx: Tx }) => void | Promise<void>;

const handlers = new Map<TicketEventType | '*', Set<TicketEventHandler>>();

/** Subscribe to one event type (or '*'); returns the unsubscribe function. */
export function onTicketEvent(type: TicketEventType | '*', handler: TicketEventHandler): () => void {
  let set = handlers.get(type);
  if (!set) handlers.set(type, (set = new Set()));
  set.add(handler);
  return () => set!.delete(handler);
}

/** Runs every subscriber in order; a throwing subscriber rolls the whole change back. */
export async function emitTicketEvent(ctx: Ctx, tx: Tx, e: TicketEvent): Promise<void> {
  for (const h of [...(handlers.get(e.type) ?? []), ...(handlers.get('*') ?? [])]) await h(e, { ctx, tx });
}

/**
 * TK-8: whether a staff member is on call now (so sees emergency tickets in queue views).
 * The schedules capability plugs in here; until it does, only managers, admins and the
 * assignee see emergencies in views.
 */
export type OnCallCheck = (tx: Tx, userId: string, now: Temporal.Instant) => boolean | Promise<boolean>;
let onCallCheck: OnCallCheck = () => false;

export function setOnCallCheck(fn: OnCallCheck): () => void {
  const before = onCallCheck;
  onCallCheck = fn;
  return () => {
    onCallCheck = before;
  };
}

export async function isOnCall(tx: Tx, userId: string, now: Temporal.Instant): Promise<boolean> {
  return !!(await onCallCheck(tx, userId, now));
}
