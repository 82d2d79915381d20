// PG-1/PG-2/WF-2 from the emergency's side: resolving its page ("I have engaged the customer")
// ticks the runbook in the same transaction. The PG-2 veto still decides whether it may resolve.
import { SYSTEM, type Actor } from '../kernel/actor.ts';
import { conflict } from '../kernel/errors.ts';
import { getPage, resolvePage } from '../paging/index.ts';
import { announce, withTx, type Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';
import { applyDecision } from './service-apply-decision.ts';
import { decidePageResolved } from './resolution.ts';
import { showEmergency } from './service-actions.ts';
import { loadEmergencyTicket } from './service-context.ts';
import { emergencyConfigOf } from './service-settings.ts';
import { findEmergency } from './store.ts';

export async function resolveEmergencyPage(ctx: Ctx, actor: Actor, ref: string, tx?: Tx) {
  return withTx(ctx, tx, async (tx) => {
    const e = await showEmergency(ctx, actor, ref, tx);
    const page = e.pageId ? await getPage(ctx, SYSTEM, e.pageId, tx) : null;
    if (!page) throw conflict('emergency.not_paged', `Emergency ticket ${e.ticketNumber} has no page to resolve: nobody was paged for it.`);
    // Resolved elsewhere (the page view, the events API): the tick is still owed.
    if (page.status !== 'resolved') await resolvePage(ctx, actor, page.id, {}, tx);
    const { view } = await loadEmergencyTicket(tx, e.ticketId);
    const config = await emergencyConfigOf(tx);
    const applied = await applyDecision(ctx, tx, actor, decidePageResolved({ ticket: view }, ctx.clock.now(), config), { cause: 'emergency.page_resolved', config });
    announce(ctx, tx, { type: 'emergency.updated', id: e.id, organizationId: e.organizationId });
    return { emergency: await showEmergency(ctx, actor, e.id, tx), notices: applied.notices, pageIds: applied.pageIds, followUpTicketIds: applied.followUpTicketIds };
  });
}

/**
 * WF-2: a page resolved anywhere (the page view, a notification link, the events API) ticks the
 * runbook of the emergency it belongs to, in the same transaction.
 */
export async function onEmergencyPageChanged(ctx: Ctx, tx: Tx, page: { id: string; number: number; ticketId: string | null; status: string; acknowledgedBy: string | null }, entries: readonly { type: string; details?: Record<string, unknown> }[]): Promise<void> {
  // A page without a ticket is no emergency's (an incident's pages follow it in src/incidents/).
  if (!page.ticketId) return;
  // A page closed because its emergency ended was not resolved by a person: the runbook step stays as it was.
  if (page.status !== 'resolved' || !entries.some((e) => e.type === 'page.resolved' && !e.details?.subjectEnded)) return;
  const e = await findEmergency(tx, { ticketId: page.ticketId });
  if (!e) return;
  const { view } = await loadEmergencyTicket(tx, e.ticketId);
  const config = await emergencyConfigOf(tx);
  await applyDecision(ctx, tx, SYSTEM, decidePageResolved({ ticket: view }, ctx.clock.now(), config), { cause: 'emergency.page_resolved', config });
}
