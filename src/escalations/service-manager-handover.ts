// SM-6, like SCH-10 for engineers: at the end of a manager's shift the open emergencies they lead or
// whose pages still wait on them go to the next manager on call (overrides and swaps honoured) —
// inside the managers' rotation's hand-off job, so a crash either hands everything over or nothing
// and the job runs again (late, and says so). Each emergency gets a hand-over note on its thread and
// timeline, pages waiting on the outgoing manager wait on the next one, and the next manager is told
// (in the hand-off message, or directly when a manager hands over by hand).
import { emergencyConfigOf, listEmergencies, managerScheduleFor, type Emergency } from '../emergencies/index.ts';
import { SYSTEM, type Actor } from '../kernel/actor.ts';
import { conflict } from '../kernel/errors.ts';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import { notifyPeople } from '../notify/index.ts';
import { reassignPage, resolveTarget } from '../paging/index.ts';
import { findUser, findUsers, type User } from '../people/index.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import { whoIsOnCall, type OpenItem, type ShiftChangeEvent } from '../schedules/index.ts';
import type { Tx } from '../store/tx.ts';
import { checkHandOverTo, handOverNote, handOverSet, type HandOverCandidate } from './manager-duty.ts';
import { personNamed, record } from './service-manager-act.ts';
import { managersOnly, ticketPages } from './service-manager-view.ts';
import { findLeads, setLead } from './store.ts';

export interface HandedOver {
  ticketNumber: number;
  emergencyId: string;
  pagesMoved: number[];
}

async function candidates(ctx: Ctx, tx: Tx, open: readonly Emergency[]): Promise<(HandOverCandidate & { e: Emergency; waitingIds: Map<string, string[]> })[]> {
  const leads = await findLeads(tx, open.map((e) => e.id));
  const out = [];
  for (const e of open) {
    const waiting = (await ticketPages(ctx, tx, e.ticketId)).filter((p) => p.status === 'triggered');
    const ids = [...new Set([...waiting.flatMap((p) => p.targetUserIds), ...(leads.has(e.id) ? [leads.get(e.id)!.leadUserId] : [])])];
    const users = ids.length ? await findUsers(tx, { ids }) : [];
    const email = (id: string) => users.find((u) => u.id === id)?.email ?? id;
    const lead = leads.get(e.id);
    out.push({
      emergencyId: e.id, ticketNumber: e.ticketNumber, lead: lead ? email(lead.leadUserId) : null,
      waitingOn: [...new Set(waiting.flatMap((p) => p.targetUserIds.map(email)))], e,
      waitingIds: new Map(waiting.map((p) => [p.id, p.targetUserIds])),
    });
  }
  return out;
}

/** Moves `from`'s emergencies (of `open`) to `to`: lead, waiting pages, note on each thread and timeline. */
export async function handOver(ctx: Ctx, tx: Tx, actor: Actor, open: readonly Emergency[], from: User, to: User, o: { atShiftChange: boolean; late?: boolean; note?: string | null }, now: Temporal.Instant): Promise<HandedOver[]> {
  const done: HandedOver[] = [];
  for (const c of handOverSet(await candidates(ctx, tx, open), from.email) as Awaited<ReturnType<typeof candidates>>) {
    await setLead(tx, c.emergencyId, to.id, now);
    const moved: number[] = [];
    for (const [pageId, targets] of c.waitingIds) {
      if (!targets.includes(from.id)) continue;
      const page = await reassignPage(ctx, actor, pageId, [...new Set(targets.map((t) => (t === from.id ? to.id : t)))], tx);
      moved.push(page.number);
    }
    const text = handOverNote({ from: from.email, to: to.email, ticketNumber: c.ticketNumber, atShiftChange: o.atShiftChange, late: o.late, note: o.note });
    await record(ctx, tx, actor, c.e, { action: 'handed_over', text, mentions: [to.email], detail: { from: from.email, to: to.email, atShiftChange: o.atShiftChange, late: !!o.late, note: o.note ?? null, pagesMoved: moved } }, now);
    done.push({ ticketNumber: c.ticketNumber, emergencyId: c.emergencyId, pagesMoved: moved });
  }
  return done;
}

/** The emergencies a managers' schedule answers for (the US-government managers have their own). */
async function openFor(tx: Tx, scheduleId: string | null): Promise<Emergency[]> {
  const config = await emergencyConfigOf(tx);
  const open = await listEmergencies(tx, { states: ['open'] });
  return scheduleId ? open.filter((e) => managerScheduleFor(e.rotation, config) === scheduleId) : open;
}

