// SM-6 actions of the support manager on an emergency: page more staff, replace the on-call
// engineer (the new owner is paged, the old one told), take the lead of the call. Each is one
// transaction: the change, a note on the emergency's thread, an entry on its timeline, and the
// live update; a change that makes no sense is refused with a 4xx before anything is written.
import { addThreadEntry, queueMirror } from '../conversations/index.ts';
import { emergencyConfigOf, loadEmergencyTicket, managerScheduleFor, managerTier, pageTitle, PAGING_SERVICE, updateEmergency, type Emergency } from '../emergencies/index.ts';
import { conflict } from '../kernel/errors.ts';
import type { Actor } from '../kernel/actor.ts';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import { notifyPeople } from '../notify/index.ts';
import { reassignPage, triggerPage } from '../paging/index.ts';
import { findUser, type User } from '../people/index.ts';
import { announce, withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { updateTicket } from '../tickets/index.ts';
import { checkNamedStaff, checkOpen, checkReplacement, checkTakeLead } from './manager-duty.ts';
import { loadEmergency, managerEmergency, managersOnly, ticketPages } from './service-manager-view.ts';
import { findLeads, setLead } from './store.ts';

export async function personNamed(tx: Tx, ref: string): Promise<User> {
  const r = ref.trim();
  const u = r.includes('@') ? await findUser(tx, { email: r.toLowerCase() }) : await findUser(tx, { id: r });
  checkNamedStaff(r, u ? { email: u.email, role: u.role, kind: u.kind, active: u.active } : null);
  return u!;
}

async function me(tx: Tx, actor: Actor): Promise<User | null> {
  return actor.userId ? ((await findUser(tx, { id: actor.userId })) ?? null) : null;
}

/** The note on the emergency's thread (mirrored to chat when configured) and the entry on its timeline. */
export async function record(ctx: Ctx, tx: Tx, actor: Actor, e: Emergency, p: { action: string; text: string; mentions?: string[]; detail: Record<string, unknown> }, now: Temporal.Instant): Promise<void> {
  await addThreadEntry(tx, e.id, { ticketId: e.ticketId, channel: e.channel, kind: 'notice', author: null, text: p.text, mentions: p.mentions ?? [], late: false }, now);
  await queueMirror(ctx, tx, e.ticketId, now);
  await recordTimeline(tx, now, actor, { subjectType: 'emergency', subjectId: e.id, action: `manager.${p.action}`, detail: { ticketNumber: e.ticketNumber, ...p.detail } });
  announce(ctx, tx, { type: 'emergency.updated', id: e.id, organizationId: e.organizationId });
}

/**
 * A person a manager pages by name may be asleep: left unacknowledged, their page comes back to
 * the manager's tier of the emergency's policy and goes on from there, as the emergency's own
 * page would (SM-5). Nothing when the emergency follows no policy.
 */
async function unansweredGoesToManager(ctx: Ctx, tx: Tx, e: Emergency): Promise<{ escalateFrom?: { policyId: string; level: number } }> {
  const managerSchedule = managerScheduleFor(e.rotation, await emergencyConfigOf(tx));
  const tier = await managerTier(ctx, tx, { serviceId: PAGING_SERVICE.id, rotation: e.rotation, managerSchedule });
  return tier ? { escalateFrom: { policyId: tier.policyId, level: Math.max(0, tier.level - 1) } } : {};
}

async function act<T>(ctx: Ctx, actor: Actor, ref: string, run: (x: { tx: Tx; e: Emergency; now: Temporal.Instant; by: User | null; byName: string }) => Promise<T>, tx?: Tx) {
  managersOnly(actor);
  return withTx(ctx, tx, async (tx) => {
    const e = await loadEmergency(tx, ref);
    checkOpen(e);
    const by = await me(tx, actor);
    const result = await run({ tx, e, now: ctx.clock.now(), by, byName: by?.email ?? actor.name });
    return { result, emergency: await managerEmergency(ctx, actor, e.id, tx) };
  });
}

/** SM-6: page one more person for the emergency (from the skills suggestions, or anyone on staff). */
export const pageStaff = (ctx: Ctx, actor: Actor, ref: string, input: { person: string; reason?: string | null }, tx?: Tx) =>
  act(ctx, actor, ref, async ({ tx, e, now, byName }) => {
    const person = await personNamed(tx, input.person);
    const pages = await ticketPages(ctx, tx, e.ticketId);
    if (pages.some((p) => p.status === 'triggered' && p.targetUserIds.includes(person.id))) {
      throw conflict('manager.already_paged', `A page for emergency ticket ${e.ticketNumber} already waits on ${person.email}.`, { person: person.email });
    }
    const { view } = await loadEmergencyTicket(tx, e.ticketId);
    const reason = input.reason?.trim() || null;
    // Named people are checked by paging (PG-3: a backup-pool volunteer is paged only by a manager).
    const { page } = await triggerPage(ctx, actor, {
      serviceId: PAGING_SERVICE.id, title: pageTitle(view), ticketId: e.ticketId, targetUserIds: [person.id], source: 'manager', details: { reason: `SM-6: paged by ${byName}${reason ? `: ${reason}` : ''}` },
      ...(await unansweredGoesToManager(ctx, tx, e)),
    }, tx);
    await record(ctx, tx, actor, e, {
      action: 'staff_paged', mentions: [person.email],
      text: `${byName} paged ${person.name} (${person.email}) to help with emergency ticket ${e.ticketNumber}${reason ? `: ${reason}` : '.'}`,
      detail: { person: person.email, pageId: page.id, pageNumber: page.number, reason },
    }, now);
    return { pageId: page.id, pageNumber: page.number };
  }, tx);

/**
 * SM-6: replace the on-call engineer. The ticket and the emergency get the new owner, who is paged
 * (the emergency's own page if it still waits, else a new page to them); the old owner is told.
 */
export const replaceEngineer = (ctx: Ctx, actor: Actor, ref: string, input: { engineer: string; reason?: string | null }, tx?: Tx) =>
  act(ctx, actor, ref, async ({ tx, e, now, byName }) => {
    const next = await personNamed(tx, input.engineer);
    const { view } = await loadEmergencyTicket(tx, e.ticketId);
    const previous = view.assignee ?? e.driUserId;
    checkReplacement({ ticketNumber: e.ticketNumber, owner: previous }, next.email);
    const reason = input.reason?.trim() || null;
    await updateTicket(ctx, actor, e.ticketId, { changes: { assigneeId: next.id } }, tx);
    await updateEmergency(tx, e.id, now, { driUserId: next.email });
    const own = (await ticketPages(ctx, tx, e.ticketId)).find((p) => p.id === e.pageId);
    const page = own?.status === 'triggered'
      ? await reassignPage(ctx, actor, own.id, [next.id], tx)
      : (await triggerPage(ctx, actor, { serviceId: PAGING_SERVICE.id, title: pageTitle(view), ticketId: e.ticketId, targetUserIds: [next.id], source: 'manager', details: { reason: `SM-6: ${byName} made ${next.email} the owner` }, ...(await unansweredGoesToManager(ctx, tx, e)) }, tx)).page;
    const old = previous ? await findUser(tx, { email: previous }) : undefined;
    if (old && old.id !== next.id) {
      await notifyPeople(tx, now, [old.id], {
        key: `emergency:${e.id}:replaced:${isoUtc(now)}`,
        subject: `Emergency ticket ${e.ticketNumber}: ${next.name} takes over from you`,
        text: `${byName} made ${next.name} (${next.email}) the owner of emergency ticket ${e.ticketNumber} (${view.subject ?? ''}) in your place${reason ? `: ${reason}` : '.'} Leave what you know in the emergency's thread; you need not do anything else.`,
      });
    }
    await record(ctx, tx, actor, e, {
      action: 'engineer_replaced', mentions: [next.email, ...(previous ? [previous] : [])],
      text: `${byName} replaced ${previous ?? 'nobody'} with ${next.name} (${next.email}) as owner of emergency ticket ${e.ticketNumber}${reason ? `: ${reason}` : '.'} ${next.name} is paged${old ? `; ${previous} is told` : ''}.`,
      detail: { from: previous, to: next.email, pageId: page.id, pageNumber: page.number, reason, told: old ? [old.email] : [] },
    }, now);
    return { pageId: page.id, pageNumber: page.number, from: previous, to: next.email };
  }, tx);

/** SM-6: the manager takes the call — they lead it from now on (until they hand it over). */
export const takeLead = (ctx: Ctx, actor: Actor, ref: string, tx?: Tx) =>
  act(ctx, actor, ref, async ({ tx, e, now, by, byName }) => {
    if (!by) throw conflict('manager.lead_needs_person', 'A call is led by a person; sign in as the manager who takes it.');
    const before = (await findLeads(tx, [e.id])).get(e.id);
    const previous = before ? ((await findUser(tx, { id: before.leadUserId }))?.email ?? null) : null;
    checkTakeLead({ ticketNumber: e.ticketNumber, lead: previous }, by.email);
    await setLead(tx, e.id, by.id, now);
    await record(ctx, tx, actor, e, {
      action: 'lead_taken', text: `${by.name} (${byName}) leads the call for emergency ticket ${e.ticketNumber}${previous ? `, taking over from ${previous}` : ''}.`,
      detail: { lead: by.email, previous },
    }, now);
    return { lead: by.email, previous };
  }, tx);
