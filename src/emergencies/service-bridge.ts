// WF-5: the bridge of an emergency. The engineer sets or changes it (API, CLI, web page), or a new
// paged emergency gets one from the workspace's meeting-link template; every change is on the
// timeline. The customer may read the link of their own emergency while it is live, nothing else.
import { SYSTEM, type Actor } from '../kernel/actor.ts';
import { forbidden, notFound } from '../kernel/errors.ts';
import type { Temporal } from '../kernel/time.ts';
import { announce, withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { getTicket } from '../tickets/index.ts';
import { checkBridgeUrl, initialBridgeUrl } from './bridge.ts';
import { emergencyConfigOf } from './service-settings.ts';
import { findEmergency, updateEmergency, type Emergency } from './store.ts';

async function recordBridge(tx: Tx, now: Temporal.Instant, actor: Actor, e: Pick<Emergency, 'id' | 'ticketId' | 'ticketNumber'>, from: string | null, to: string | null, source: 'engineer' | 'template') {
  await recordTimeline(tx, now, actor, {
    subjectType: 'emergency', subjectId: e.id, action: to ? 'emergency.bridge_set' : 'emergency.bridge_cleared',
    detail: { ticketId: e.ticketId, number: e.ticketNumber, from, to, source },
  });
}

/** WF-5: a new paged emergency starts with the template's bridge, when the workspace has one. */
export async function bridgeAtIntake(ctx: Ctx, tx: Tx, e: Emergency): Promise<void> {
  if (e.state !== 'open' || e.bridgeUrl) return;
  const url = initialBridgeUrl((await emergencyConfigOf(tx)).bridgeUrlTemplate, e.ticketNumber);
  if (!url) return;
  const now = ctx.clock.now();
  await updateEmergency(tx, e.id, now, { bridgeUrl: url });
  await recordBridge(tx, now, SYSTEM, e, null, url, 'template');
}

/** WF-5: the engineer sets, changes (url) or removes (null) the bridge; bad URLs are refused. */
export async function setBridge(ctx: Ctx, actor: Actor, ref: string, url: string | null, tx?: Tx): Promise<Emergency> {
  if (actor.role === 'customer') throw forbidden('emergency.staff_only', 'Only support staff work emergencies.');
  const next = url === null ? null : checkBridgeUrl(url);
  return withTx(ctx, tx, async (tx) => {
    const e = await loadByRef(tx, ref);
    if (e.bridgeUrl !== next) {
      const now = ctx.clock.now();
      await updateEmergency(tx, e.id, now, { bridgeUrl: next });
      await recordBridge(tx, now, actor, e, e.bridgeUrl, next, 'engineer');
      announce(ctx, tx, { type: 'emergency.updated', id: e.id, organizationId: e.organizationId });
    }
    return { ...e, bridgeUrl: next };
  });
}

async function loadByRef(tx: Tx, ref: string): Promise<Emergency> {
  const e = /^\d+$/.test(ref) ? await findEmergency(tx, { ticketNumber: Number(ref) }, true) : (await findEmergency(tx, { id: ref }, true)) ?? (await findEmergency(tx, { ticketId: ref }, true));
  if (!e) throw notFound('emergency.not_found', `No emergency ${ref}; list them with GET /api/v1/emergencies or \`hotline emergency list\`.`);
  return e;
}

export interface BridgeView { ticketId: string; ticketNumber: number; bridgeUrl: string | null; live: boolean }

/**
 * The bridge of a ticket's emergency as its viewer may see it. Customers reach only their own
 * tickets (others are "not found", as for the ticket itself) and see the link only while the
 * emergency is live: open, still urgent (the WF-5 close lowers it) and not solved.
 */
export async function bridgeOfTicket(ctx: Ctx, actor: Actor, ticketRef: string, tx?: Tx): Promise<BridgeView> {
  return withTx(ctx, tx, async (tx) => {
    const { ticket } = await getTicket(ctx, actor, ticketRef, tx);
    const t = ticket as { id: string; number: number; priority: string; status: string };
    const e = await findEmergency(tx, { ticketId: t.id });
    const live = !!e && e.state === 'open' && t.priority === 'urgent' && t.status !== 'solved' && t.status !== 'closed';
    const url = e?.bridgeUrl ?? null;
    return { ticketId: t.id, ticketNumber: t.number, bridgeUrl: actor.role === 'customer' && !live ? null : url, live: live && url !== null };
  });
}
