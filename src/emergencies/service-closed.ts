// WF-9 at runtime: whatever solves or closes an emergency's ticket ends the emergency in the same
// change (the resolve action does it itself; this catches every other path) — and its pages with it.
import { SYSTEM } from '../kernel/actor.ts';
import { isoUtc } from '../kernel/time.ts';
import { announce, type Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';
import type { TicketEvent } from '../tickets/index.ts';
import { applyDecision } from './service-apply-decision.ts';
import { decideTicketClosed } from './resolution.ts';
import { loadEmergencyTicket } from './service-context.ts';
import { emergencyConfigOf } from './service-settings.ts';
import { endEmergencyPages } from './service-end-pages.ts';
import { findEmergency, updateEmergency } from './store.ts';
import { emergencyChanged } from './service-events.ts';

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export async function onTicketUpdated(e: TicketEvent, { ctx, tx }: { ctx: Ctx; tx: Tx }): Promise<void> {
  const to = e.diff?.find((c) => c.field === 'status')?.to;
  if (to !== 'solved' && to !== 'closed') return;
  const em = await findEmergency(tx, { ticketId: e.ticket.id });
  if (!em) return;
  if (em.state === 'open') {
    const now = ctx.clock.now();
    await updateEmergency(tx, em.id, now, { state: 'resolved', resolvedAt: isoUtc(now) });
    await emergencyChanged(ctx, tx, { ...em, state: 'resolved', resolvedAt: isoUtc(now) }, ['resolved'], e.actor, now);
    const { view } = await loadEmergencyTicket(tx, e.ticket.id);
    const config = await emergencyConfigOf(tx);
    await applyDecision(ctx, tx, SYSTEM, decideTicketClosed({ ticket: view, channel: em.channel }, now, config), { cause: 'emergency.ticket_closed', config });
    announce(ctx, tx, { type: 'emergency.updated', id: em.id, organizationId: em.organizationId });
  }
  // Also when the emergency ended a moment earlier in this change (the resolve action, a downgrade).
  const d = e.detail ?? {};
  await endEmergencyPages(ctx, tx, em, {
    status: to, cause: text(d.cause), action: text(d.action), by: e.actor.name,
    mergedInto: typeof d.mergedInto === 'number' ? d.mergedInto : null, bulkId: text(d.bulkId),
  });
}
