// WF-5: the customer does not answer our first public reply.
// Timers: follow-up at +15 min and bridge close at +30 min after the first public reply.
// Late firing (after downtime): both 'fire'. A late follow-up still goes out (marked late) and
// re-arms the bridge close so the customer always gets the full 15 minutes we promise.
import type { Temporal } from '../kernel/time.ts';
import { minutesBetween } from './calendar.ts';
import type { EmergencyConfig } from './config.ts';
import { DecisionBuilder, emptyDecision, timerKey, type Decision, type EmergencyTicket } from './decision.ts';

/** Late by more than this and the timeline says so. */
const LATE_TOLERANCE_MINUTES = 1;

function stillAnEmergency(t: EmergencyTicket): boolean {
  return t.priority === 'urgent' && t.status !== 'solved' && t.status !== 'closed';
}

export interface PublicReplyInput {
  ticket: EmergencyTicket;
  /** True when this is the first public reply by our side on the emergency. */
  isFirstPublicReply: boolean;
}

/** WF-5: the first public reply arms both silence timers. */
export function decideAfterPublicReply(input: PublicReplyInput, now: Temporal.Instant, config: EmergencyConfig): Decision {
  const t = input.ticket;
  const b = new DecisionBuilder().tick(t.id, 'public_reply_sent');
  if (!input.isFirstPublicReply || !stillAnEmergency(t)) return b.build();
  const s = config.silence;
  const followUpAt = now.add({ minutes: s.followUpAfterMinutes });
  return b
    .timer({ kind: 'silence-followup', key: timerKey(t.id, 'silence-followup'), ticketId: t.id, at: followUpAt, onLate: 'fire' })
    .timer({ kind: 'silence-bridge-close', key: timerKey(t.id, 'silence-bridge-close'), ticketId: t.id, at: followUpAt.add({ minutes: s.bridgeCloseAfterFollowUpMinutes }), onLate: 'fire' })
    .build();
}

/** WF-5: any customer reply stops both timers. */
export function decideCustomerReply(input: { ticket: EmergencyTicket }, _now: Temporal.Instant, _config: EmergencyConfig): Decision {
  const t = input.ticket;
  return new DecisionBuilder()
    .cancel(timerKey(t.id, 'silence-followup'), 'WF-5: customer replied')
    .cancel(timerKey(t.id, 'silence-bridge-close'), 'WF-5: customer replied')
    .build();
}

export interface SilenceTimerInput {
  ticket: EmergencyTicket;
  /** The instant the timer was due (for late detection). */
  scheduledAt: Temporal.Instant;
  /** Defensive: the service reports a customer reply even if a cancel was lost. */
  customerRepliedSinceFirstReply: boolean;
  bridgeUrl: string | null;
  /** Channel of the emergency's thread. */
  channel: string;
}

/**
 * WF-5 at +15: the follow-up's words. With a bridge, its link; without one, the message must not
 * claim a bridge was created: it says how to arrange a call instead.
 */
export function silenceFollowUpText(bridgeUrl: string | null, config: EmergencyConfig): string {
  const s = config.silence;
  const high = s.priorityAfterClose.toUpperCase();
  const more = s.bridgeCloseAfterFollowUpMinutes;
  if (bridgeUrl) {
    // The link stands on its own line so no trailing punctuation sticks to it.
    return `We have not heard back from you yet. You can join the bridge we created for this emergency:\n${bridgeUrl}\n\nIf you are not able to join right away, we can make other arrangements. ` +
      `After another ${more} minutes without a response the bridge will be closed and this ticket will be set to ${high} priority. ` +
      'Feel free to open a new emergency request if the need arises.';
  }
  return 'We have not heard back from you yet. If a call would help, reply here with a time that suits you and a phone number or meeting link, and we will set one up; we can also make other arrangements. ' +
    `After another ${more} minutes without a response this ticket will be set to ${high} priority. ` +
    'Feel free to open a new emergency request if the need arises.';
}

/** WF-5 at +30: the customer's message when the bridge closes (or, without one, the priority drops). */
export function bridgeCloseText(bridgeUrl: string | null, config: EmergencyConfig): string {
  const p = config.silence.priorityAfterClose;
  const done = bridgeUrl ? `we have closed the bridge and set this ticket to ${p} priority` : `we have set this ticket to ${p} priority`;
  return `As we have not heard back, ${done}. We will keep working with you here; if the situation becomes an emergency again, please open a new emergency request.`;
}

/** WF-5 at +15: the follow-up message. */
export function decideSilenceFollowUp(input: SilenceTimerInput, now: Temporal.Instant, config: EmergencyConfig): Decision {
  const t = input.ticket;
  if (input.customerRepliedSinceFirstReply || !stillAnEmergency(t)) return emptyDecision();
  const s = config.silence;
  const b = new DecisionBuilder().comment(t.id, 'public', silenceFollowUpText(input.bridgeUrl, config)).tick(t.id, 'follow_up_sent');
  const late = minutesBetween(input.scheduledAt, now);
  if (late > LATE_TOLERANCE_MINUTES) {
    b.comment(t.id, 'internal', `Silence follow-up sent ${Math.round(late)} minutes late (the system was unavailable at its due time).`).timer({
      kind: 'silence-bridge-close',
      key: timerKey(t.id, 'silence-bridge-close'),
      ticketId: t.id,
      at: now.add({ minutes: s.bridgeCloseAfterFollowUpMinutes }),
      onLate: 'fire',
    });
  }
  return b.build();
}

/** WF-5 at +30: the bridge closes and the priority drops. */
export function decideBridgeClose(input: SilenceTimerInput, now: Temporal.Instant, config: EmergencyConfig): Decision {
  const t = input.ticket;
  if (input.customerRepliedSinceFirstReply || !stillAnEmergency(t)) return emptyDecision();
  const p = config.silence.priorityAfterClose;
  const b = new DecisionBuilder()
    .change(t.id, { priority: p })
    .comment(t.id, 'public', bridgeCloseText(input.bridgeUrl, config))
    .post({ ticketId: t.id, channel: input.channel, mode: 'reply', text: `No customer response: ${input.bridgeUrl ? 'bridge closed, ' : ''}ticket ${t.number} set to ${p} priority.` });
  const late = minutesBetween(input.scheduledAt, now);
  if (late > LATE_TOLERANCE_MINUTES) b.comment(t.id, 'internal', `${input.bridgeUrl ? 'Bridge closed' : 'Priority lowered'} ${Math.round(late)} minutes late (the system was unavailable at its due time).`);
  return b.build();
}
