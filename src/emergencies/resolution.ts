// WF-9, PG-1/PG-2: solving the emergency, the follow-up ticket, the pairing record, and the
// veto on resolving a page before the customer has a public reply.
import type { Temporal } from '../kernel/time.ts';
import type { EmergencyConfig } from './config.ts';
import { DecisionBuilder, timerKey, type Decision, type EmergencyTicket, type Priority } from './decision.ts';

export type FollowUp =
  | { kind: 'existing'; ticket: { id: string; number: number; priority: Priority }; priority?: Priority }
  | { kind: 'new'; subject: string; priority: Priority; owner?: string | null }
  | { kind: 'none' };

export interface ResolutionInput {
  ticket: EmergencyTicket;
  by: string;
  followUp: FollowUp;
  /** Optional internal emergency summary. */
  summary?: string | null;
  /** Optional customer-facing note on the follow-up ticket (post-call summary macro). */
  followUpNote?: string | null;
  /** WF-9: optional pairing record for the people who helped. */
  pairing?: { people: string[] } | null;
}

export function decideResolution(input: ResolutionInput, _now: Temporal.Instant, config: EmergencyConfig): Decision {
  const t = input.ticket;
  const b = new DecisionBuilder()
    .change(t.id, { status: 'solved' })
    .cancel(timerKey(t.id, 'silence-followup'), 'WF-9: emergency solved')
    .cancel(timerKey(t.id, 'silence-bridge-close'), 'WF-9: emergency solved')
    .cancel(timerKey(t.id, 'handoff-unaccepted'), 'WF-9: emergency solved');
  if (input.summary) b.comment(t.id, 'internal', `Emergency summary: ${input.summary}`);
  const f = input.followUp;
  if (f.kind === 'existing') {
    const p = f.priority ?? f.ticket.priority;
    b.comment(f.ticket.id, 'internal', `Follow-up of (solved) emergency ticket ${t.number}.`)
      .comment(t.id, 'internal', `Follow-up ticket: ${f.ticket.number}. Do not continue work in this emergency ticket.`)
      .comment(f.ticket.id, 'public', `${input.followUpNote ? `${input.followUpNote}\n\n` : ''}Follow-up work on your emergency continues in this ticket.`, config.macros.postCall)
      .record({ kind: 'link', ticketId: t.id, otherTicketId: f.ticket.id, relation: 'follow_up' })
      .tick(t.id, 'follow_up_ticket_linked');
    if (p !== f.ticket.priority) b.change(f.ticket.id, { priority: p });
  } else if (f.kind === 'new') {
    b.record({
      kind: 'create_follow_up_ticket',
      fromTicketId: t.id,
      requesterEmail: t.requesterEmail,
      subject: f.subject,
      body: `${input.followUpNote ? `${input.followUpNote}\n\n` : ''}Follow-up work on emergency ticket ${t.number} continues in this ticket.`,
      priority: f.priority,
      form: t.form,
      assignee: f.owner ?? null,
      then: 'link',
    }).tick(t.id, 'follow_up_ticket_linked');
  } else {
    b.notice(t.id, 'resolution.no_follow_up', 'Any follow-up work must happen in a separate ticket, never in the emergency ticket.');
  }
  if (input.pairing && input.pairing.people.length) {
    b.record({ kind: 'pairing', ticketId: t.id, label: config.tags.pairingLabel, people: [...new Set([input.by, ...input.pairing.people])] });
  }
  return b.build();
}

export type PageStatus = 'triggered' | 'acknowledged' | 'resolved';

export interface PageResolveState {
  pageStatus: PageStatus;
  /** Public replies from our side on the page's ticket (PG-2). */
  publicReplyCount: number;
}

export type Veto = { ok: true } | { ok: false; code: string; reason: string };

/** PG-1/PG-2: "resolved" means "I have engaged the customer with a reply" — so a reply must exist. */
export function canResolvePage(state: PageResolveState): Veto {
  if (state.pageStatus === 'resolved') return { ok: false, code: 'page.already_resolved', reason: 'This page is already resolved.' };
  if (state.publicReplyCount < 1) {
    return { ok: false, code: 'page.no_public_reply', reason: 'Send a public reply to the customer on the ticket first: resolving a page means you have engaged the customer.' };
  }
  return { ok: true };
}

/** WF-2: the page was resolved. */
export function decidePageResolved(input: { ticket: EmergencyTicket }, _now: Temporal.Instant, _config: EmergencyConfig): Decision {
  return new DecisionBuilder().tick(input.ticket.id, 'page_resolved').build();
}

/**
 * WF-9: a ticket solved or closed by any path (licence unblocked, an incident's bulk response, a
 * staff member) ends its emergency: it leaves the board and no silence or hand-off timer fires.
 */
export function decideTicketClosed(input: { ticket: EmergencyTicket; channel: string }, _now: Temporal.Instant, _config: EmergencyConfig): Decision {
  const t = input.ticket;
  const b = new DecisionBuilder();
  for (const kind of ['silence-followup', 'silence-bridge-close', 'handoff-unaccepted', 'usgov-business-hours'] as const) b.cancel(timerKey(t.id, kind), `ticket ${t.status}`);
  return b.post({ ticketId: t.id, channel: input.channel, mode: 'reply', text: `Emergency ticket ${t.number} is ${t.status}; the emergency is closed.` }).build();
}

/** How an emergency came to an end, as the ticket change or the use case tells it. */
export interface EmergencyEnding {
  /** The ticket's new status, or null when the emergency ended with the ticket still open (a downgrade). */
  status: string | null;
  /** The emergency use case that ended it ("emergency.licence_unblocked"), when one did. */
  cause?: string | null;
  /** The ticket change's own action ("ticket.merged", "ticket.bulk_updated"). */
  action?: string | null;
  by: string;
  mergedInto?: number | null;
  bulkId?: string | null;
  /** The incident whose bulk response it was (WF-10). */
  incident?: number | null;
}

const ENDING_CAUSES: Record<string, string> = {
  'emergency.resolved': 'the resolve action (WF-9)',
  'emergency.qualified.not_emergency': 'a downgrade: not an emergency (WF-4)',
  'emergency.licence_path': 'the licence path (WF-12)',
  'emergency.licence_unblocked': 'the licence path: customer unblocked (WF-12)',
  'emergency.trial_extension': 'the licence path: trial extension (WF-12)',
};

/** WF-9: the line a page's timeline carries when its emergency ended by any path. */
export function emergencyEndedReason(x: EmergencyEnding): string {
  let path: string;
  if (x.cause && ENDING_CAUSES[x.cause]) path = ENDING_CAUSES[x.cause]!;
  else if (x.action === 'ticket.merged' || x.mergedInto != null) path = `a merge into ticket ${x.mergedInto ?? '?'}`;
  else if (x.action === 'ticket.bulk_updated') path = `${x.incident != null ? `incident ${x.incident}'s bulk response` : 'a bulk update'}${x.bulkId ? ` (${x.bulkId})` : ''}`;
  else if (x.cause) path = x.cause;
  else path = 'a status change';
  return `emergency ended: ${x.status ? `ticket ${x.status} by ${path}` : path}, by ${x.by}`;
}
