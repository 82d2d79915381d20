// WF-8: after the customer call — public summary, internal notes, tag the next on-call engineer;
// when unresolved, the customer opens a new emergency when back and the emergency is merged.
import type { Temporal } from '../kernel/time.ts';
import type { EmergencyConfig } from './config.ts';
import { DecisionBuilder, type Decision, type EmergencyTicket } from './decision.ts';

export interface PostCallInput {
  ticket: EmergencyTicket;
  author: string;
  /** Customer-relevant notes (public). */
  summary: string;
  /** Internal-only information. */
  internalNotes: string | null;
  resolved: boolean;
  /** Next on-call engineer (schedules' answer after the author's shift end). */
  nextOnCall: string | null;
  /** End of the author's shift, for "I'll be on call until …". */
  authorOnCallUntil: Temporal.Instant | null;
  /** Customer's zone for the times in the message (default UTC). */
  customerZone?: string;
  channel: string;
  /** WF-8 unresolved: the customer's non-emergency ticket to merge into (null → create one). */
  nonEmergencyTicket?: { id: string; number: number } | null;
}

function hhmm(at: Temporal.Instant, zone: string): string {
  const z = at.toZonedDateTimeISO(zone);
  return `${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')} (${zone})`;
}

export function decidePostCall(input: PostCallInput, _now: Temporal.Instant, config: EmergencyConfig): Decision {
  const t = input.ticket;
  const zone = input.customerZone ?? 'UTC';
  const until = input.authorOnCallUntil ? ` I am on call until ${hhmm(input.authorOnCallUntil, zone)}:` : '';
  const after = input.nextOnCall && input.authorOnCallUntil ? ` After that, my colleague ${input.nextOnCall} will be responding, and I will make sure they have the background.` : '';
  const opening = input.resolved
    ? 'It seems we have solved the root problem. If you need any help,'
    : 'We were not able to reach a resolution today. When you are back and need help,';
  const body = `${input.summary}\n\n${opening} please open a new emergency ticket so an engineer is ready for you right away.${until}${after}`;
  const b = new DecisionBuilder()
    .comment(t.id, 'public', body, config.macros.postCall)
    .tick(t.id, 'post_call_notes', 'public_reply_sent');
  if (input.internalNotes) b.comment(t.id, 'internal', input.internalNotes);
  if (input.nextOnCall) {
    b.mention(t.id, input.nextOnCall, `WF-8: post-call notes for emergency ticket ${t.number} — you are next on call`)
      .post({ ticketId: t.id, channel: input.channel, mode: 'reply', text: `Call ended (${input.resolved ? 'resolved' : 'unresolved'}). ${input.nextOnCall}: you are next on call for ticket ${t.number}; notes are on the ticket.` })
      .tick(t.id, 'next_engineer_tagged');
  } else {
    b.notice(t.id, 'postcall.no_next_engineer', 'Nobody is on call next: tag the support manager on call in the thread instead.');
  }
  if (!input.resolved) {
    // WF-8: consolidate everything in the non-emergency ticket.
    const into = input.nonEmergencyTicket ?? null;
    if (into) {
      b.record({ kind: 'merge', ticketId: t.id, intoTicketId: into.id }).comment(into.id, 'internal', `Emergency ticket ${t.number} (unresolved) merged into this ticket.`);
    } else {
      b.record({
        kind: 'create_follow_up_ticket',
        fromTicketId: t.id,
        requesterEmail: t.requesterEmail,
        subject: `Follow-up to emergency ticket ${t.number}`,
        body: `Work on emergency ticket ${t.number} continues in this ticket. If the situation becomes an emergency again, please open a new emergency ticket.`,
        priority: 'high',
        form: t.form,
        assignee: null,
        then: 'merge',
      });
    }
  }
  return b.build();
}
