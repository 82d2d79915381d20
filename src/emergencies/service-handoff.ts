// SCH-10 at runtime: the schedules capability announces shift changes and hand-off reminders;
// every open emergency owned by someone going off is offered to the incoming engineer.
import { SYSTEM } from '../kernel/actor.ts';
import type { Temporal } from '../kernel/time.ts';
import type { Ctx } from '../runtime/context.ts';
import type { OpenItem, ShiftChangeEvent } from '../schedules/index.ts';
import type { Tx } from '../store/tx.ts';
import { applyDecision } from './service-apply-decision.ts';
import { mergeDecisions } from './decision.ts';
import { decideHandoffReminder, decideShiftHandoff, type OpenEmergencyView } from './handoff.ts';
import { loadEmergencyTicket, onCallFor } from './service-context.ts';
import { emergencyConfigOf } from './service-settings.ts';
import { listEmergencies } from './store.ts';

async function openViews(tx: Tx): Promise<(OpenEmergencyView & { rotation: string })[]> {
  const out = [];
  for (const e of await listEmergencies(tx, { states: ['open'] })) {
    const { view } = await loadEmergencyTicket(tx, e.ticketId);
    out.push({ ticket: { ...view, assignee: view.assignee ?? e.driUserId }, channel: e.channel, rotation: e.rotation });
  }
  return out;
}

/** SCH-10: offer the going-off engineers' open emergencies to whoever is on call now. */
export async function handOffShift(ctx: Ctx, tx: Tx, goingOff: string[], at: Temporal.Instant, late = false): Promise<OpenItem[]> {
  const open = (await openViews(tx)).filter((o) => o.ticket.assignee && goingOff.includes(o.ticket.assignee));
  const items: OpenItem[] = [];
  const config = await emergencyConfigOf(tx);
  for (const rotation of new Set(open.map((o) => o.rotation))) {
    const incoming = await onCallFor(ctx, tx, rotation, at);
    const r = decideShiftHandoff({ goingOff, incoming, open: open.filter((o) => o.rotation === rotation) }, ctx.clock.now(), config);
    for (const offer of r.offers) {
      const o = open.find((x) => x.ticket.id === offer.ticketId)!;
      items.push({ ...itemOf(o, 'accept DRI or name a replacement'), to: offer.offeredTo });
    }
    await applyDecision(ctx, tx, SYSTEM, r.decision, { cause: 'emergency.handoff_offered', late, config, deliverMentions: false });
  }
  return items;
}

const itemOf = (o: OpenEmergencyView, ask: string): OpenItem => ({
  text: `Emergency ticket #${o.ticket.number}${o.ticket.assignee ? ` (owner ${o.ticket.assignee})` : ''}: ${ask}`,
  owner: o.ticket.assignee,
});

// The hand-off and reminder messages list these items, so the mentions stay in the thread only.

/** 'shift.changed' (SCH-10): the going-off engineers' open emergencies are offered to the incoming ones. */
export async function onShiftChanged(ctx: Ctx, e: ShiftChangeEvent): Promise<OpenItem[]> {
  return e.outgoing.length ? handOffShift(ctx, e.tx, e.outgoing, e.at, e.late) : [];
}

/** 'handoff.reminder' (SCH-10): the outgoing engineers are reminded of what they still own. */
export async function onHandoffReminder(ctx: Ctx, e: ShiftChangeEvent): Promise<OpenItem[]> {
  const open = await openViews(e.tx);
  const config = await emergencyConfigOf(e.tx);
  const d = mergeDecisions(...e.outgoing.map((engineer) => decideHandoffReminder({ shift: { engineer, endsAt: e.at }, open }, e.now, config)));
  if (d.mentions.length || d.notices.length) await applyDecision(ctx, e.tx, SYSTEM, d, { cause: 'emergency.handoff_reminder', config, deliverMentions: false });
  return open.filter((o) => o.ticket.assignee && e.outgoing.includes(o.ticket.assignee)).map((o) => itemOf(o, 'hand it over before you go'));
}
