// SM-8 use cases: a customer (or staff on their behalf) files an upgrade-assistance request, which
// opens a ticket; a request outside the support hours or with too little notice is flagged, and the
// manager on call at that instant is told (with an internal note on the ticket saying why). A
// manager reassigns it to an engineer or proposes a new time; the requester reads either as a public
// reply on their ticket. Every step is on the ticket's timeline.
import { SYSTEM, isManagerOrAdmin, isStaff, type Actor } from '../kernel/actor.ts';
import { forbidden, invalid, notFound } from '../kernel/errors.ts';
import { isoUtc, Temporal } from '../kernel/time.ts';
import { notifyConfig, notifyPeople } from '../notify/index.ts';
import { findOrganization, findUser, type User } from '../people/index.ts';
import { announce, withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { addComment, createTicket, loadTicketSettings, type BusinessCalendar } from '../tickets/index.ts';
import { managerOnCallAt, settingsOf } from './service-load.ts';
import { findUpgrade, insertUpgrade, nextUpgradeNumber, updateUpgrade, type UpgradeRow } from './store.ts';
import {
  checkScope, checkUpgradeTiming, durationText, flaggedText, parseRequestedStart, reassignedReply, requestDescription, rescheduledReply, upgradeFlags, wallClock,
  type UpgradeFlag, type UpgradeSettings,
} from './upgrade.ts';

export interface UpgradeInput {
  /** ISO-8601 with an offset or zone: `2026-12-10T09:00:00-08:00[America/Los_Angeles]`. */
  start: string;
  durationMinutes: number;
  scope: string;
  /** The ticket form (product); the portal's default when absent. */
  form?: string;
  subject?: string;
  note?: string;
  /** Staff filing for a customer name the requester; a customer files for themselves. */
  requesterEmail?: string;
}

export const upgradeUrl = (ctx: Ctx, n: number) => `${notifyConfig(ctx).publicUrl}/upgrades?request=${n}`;
const notFoundErr = (ref: string) => notFound('upgrade.not_found', `No upgrade-assistance request ${ref}; list them with GET /api/v1/upgrade-requests or \`hotline upgrade list\`.`, { request: ref });

/** The calendar of support hours: the one the settings name, else the first SLA policy's (TK-7). */
export async function supportCalendar(tx: Tx, s: UpgradeSettings): Promise<BusinessCalendar> {
  const { sla } = await loadTicketSettings(tx);
  const id = s.supportHours ?? sla.policies[0]?.calendarId ?? '24x7';
  return sla.calendars.find((c) => c.id === id) ?? sla.calendars.find((c) => c.id === '24x7') ?? sla.calendars[0];
}

/** A request as its viewer may see it: customers only their organisation's, and never the flags or who was told. */
export async function loadUpgradeFor(tx: Tx, actor: Actor, ref: string, forUpdate = false): Promise<UpgradeRow> {
  const u = await findUpgrade(tx, String(ref), forUpdate);
  if (!u) throw notFoundErr(String(ref));
  if (!isStaff(actor)) {
    const own = u.requesterId === actor.userId || (actor.organizationId !== null && u.organizationId === actor.organizationId);
    if (!own) throw notFoundErr(String(ref));
  }
  return u;
}

async function onTicket(ctx: Ctx, tx: Tx, actor: Actor, u: UpgradeRow, action: string, detail: Record<string, unknown>, now: Temporal.Instant): Promise<void> {
  await recordTimeline(tx, now, actor, { subjectType: 'ticket', subjectId: u.ticketId, action: `upgrade.${action}`, detail: { number: u.number, ...detail } });
  announce(ctx, tx, { type: 'upgrade_request', id: u.id, organizationId: u.organizationId });
}

/** SM-8: file the request: a ticket, the request, its flags, and the manager on call told of a flagged one. */
export async function requestUpgradeAssistance(ctx: Ctx, actor: Actor, input: UpgradeInput, tx?: Tx): Promise<UpgradeRow> {
  const { at, zone } = parseRequestedStart(input.start);
  const scope = checkScope(input.scope ?? '');
  const now = ctx.clock.now();
  checkUpgradeTiming(at, input.durationMinutes, now);
  if (isStaff(actor) && !input.requesterEmail) throw invalid('upgrade.no_requester', 'Say which customer asks: requesterEmail (customers file their own from the portal).');
  return withTx(ctx, tx, async (tx) => {
    const settings = (await settingsOf(tx)).upgrade;
    const flags = upgradeFlags(at, input.durationMinutes, now, settings, await supportCalendar(tx, settings));
    const words = { start: wallClock(at, zone), duration: durationText(input.durationMinutes), scope };
    const { ticket } = await createTicket(ctx, actor, {
      subject: input.subject?.trim() || `Upgrade assistance: ${scope.split('\n')[0].slice(0, 120)}`,
      description: requestDescription(words, input.note?.trim() ?? ''),
      form: input.form ?? 'self_managed', priority: 'normal',
      ...(isStaff(actor) ? { requesterEmail: input.requesterEmail } : {}),
    }, tx);
    const manager = flags.length ? await managerOnCallAt(ctx, tx, now) : null;
    const u = await insertUpgrade(tx, {
      number: await nextUpgradeNumber(tx), ticketId: ticket.id, ticketNumber: ticket.number, organizationId: ticket.organizationId, requesterId: ticket.requesterId,
      start: isoUtc(at), durationMinutes: input.durationMinutes, zone, scope, flags, managerId: manager?.id ?? null, createdAt: isoUtc(now),
    });
    await onTicket(ctx, tx, actor, u, 'requested', { start: u.start, durationMinutes: u.durationMinutes, zone, scope }, now);
    if (flags.length) await flag(ctx, tx, u, flags, manager, now);
    return u;
  });
}

/** SM-8: why it is flagged goes on the ticket (internal) and to the manager on call at this instant. */
async function flag(ctx: Ctx, tx: Tx, u: UpgradeRow, flags: UpgradeFlag[], manager: User | null, now: Temporal.Instant): Promise<void> {
  const requester = await findUser(tx, { id: u.requesterId });
  const org = u.organizationId ? await findOrganization(tx, { id: u.organizationId }) : undefined;
  const text = flaggedText({
    number: u.number, ticketNumber: u.ticketNumber, scope: u.scope, start: wallClock(Temporal.Instant.from(u.start), u.zone), duration: durationText(u.durationMinutes),
    requester: requester?.name ?? 'a customer', organisation: org?.name ?? null, url: upgradeUrl(ctx, u.number),
  }, flags);
  await addComment(ctx, SYSTEM, u.ticketId, { body: text, isPublic: false }, tx);
  if (manager) await notifyPeople(tx, now, [manager.id], { key: `upgrade:${u.id}:flagged`, subject: `[Hotline] Upgrade request #${u.number} needs a manager: ${flags.map((f) => f.code.replace('_', ' ')).join(', ')}`, text, threadKey: `upgrade:${u.id}` });
  await onTicket(ctx, tx, SYSTEM, u, 'flagged', { flags, manager: manager?.email ?? null }, now);
}

const managerOnly = (a: Actor): void => {
  if (!isManagerOrAdmin(a)) throw forbidden('upgrade.managers_only', 'Only a support manager reassigns or reschedules an upgrade-assistance request; ask the manager on call.');
};

/** SM-8: another engineer takes the session; the ticket is theirs, they are told, and so is the requester. */
export async function reassignUpgrade(ctx: Ctx, actor: Actor, ref: string, input: { engineer: string; note?: string }, tx?: Tx): Promise<UpgradeRow> {
  managerOnly(actor);
  return withTx(ctx, tx, async (tx) => {
    const u = await loadUpgradeFor(tx, actor, ref, true);
    const who = input.engineer.trim().toLowerCase();
    const eng = who.includes('@') ? await findUser(tx, { email: who }) : await findUser(tx, { id: input.engineer.trim() });
    if (!eng || !eng.active || eng.role === 'customer') throw notFound('upgrade.unknown_engineer', `No active staff member "${input.engineer}"; name the engineer by e-mail.`, { engineer: input.engineer });
    if (eng.id === u.assigneeId) throw invalid('upgrade.same_engineer', `${eng.name} already has this session; name someone else.`, { engineer: eng.email });
    const now = ctx.clock.now();
    const start = wallClock(Temporal.Instant.from(u.start), u.zone);
    await addComment(ctx, actor, u.ticketId, { body: reassignedReply(eng.name, start, input.note?.trim() ?? ''), isPublic: true, changes: { assigneeId: eng.id } }, tx);
    await updateUpgrade(tx, u.id, now, { state: 'reassigned', assigneeId: eng.id });
    await notifyPeople(tx, now, [eng.id], { key: `upgrade:${u.id}:assigned:${eng.id}:${u.version}`, subject: `[Hotline] Upgrade assistance #${u.number} is yours: ${start}`, text: `${actor.name} gave you the upgrade-assistance session on ${start} (${durationText(u.durationMinutes)}), ticket #${u.ticketNumber}.\nScope: ${u.scope}\n${upgradeUrl(ctx, u.number)}`, threadKey: `upgrade:${u.id}` });
    const after = (await findUpgrade(tx, u.id))!;
    await onTicket(ctx, tx, actor, after, 'reassigned', { from: u.assigneeId, to: eng.email, note: input.note ?? null }, now);
    return after;
  });
}

/** SM-8: the manager proposes a new time; the requester is told in their ticket, in their own zone. */
export async function rescheduleUpgrade(ctx: Ctx, actor: Actor, ref: string, input: { start: string; durationMinutes?: number; note?: string }, tx?: Tx): Promise<UpgradeRow> {
  managerOnly(actor);
  const { at } = parseRequestedStart(input.start);
  return withTx(ctx, tx, async (tx) => {
    const u = await loadUpgradeFor(tx, actor, ref, true);
    const now = ctx.clock.now();
    const duration = input.durationMinutes ?? u.durationMinutes;
    checkUpgradeTiming(at, duration, now);
    if (at.epochMilliseconds === Date.parse(u.start) && duration === u.durationMinutes) throw invalid('upgrade.same_time', 'That is the time already asked for; propose a different one.', { start: u.start });
    const settings = (await settingsOf(tx)).upgrade;
    // the proposal is checked too: a manager may knowingly propose hours outside, and the list says so
    const flags = upgradeFlags(at, duration, now, settings, await supportCalendar(tx, settings));
    const from = wallClock(Temporal.Instant.from(u.start), u.zone);
    const to = wallClock(at, u.zone);
    await addComment(ctx, actor, u.ticketId, { body: rescheduledReply(from, to, durationText(duration), input.note?.trim() ?? ''), isPublic: true }, tx);
    await updateUpgrade(tx, u.id, now, { state: 'rescheduled', start: isoUtc(at), durationMinutes: duration, flags });
    const after = (await findUpgrade(tx, u.id))!;
    await onTicket(ctx, tx, actor, after, 'rescheduled', { from: u.start, to: after.start, durationMinutes: duration, flags, note: input.note ?? null }, now);
    return after;
  });
}
