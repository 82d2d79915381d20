// SCH-10: shift hand-off. Every open emergency owned by someone going off is offered to the
// incoming engineer, who accepts it as DRI or names a replacement; nothing is left without a DRI.
import type { Temporal } from '../kernel/time.ts';
import type { EmergencyConfig } from './config.ts';
import { DecisionBuilder, emptyDecision, timerKey, type Decision, type EmergencyTicket, type OnCallAnswer, pageTitle } from './decision.ts';

export interface OpenEmergencyView {
  ticket: EmergencyTicket;
  /** Channel of the emergency's thread. */
  channel: string;
}

export interface ShiftEnd {
  engineer: string;
  endsAt: Temporal.Instant;
}

export function handoffReminderKey(s: ShiftEnd): string {
  return `shift:${s.engineer}:${s.endsAt.toString()}:handoff-reminder`;
}

function isOpen(t: EmergencyTicket): boolean {
  return t.status !== 'solved' && t.status !== 'closed';
}

/**
 * SCH-10: arm a reminder before each shift end. Late firing: 'skip' — a reminder after the
 * shift has ended is noise; the hand-off itself still runs at the shift change.
 */
export function decideHandoffReminders(input: { shifts: ShiftEnd[] }, now: Temporal.Instant, config: EmergencyConfig): Decision {
  const b = new DecisionBuilder();
  for (const s of input.shifts) {
    const at = s.endsAt.subtract({ minutes: config.handoff.reminderMinutesBefore });
    if (at.epochMilliseconds <= now.epochMilliseconds) continue;
    b.timer({ kind: 'handoff-reminder', key: handoffReminderKey(s), ticketId: null, at, onLate: 'skip', payload: { engineer: s.engineer, endsAt: s.endsAt.toString() } });
  }
  return b.build();
}

/** SCH-10: the reminder itself — which open emergencies the outgoing engineer must hand over. */
export function decideHandoffReminder(input: { shift: ShiftEnd; open: OpenEmergencyView[] }, _now: Temporal.Instant, config: EmergencyConfig): Decision {
  const mine = input.open.filter((o) => o.ticket.assignee === input.shift.engineer && isOpen(o.ticket));
  if (mine.length === 0) return emptyDecision();
  const list = mine.map((o) => o.ticket.number).join(', ');
  const h = config.handoff;
  const b = new DecisionBuilder().notice(
    null,
    'handoff.reminder',
    `${input.shift.engineer}: your shift ends at ${input.shift.endsAt.toString()}. Hand over emergency tickets ${list}: leave notes in each thread; plan ${h.afterShiftMinMinutes}–${h.afterShiftMaxMinutes} minutes after your shift for the hand-over.`,
  );
  for (const o of mine) b.mention(o.ticket.id, input.shift.engineer, `SCH-10: shift ends soon; prepare the hand-over of emergency ticket ${o.ticket.number}`);
  return b.build();
}

export interface HandoffOffer {
  ticketId: string;
  previousOwner: string | null;
  offeredTo: string | null;
}

export interface ShiftChangeInput {
  /** Engineers whose shift has just ended. */
  goingOff: string[];
  incoming: OnCallAnswer;
  open: OpenEmergencyView[];
}

/** SCH-10 at the shift change: offer each affected emergency to the incoming DRI. */
export function decideShiftHandoff(input: ShiftChangeInput, now: Temporal.Instant, config: EmergencyConfig): { offers: HandoffOffer[]; decision: Decision } {
  const b = new DecisionBuilder();
  const offers: HandoffOffer[] = [];
  const incoming = input.incoming.dri ?? input.incoming.engineers[0] ?? null;
  const offeredTo = incoming ?? input.incoming.manager;
  for (const o of input.open) {
    const t = o.ticket;
    if (!isOpen(t)) continue;
    const owner = t.assignee;
    if (owner && !input.goingOff.includes(owner)) continue;
    if (owner && input.incoming.engineers.includes(owner)) continue; // stays on call
    offers.push({ ticketId: t.id, previousOwner: owner, offeredTo });
    if (!offeredTo) {
      b.notice(t.id, 'handoff.no_dri', `Nobody is on call to take emergency ticket ${t.number}; the previous owner stays DRI until a manager assigns one.`, 'team');
      continue;
    }
    // The outgoing owner stays assignee until someone accepts, so the ticket always has a DRI.
    if (!owner) b.change(t.id, { assignee: offeredTo });
    b.mention(t.id, offeredTo, `SCH-10: emergency ticket ${t.number} is still open from the previous shift${owner ? ` (owner ${owner})` : ''}: accept as DRI or name a replacement`)
      .post({ ticketId: t.id, channel: o.channel, mode: 'reply', text: `Shift hand-off: ${offeredTo} is offered emergency ticket ${t.number}${owner ? ` from ${owner}` : ''}.` })
      .timer({
        kind: 'handoff-unaccepted',
        key: timerKey(t.id, 'handoff-unaccepted'),
        ticketId: t.id,
        at: now.add({ minutes: config.handoff.unacceptedEscalateMinutes }),
        onLate: 'fire',
        payload: { offeredTo, previousOwner: owner },
      });
    if (offeredTo === input.incoming.manager && !incoming) b.notice(t.id, 'handoff.to_manager', 'No incoming engineer: the support manager on call is offered the emergency.', 'manager');
  }
  return { offers, decision: b.build() };
}

export type HandoffResponse = { kind: 'accept' } | { kind: 'replacement'; replacement: string };

/** SCH-10: the incoming engineer accepts or names a replacement DRI. */
export function decideHandoffResponse(
  input: { ticket: EmergencyTicket; by: string; response: HandoffResponse; channel: string },
  _now: Temporal.Instant,
  _config: EmergencyConfig,
): Decision {
  const t = input.ticket;
  const dri = input.response.kind === 'accept' ? input.by : input.response.replacement;
  const b = new DecisionBuilder()
    .change(t.id, { assignee: dri })
    .cancel(timerKey(t.id, 'handoff-unaccepted'), 'SCH-10: hand-off answered')
    .post({ ticketId: t.id, channel: input.channel, mode: 'reply', text: `${dri} is now DRI for emergency ticket ${t.number}${input.response.kind === 'replacement' ? ` (named by ${input.by})` : ''}.` });
  if (input.response.kind === 'replacement') b.mention(t.id, dri, `SCH-10: ${input.by} named you DRI for emergency ticket ${t.number}`);
  return b.build();
}

/** SCH-10: nobody answered the hand-off in time (an answer cancels this timer) → the manager on call is paged. */
export function decideHandoffUnaccepted(input: { ticket: EmergencyTicket; offeredTo: string; manager: string | null }, _now: Temporal.Instant, config: EmergencyConfig): Decision {
  const t = input.ticket;
  if (!isOpen(t)) return emptyDecision();
  return new DecisionBuilder()
    .page({ ticketId: t.id, target: { kind: 'manager_on_call', id: config.rotations.managers }, assignTo: input.manager, title: pageTitle(t), reason: `SCH-10: hand-off to ${input.offeredTo} not accepted` })
    .build();
}
