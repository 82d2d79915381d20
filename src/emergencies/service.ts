// Emergency intake and the reactions to ticket events (WF-1, WF-3, WF-5, WF-14, WF-16, PG-2).
// Hook handlers run inside the ticket's transaction: the emergency, its page, thread and timers
// commit or roll back with the ticket change that caused them.
import { SYSTEM, type Actor } from '../kernel/actor.ts';
import { isoUtc, instant } from '../kernel/time.ts';
import { announce, type Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';
import { listPages } from '../paging/index.ts';
import type { TicketEvent } from '../tickets/index.ts';
import { applyDecision } from './service-apply-decision.ts';
import { decideAfterPublicReply, decideBridgeClose, decideCustomerReply, decideSilenceFollowUp } from './customer-silence.ts';
import { mergeDecisions, type TimerKind } from './decision.ts';
import { decideHandoffUnaccepted } from './handoff.ts';
import { decideNewEmergency, routeEmergency } from './intake.ts';
import { canResolvePage } from './resolution.ts';
import { decideUsGovBusinessHoursStart } from './us-government-hours.ts';
import { groupedIntakeNeedsOnCall, NOBODY_ON_CALL, withoutPagesOf, withoutSilenceTimersForIncident } from './grouped.ts';
import { entitlementVerdict } from './entitlement.ts';
import { emergencyTicket, loadEmergencyTicket, onCallFor, organisationInput } from './service-context.ts';
import { emergencyConfigOf, emergencySettingsOf } from './service-settings.ts';
import { bridgeAtIntake } from './service-bridge.ts';
import { emergencyChanged } from './service-events.ts';
import { findEmergency, findTimer, insertEmergency, listEmergencies, setTimerState, updateEmergency, type Emergency } from './store.ts';

/** WF-1/WF-3/WF-14/WF-16: an urgent ticket becomes an emergency (paged or not, per entitlement). */
export async function onTicketCreated(e: TicketEvent, { ctx, tx }: { ctx: Ctx; tx: Tx }): Promise<Emergency | null> {
  if (e.ticket.priority !== 'urgent') return null;
  return openEmergency(ctx, tx, e.actor, e.ticket.id);
}

export async function openEmergency(ctx: Ctx, tx: Tx, actor: Actor, ticketId: string): Promise<Emergency> {
  const existing = await findEmergency(tx, { ticketId });
  if (existing) return existing;
  const now = ctx.clock.now();
  const { view } = await loadEmergencyTicket(tx, ticketId);
  const { config, plannedWork } = await emergencySettingsOf(tx);
  const org = await organisationInput(tx, view.orgId);
  const route = routeEmergency({ ticket: view, org }, now, config);
  // WF-10: an emergency of a widespread incident is grouped under the incident's one page.
  const incident = (await ctx.ports.incidentGrouping?.forIntake(ctx, tx, view, now)) ?? null;
  const ask = !incident || groupedIntakeNeedsOnCall(entitlementVerdict({ ticket: view, org }, now, config));
  const onCall = ask ? await onCallFor(ctx, tx, route.rotation, now) : NOBODY_ON_CALL;
  const open = incident ? [] : (await listEmergencies(tx, { states: ['open'] })).map((x) => ({ ticketId: x.ticketId, owner: x.driUserId }));
  const outcome = decideNewEmergency({ ticket: view, org, onCall, openEmergencies: open, plannedWork }, now, config);
  const grouped = incident && outcome.verdict.page ? incident : null;
  const owner = grouped ? null : outcome.plan && outcome.plan.kind !== 'manager' ? outcome.plan.engineer : outcome.plan?.manager ?? null;
  const em = await insertEmergency(tx, {
    ticketId: view.id, ticketNumber: view.number, organizationId: view.orgId, state: outcome.verdict.page ? 'open' : 'not_paged',
    driUserId: owner, pageId: null, rotation: route.rotation, channel: route.channel, route, entitlement: outcome.verdict,
    qualification: null, exceptionCriterion: null, category: null, guards: [], firstPublicReplyAt: null, customerRepliedAt: null,
    acknowledgedAt: null, callEndedAt: null, bridgeUrl: null, createdAt: isoUtc(now), resolvedAt: null,
  });
  // A public incident is answered on the status page, not on a call: grouped ones get no bridge.
  if (!grouped) await bridgeAtIntake(ctx, tx, em);
  const intake = grouped ? mergeDecisions(withoutPagesOf(outcome.decision, view.id), await grouped.join(em, view)) : outcome.decision;
  const decision = mergeDecisions(intake, { runbookTicks: [{ ticketId: view.id, item: 'entitlement_checked' }] });
  await applyDecision(ctx, tx, SYSTEM, decision, { cause: grouped ? 'emergency.intake_grouped' : 'emergency.intake', config });
  announce(ctx, tx, { type: 'emergency', id: em.id, organizationId: view.orgId ?? undefined });
  const opened = (await findEmergency(tx, { id: em.id }))!;
  await emergencyChanged(ctx, tx, opened, ['opened'], actor, now);
  return opened;
}

/** WF-5: the first public reply by a person arms the silence timers. */
export async function onPublicReplyByStaff(e: TicketEvent, { ctx, tx }: { ctx: Ctx; tx: Tx }): Promise<void> {
  const em = await findEmergency(tx, { ticketId: e.ticket.id });
  if (!em || em.state !== 'open' || e.actor.kind !== 'user') return;
  const now = ctx.clock.now();
  const first = !em.firstPublicReplyAt;
  if (first) await updateEmergency(tx, em.id, now, { firstPublicReplyAt: isoUtc(now) });
  const view = await emergencyTicket(tx, e.ticket);
  const config = await emergencyConfigOf(tx);
  const d = withoutSilenceTimersForIncident(decideAfterPublicReply({ ticket: view, isFirstPublicReply: first }, now, config), view, config);
  await applyDecision(ctx, tx, e.actor, d, { cause: 'emergency.public_reply', config });
}

/** WF-5: any customer reply stops the silence timers. */
export async function onCustomerReply(e: TicketEvent, { ctx, tx }: { ctx: Ctx; tx: Tx }): Promise<void> {
  const em = await findEmergency(tx, { ticketId: e.ticket.id });
  if (!em || em.state !== 'open') return;
  const now = ctx.clock.now();
  if (em.firstPublicReplyAt && !em.customerRepliedAt) await updateEmergency(tx, em.id, now, { customerRepliedAt: isoUtc(now) });
  const config = await emergencyConfigOf(tx);
  const d = decideCustomerReply({ ticket: await emergencyTicket(tx, e.ticket) }, now, config);
  await applyDecision(ctx, tx, e.actor, d, { cause: 'emergency.customer_reply', config });
}

/** PG-2: a page on an emergency ticket resolves only after a person replied publicly. */
export async function pageVeto(ctx: Ctx, page: { id: string; ticketId: string | null }, transition: { kind: string; subjectEnded?: unknown }, tx: Tx): Promise<null | { code: string; reason: string }> {
  if (transition.kind !== 'resolve') return null;
  // WF-9: the system ends an incident's page only once every related emergency is over (service-end-pages.ts).
  if (!page.ticketId && transition.subjectEnded) return null;
  // PG-2 for an incident's page: it stands for its related tickets, each needs its public reply.
  if (!page.ticketId) return (await ctx.ports.incidentGrouping?.pageVeto(tx, page.id)) ?? null;
  const em = await findEmergency(tx, { ticketId: page.ticketId });
  if (!em || em.state === 'not_paged') return null;
  // WF-9: an emergency that is over ends its pages even without a reply; the page's timeline says
  // it was not an engagement. Only the system asks (page.ts), and only once the emergency is over.
  if (transition.subjectEnded && em.state !== 'open') return null;
  const v = canResolvePage({ pageStatus: 'acknowledged', publicReplyCount: em.firstPublicReplyAt ? 1 : 0 });
  return v.ok ? null : { code: v.code, reason: v.reason };
}

export interface TimerJob {
  payload: { ticketId?: string | null; timer?: TimerKind; scheduledAt?: string; [k: string]: unknown };
  late: boolean;
  lateByMs: number;
  key?: string | null;
}

/** A timer came due: the matching rule decides, and a late firing is written on the thread. */
export async function fireTimer(ctx: Ctx, tx: Tx, kind: TimerKind, job: TimerJob): Promise<void> {
  const now = ctx.clock.now();
  const ticketId = job.payload.ticketId;
  if (!ticketId) return;
  const em = await findEmergency(tx, { ticketId }, true);
  const key = `ticket:${ticketId}:${kind}`;
  // A run claimed before its timer was re-armed or cancelled is stale: the current arming decides.
  const current = await findTimer(tx, key);
  if (current && (current.state !== 'pending' || (job.payload.scheduledAt && instant(current.dueAt).epochMilliseconds !== instant(job.payload.scheduledAt).epochMilliseconds))) return;
  // WF-5: after downtime both silence timers are due at once; the follow-up goes first and
  // re-arms the close, so a close that finds the follow-up still pending stands down.
  if (kind === 'silence-bridge-close' && (await findTimer(tx, `ticket:${ticketId}:silence-followup`))?.state === 'pending') return;
  await setTimerState(tx, key, 'fired', now);
  if (!em) return;
  const { view } = await loadEmergencyTicket(tx, ticketId);
  const config = await emergencyConfigOf(tx);
  const scheduledAt = job.payload.scheduledAt ? instant(job.payload.scheduledAt) : now;
  const silence = { ticket: view, scheduledAt, customerRepliedSinceFirstReply: !!em.customerRepliedAt, bridgeUrl: em.bridgeUrl, channel: em.channel };
  const late = job.late;
  const lateNote = late ? { threadPosts: [{ ticketId, channel: em.channel, mode: 'reply' as const, text: `Timer ${kind} fired late by ${Math.round(job.lateByMs / 60000)} min (due ${isoUtc(scheduledAt)}; the system was unavailable).` }] } : {};
  let d;
  switch (kind) {
    case 'silence-followup': d = decideSilenceFollowUp(silence, now, config); break;
    case 'silence-bridge-close': d = decideBridgeClose(silence, now, config); break;
    case 'usgov-business-hours': d = decideUsGovBusinessHoursStart({ ticket: view, onCall: await onCallFor(ctx, tx, em.rotation, now) }, now, config); break;
    case 'handoff-unaccepted': {
      const manager = (await onCallFor(ctx, tx, em.rotation, now)).manager;
      d = decideHandoffUnaccepted({ ticket: view, offeredTo: String(job.payload.offeredTo ?? ''), manager }, now, config);
      break;
    }
    default: d = mergeDecisions(); // reminders are armed and fired by the schedules capability (SCH-10)
  }
  await applyDecision(ctx, tx, SYSTEM, mergeDecisions(d, lateNote), { cause: `emergency.timer.${kind}`, late, config });
}

/** Open pages of this emergency, for the board and the show view. */
export async function pagesOf(ctx: Ctx, tx: Tx, ticketId: string) {
  // Every page of the ticket, resolved ones too: the emergency shows its whole paging history.
  return listPages(ctx, SYSTEM, { ticketId, status: 'any', limit: 200 }, tx);
}
