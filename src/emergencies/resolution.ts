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
