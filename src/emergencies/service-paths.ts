// The engineer's path actions of particular emergencies: SaaS categories and two-way-door actions
// (WF-11), the licence paths — weekday licensing team, weekend grace or request, trial extension
// only after the customer's written confirmation, unblocked (WF-12) — and "might become an
// emergency" on a ticket that is not one yet (WF-7). Each runs its pure rule and applies the
// Decision in one transaction.
import type { Actor } from '../kernel/actor.ts';
import { forbidden, invalid, notFound } from '../kernel/errors.ts';
import { assertMayPageNamed } from '../paging/index.ts';
import { findUser } from '../people/index.ts';
import { announce, withTx, type Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';
import { getTicket } from '../tickets/index.ts';
import { applyDecision } from './service-apply-decision.ts';
import { decideMightBecomeEmergency, isBusy } from './concurrency.ts';
import type { SaasCategory } from './config.ts';
import { decideManualEmergency, decidePageEngineer } from './manual-trigger.ts';
import { decideLicenceEmergency, decideLicenceUnblocked, decideTrialExtension } from './licence.ts';
import { decideSaasCategory, decideTwoWayDoorAction } from './saas-category.ts';
import { act, emailOf } from './service-actions.ts';
import { openEmergency } from './service.ts';
import { loadEmergencyTicket, onCallFor, organisationInput } from './service-context.ts';
import { emergencyConfigOf } from './service-settings.ts';
import { listEmergencies } from './store.ts';


/** WF-11: the SaaS category and its next steps (customer data also pages the manager on call). */
export const setSaasCategory = (ctx: Ctx, actor: Actor, ref: string, input: { category: SaasCategory }, tx?: Tx) =>
  act(ctx, actor, ref, 'emergency.saas_category', async ({ tx, e, view, config }) =>
    decideSaasCategory({ ticket: view, category: input.category, onCall: await onCallFor(ctx, tx, e.rotation, ctx.clock.now()) }, ctx.clock.now(), config), tx);

/** WF-11: a reversible action taken to unblock a SaaS customer, recorded on the ticket. */
export const recordTwoWayDoor = (ctx: Ctx, actor: Actor, ref: string, input: { action: string; detail: string }, tx?: Tx) =>
  act(ctx, actor, ref, 'emergency.two_way_door', async ({ e, view, me, config }) =>
    decideTwoWayDoorAction({ ticket: view, deployment: e.route.dedicated ? 'dedicated' : view.form === 'saas' ? 'saas' : 'self-managed', action: input.action, detail: input.detail, by: me }, ctx.clock.now(), config), tx);

/** WF-12: apply the licence path that holds now (weekday licensing team; weekend grace, request or trial). */
export const applyLicencePath = (ctx: Ctx, actor: Actor, ref: string, input: { namespaceDowngradedToFree?: boolean }, tx?: Tx) =>
  act(ctx, actor, ref, 'emergency.licence_path', async ({ tx, e, view, config }) => {
    const org = await organisationInput(tx, view.orgId);
    if (!org) throw invalid('licence.no_organisation', 'A licence emergency needs the customer organisation on the ticket; set it first.');
    const onCall = await onCallFor(ctx, tx, e.rotation, ctx.clock.now());
    return decideLicenceEmergency({ ticket: view, org, onCall, ...(input.namespaceDowngradedToFree !== undefined ? { namespaceDowngradedToFree: input.namespaceDowngradedToFree } : {}) }, ctx.clock.now(), config).decision;
  }, tx);

/** WF-12: extend a SaaS trial over the weekend — refused until the requester confirmed in writing. */
export const extendTrial = (ctx: Ctx, actor: Actor, ref: string, input: { namespace: string; plan?: string | null; confirmationCommentId?: string | null }, tx?: Tx) =>
  act(ctx, actor, ref, 'emergency.trial_extension', async ({ tx, view, config }) => {
    let confirmation = null;
    if (input.confirmationCommentId) {
      const c = (await getTicket(ctx, actor, view.id, tx)).comments.find((x) => x.id === input.confirmationCommentId);
      const author = c?.authorId ? await findUser(tx, { id: c.authorId }) : undefined;
      if (c && c.isPublic && author) confirmation = { commentId: c.id, from: author.email };
    }
    return decideTrialExtension({ ticket: view, namespace: input.namespace, plan: input.plan ?? null, writtenConfirmation: confirmation }, ctx.clock.now(), config);
  }, tx);

/** WF-12: the customer is unblocked — the emergency closes and the licensing team follows up. */
export const licenceUnblocked = (ctx: Ctx, actor: Actor, ref: string, tx?: Tx) =>
  act(ctx, actor, ref, 'emergency.licence_unblocked', async ({ tx, view, config }) =>
    decideLicenceUnblocked({ ticket: view, orgName: (await organisationInput(tx, view.orgId))?.name ?? 'the customer' }, ctx.clock.now(), config), tx);

/** WF-7: a ticket that is not an emergency yet but could become one is worked now as high priority. */
export async function mightBecomeEmergency(ctx: Ctx, actor: Actor, ticketRef: string, tx?: Tx) {
  if (actor.role === 'customer') throw forbidden('emergency.staff_only', 'Only support staff work emergencies.');
  return withTx(ctx, tx, async (tx) => {
    const now = ctx.clock.now();
    const ticketId = String((await getTicket(ctx, actor, ticketRef, tx)).ticket.id);
    const { view } = await loadEmergencyTicket(tx, ticketId);
    const config = await emergencyConfigOf(tx);
    const onCall = await onCallFor(ctx, tx, config.rotations.global, now);
    const engineer = onCall.dri ?? onCall.engineers[0] ?? (await emailOf(tx, actor));
    const open = (await listEmergencies(tx, { states: ['open'] })).map((e) => ({ ticketId: e.ticketId, owner: e.driUserId }));
    const d = decideMightBecomeEmergency({ ticket: view, onCall, engineer, engineerBusy: isBusy(engineer, open, ticketId) }, now, config);
    const applied = await applyDecision(ctx, tx, actor, d, { cause: 'emergency.might_become', config });
    announce(ctx, tx, { type: 'ticket.updated', id: ticketId, organizationId: view.orgId ?? undefined });
    return { ticketId, notices: applied.notices };
  });
}

const asManager = (a: Actor): 'manager' | 'engineer' => (a.role === 'manager' || a.role === 'admin' ? 'manager' : 'engineer');

/** PG-5: a manager turns an existing ticket into an emergency; it then goes through intake (WF-1). */
export async function triggerEmergency(ctx: Ctx, actor: Actor, ticketRef: string, input: { reason: string }, tx?: Tx) {
  return withTx(ctx, tx, async (tx) => {
    const ticketId = String((await getTicket(ctx, actor, ticketRef, tx)).ticket.id);
    const { view } = await loadEmergencyTicket(tx, ticketId);
    const config = await emergencyConfigOf(tx);
    const d = decideManualEmergency({ ticket: view, actor: { email: await emailOf(tx, actor), role: asManager(actor) }, reason: input.reason }, ctx.clock.now(), config);
    await applyDecision(ctx, tx, actor, d, { cause: 'emergency.manual_trigger', config });
    const e = await openEmergency(ctx, tx, actor, ticketId);
    return { emergencyId: e.id, ticketNumber: e.ticketNumber, state: e.state };
  });
}

/**
 * PG-5 from a macro: "Trigger manual emergency" sets the ticket urgent and signals `page_oncall`;
 * only a manager may, and the emergency opens in the macro's transaction.
 */
export async function onPageOncallSignal(ctx: Ctx, tx: Tx, actor: Actor, ticketId: string): Promise<void> {
  if (actor.role !== 'system' && asManager(actor) !== 'manager') {
    throw forbidden('emergency.manual_trigger_manager_only', 'Only a support manager can turn a ticket into an emergency; use the escalation form instead.');
  }
  await openEmergency(ctx, tx, actor, ticketId);
}

/** PG-5: page one named on-call engineer directly (unreachable in chat). */
export const pageEngineer = (ctx: Ctx, actor: Actor, ref: string, input: { engineer: string }, tx?: Tx) =>
  act(ctx, actor, ref, 'emergency.engineer_paged', async ({ tx, view, me, config }) => {
    const u = await findUser(tx, { email: input.engineer });
    if (!u || u.role === 'customer') throw notFound('emergency.unknown_engineer', `No engineer ${input.engineer}; name them by e-mail.`);
    await assertMayPageNamed(tx, actor, [u.id]); // PG-3: a backup-pool volunteer only by a manager
    return decidePageEngineer({ ticket: view, engineer: u.email, by: me }, ctx.clock.now(), config);
  }, tx);