async function managerSchedules(tx: Tx): Promise<string[]> {
  const r = (await emergencyConfigOf(tx)).rotations;
  return [...new Set([r.managers, ...(r.usGovernmentManagers ? [r.usGovernmentManagers] : [])])];
}

/** 'shift.changed' (SM-6): a managers' schedule changed hands — the outgoing managers' emergencies go to the one now on call. */
export async function onManagersShiftChanged(ctx: Ctx, e: ShiftChangeEvent): Promise<OpenItem[]> {
  if (!e.outgoing.length || !(await managerSchedules(e.tx)).includes(e.scheduleId)) return [];
  // Who is on call is read when the job runs, not when it was armed: an override made since counts.
  const ids = await resolveTarget(ctx, e.tx, { type: 'schedule', id: e.scheduleId }, e.at);
  const next = ids.length ? await findUser(e.tx, { id: ids[0] }) : undefined;
  const items: OpenItem[] = [];
  const open = await openFor(e.tx, e.scheduleId);
  for (const email of e.outgoing) {
    const from = await findUser(e.tx, { email });
    if (!from || !next || next.id === from.id) continue;
    for (const h of await handOver(ctx, e.tx, SYSTEM, open, from, next, { atShiftChange: true, late: e.late }, e.now)) {
      items.push({ text: `Emergency ticket #${h.ticketNumber}: you lead it now (handed over from ${from.email}${h.pagesMoved.length ? `; page ${h.pagesMoved.join(', ')} waits on you` : ''})`, owner: from.email, to: next.email });
    }
  }
  return items;
}

/**
 * The manager after `me` on the managers' rotation: whoever is on call now if that is someone else
 * (an override took over), else whoever is on when my current piece of the schedule ends.
 */
async function nextManager(ctx: Ctx, tx: Tx, me: User, now: Temporal.Instant): Promise<User | null> {
  const schedule = (await emergencyConfigOf(tx)).rotations.managers;
  const at = async (t: Temporal.Instant) => {
    const ids = await resolveTarget(ctx, tx, { type: 'schedule', id: schedule }, t);
    return ids.length ? ((await findUser(tx, { id: ids[0] })) ?? null) : null;
  };
  const current = await at(now);
  if (current && current.id !== me.id) return current;
  const mine = (await whoIsOnCall(ctx, { at: now }, tx)).schedules.find((s) => s.scheduleId === schedule)?.entries.filter((x) => x.user === me.email || x.user === me.id) ?? [];
  const end = mine.map((x) => x.end).sort((a, b) => a.epochMilliseconds - b.epochMilliseconds)[0];
  return end ? at(end) : null;
}

/** SM-6 "hand over now": the signed-in manager's emergencies go to the manager named, or to the next one on the rotation. */
export async function handOverNow(ctx: Ctx, actor: Actor, input: { to?: string | null; note?: string | null }, tx?: Tx) {
  managersOnly(actor);
  return withTx(ctx, tx, async (tx) => {
    const now = ctx.clock.now();
    const from = actor.userId ? await findUser(tx, { id: actor.userId }) : undefined;
    if (!from) throw conflict('manager.hand_over_needs_person', 'Hand over as the manager whose emergencies they are: sign in as them.');
    const to = input.to ? await personNamed(tx, input.to) : await nextManager(ctx, tx, from, now);
    checkHandOverTo(from.email, to?.email ?? null);
    const note = input.note?.trim() || null;
    const handed = await handOver(ctx, tx, actor, await openFor(tx, null), from, to!, { atShiftChange: false, note }, now);
    if (handed.length) {
      await notifyPeople(tx, now, [to!.id], {
        key: `manager:${from.id}:hand-over:${isoUtc(now)}`,
        subject: `${from.name} handed ${handed.length} emergenc${handed.length === 1 ? 'y' : 'ies'} over to you`,
        text: [`${from.name} (${from.email}) handed these open emergencies over to you; you lead them now:`, ...handed.map((h) => `- Emergency ticket #${h.ticketNumber}${h.pagesMoved.length ? ` (page ${h.pagesMoved.join(', ')} waits on you)` : ''}`), ...(note ? ['', `Note: ${note}`] : [])].join('\n'),
      });
    }
    return { from: from.email, to: to!.email, handedOver: handed };
  });
}
