// SCH-6 use cases: overrides (take a shift, cover a few hours, give time up) and swaps between two
// people (requested by one, accepted by the other). Each change writes its row, a timeline entry,
// re-arms hand-off jobs and announces schedule.updated.
import { isManagerOrAdmin, isStaff, type Actor } from '../kernel/actor.ts';
import { conflict, forbidden, invalid, notFound } from '../kernel/errors.ts';
import { newId } from '../kernel/ids.ts';
import { Temporal, isoUtc } from '../kernel/time.ts';
import { findUser } from '../people/index.ts';
import { announce, withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { scheduleChanged } from './service-changes.ts';
import { requireEligible } from './service-eligibility.ts';
import { checkRange, findSchedule } from './service-oncall.ts';
import { scheduleMembers } from './schedule.ts';
import { deleteOverride, deleteSwap, findOverrides, findSwaps, insertOverride, insertSwap, loadSchedules, setSwapStatus, type StoredOverride, type StoredSwap } from './store.ts';

export { whoIsOnCall, scheduleFinal, scheduleGaps, groupTimeline } from './service-oncall.ts';
export { recordTraining, approveForOnCall, addRotationMember, listEligibility } from './service-eligibility.ts';

async function actorEmail(tx: Tx, actor: Actor): Promise<string | null> {
  return actor.userId ? ((await findUser(tx, { id: actor.userId }))?.email ?? null) : null;
}

function staffOnly(actor: Actor): void {
  if (!isStaff(actor)) throw forbidden('schedule.staff_only', 'Only support staff change on-call schedules.');
}

async function changed(ctx: Ctx, tx: Tx, scheduleId: string): Promise<void> {
  announce(ctx, tx, { type: 'schedule.updated', id: scheduleId });
  await scheduleChanged(ctx, tx);
}

export interface OverrideInput {
  schedule: string;
  start: Temporal.Instant;
  end: Temporal.Instant;
  /** Who covers (e-mail). */
  user?: string;
  /** Who gives the time up (e-mail). */
  replaces?: string;
  shadow?: boolean;
  note?: string;
}

export async function listOverrides(ctx: Ctx, f: { schedule?: string } = {}, tx?: Tx): Promise<StoredOverride[]> {
  return withTx(ctx, tx, async (tx) => {
    const scheduleId = f.schedule ? findSchedule(await loadSchedules(tx), f.schedule).id : undefined;
    return findOverrides(tx, { scheduleId });
  });
}

/** Clock skew between a browser or a terminal and the server: a start this little in the past is still "now". */
export const OVERRIDE_PAST_GRACE_MS = 2 * 60_000;

/** SCH-6: an override of any length. Engineers make their own (as the one covering or giving up); managers any. */
export async function createOverride(ctx: Ctx, actor: Actor, input: OverrideInput, tx?: Tx): Promise<StoredOverride> {
  staffOnly(actor);
  checkRange(input.start, input.end);
  const user = input.user?.trim().toLowerCase() || undefined;
  const replaces = input.replaces?.trim().toLowerCase() || undefined;
  if (!user && !replaces) throw invalid('schedule.bad_override', 'Give user (who covers), replaces (who gives the time up), or both.');
  if (input.shadow && (!user || replaces)) throw invalid('schedule.bad_override', 'shadow applies to an added person only (user without replaces).');
  // Time already gone cannot be covered: a start in the past would silently rewrite history (who was
  // paged) and make the hand-offs around it lie, so it is refused with the way forward.
  const now = ctx.clock.now();
  if (input.start.epochMilliseconds < now.epochMilliseconds - OVERRIDE_PAST_GRACE_MS) {
    throw invalid('schedule.override_starts_in_past', `The override would start at ${isoUtc(input.start)}, which is already past (it is now ${isoUtc(now)}). Start it now or later.`, { start: isoUtc(input.start), now: isoUtc(now) });
  }
  return withTx(ctx, tx, async (tx) => {
    const w = await loadSchedules(tx);
    const s = findSchedule(w, input.schedule);
    const me = await actorEmail(tx, actor);
    if (!isManagerOrAdmin(actor) && me !== user && me !== replaces) throw forbidden('schedule.override_not_yours', 'Engineers make overrides for their own time (as the one covering or the one giving it up); ask a manager for others.');
    if (user) {
      const u = await findUser(tx, { email: user });
      if (!u || u.role === 'customer') throw notFound('schedule.unknown_user', `No staff member with e-mail ${user}.`, { user });
      if (!input.shadow && u.kind === 'person') await requireEligible(tx, user); // SCH-8
    }
    if (replaces) {
      const m = scheduleMembers(s);
      if (!m.users.includes(replaces) && !m.shadows.includes(replaces)) throw invalid('schedule.unknown_member', `${replaces} is not a member of schedule ${s.id}; pick someone from its rotations.`, { user: replaces, schedule: s.id });
    }
    const o = { id: newId(), scheduleId: s.id, start: input.start, end: input.end, ...(user ? { user } : {}), ...(replaces ? { replaces } : {}), ...(input.shadow ? { shadow: true } : {}) };
    await insertOverride(tx, isoUtc(now), { ...o, note: input.note ?? null, source: 'api', createdBy: actor.userId });
    await recordTimeline(tx, now, actor, { subjectType: 'schedule', subjectId: s.id, action: 'override.created', detail: { override: o.id, start: isoUtc(o.start), end: isoUtc(o.end), user: user ?? null, replaces: replaces ?? null, note: input.note ?? null } });
    await changed(ctx, tx, s.id);
    return (await findOverrides(tx, { id: o.id }))[0];
  });
}

/** SCH-6: removing an override gives the time back to the rotation. */
export async function removeOverride(ctx: Ctx, actor: Actor, id: string, tx?: Tx): Promise<void> {
  staffOnly(actor);
  await withTx(ctx, tx, async (tx) => {
    const o = (await findOverrides(tx, { id }))[0];
    if (!o) throw notFound('schedule.override_not_found', `No override with id ${id}; list the schedule's overrides to find the right one.`, { id });
    const me = await actorEmail(tx, actor);
    if (!isManagerOrAdmin(actor) && me !== o.user && me !== o.replaces) throw forbidden('schedule.override_not_yours', 'Only the people in an override, or a manager, can remove it.');
    await deleteOverride(tx, id);
    await recordTimeline(tx, ctx.clock.now(), actor, { subjectType: 'schedule', subjectId: o.scheduleId, action: 'override.removed', detail: { override: id, start: isoUtc(o.start), end: isoUtc(o.end), user: o.user ?? null, replaces: o.replaces ?? null } });
    await changed(ctx, tx, o.scheduleId);
  });
}

export async function listSwaps(ctx: Ctx, f: { schedule?: string; status?: StoredSwap['status'] } = {}, tx?: Tx): Promise<StoredSwap[]> {
  return withTx(ctx, tx, async (tx) => {
    const scheduleId = f.schedule ? findSchedule(await loadSchedules(tx), f.schedule).id : undefined;
    return findSwaps(tx, { scheduleId, status: f.status });
  });
}

/** SCH-6: one person asks another to exchange their shifts in [start, end); nothing changes until accepted. */
export async function requestSwap(ctx: Ctx, actor: Actor, input: { schedule: string; start: Temporal.Instant; end: Temporal.Instant; with: string; requester?: string; note?: string }, tx?: Tx): Promise<StoredSwap> {
  staffOnly(actor);
  checkRange(input.start, input.end);
  return withTx(ctx, tx, async (tx) => {
    const s = findSchedule(await loadSchedules(tx), input.schedule);
    const me = await actorEmail(tx, actor);
    const requester = (input.requester ?? me ?? '').trim().toLowerCase();
    const partner = input.with.trim().toLowerCase();
    if (requester !== me && !isManagerOrAdmin(actor)) throw forbidden('schedule.swap_not_yours', 'Request swaps of your own shifts; a manager can request one for someone else.');
    if (!requester || requester === partner) throw invalid('schedule.bad_swap', 'A swap needs two different people: you and the person named in "with".');
    const m = scheduleMembers(s);
    for (const u of [requester, partner]) if (!m.users.includes(u)) throw invalid('schedule.unknown_member', `${u} is not on schedule ${s.id}; swaps are between two of its members.`, { user: u, schedule: s.id });
    const now = ctx.clock.now();
    const sw = { id: newId(), scheduleId: s.id, start: isoUtc(input.start), end: isoUtc(input.end), requester, partner, status: 'requested' as const, note: input.note ?? null, source: 'api' as const };
    await insertSwap(tx, isoUtc(now), sw);
    await recordTimeline(tx, now, actor, { subjectType: 'schedule', subjectId: s.id, action: 'swap.requested', detail: { swap: sw.id, requester, partner, start: sw.start, end: sw.end } });
    announce(ctx, tx, { type: 'schedule.updated', id: s.id });
    return (await findSwaps(tx, { id: sw.id }))[0];
  });
}

async function decide(ctx: Ctx, actor: Actor, id: string, status: 'accepted' | 'declined', tx?: Tx): Promise<StoredSwap> {
  staffOnly(actor);
  return withTx(ctx, tx, async (tx) => {
    const sw = (await findSwaps(tx, { id }))[0];
    if (!sw) throw notFound('schedule.swap_not_found', `No swap with id ${id}.`, { id });
    if (sw.status !== 'requested') throw conflict('schedule.swap_decided', `Swap ${id} is already ${sw.status}.`, { id, status: sw.status });
    const me = await actorEmail(tx, actor);
    if (me !== sw.partner && !isManagerOrAdmin(actor)) throw forbidden('schedule.swap_not_yours', `Only ${sw.partner} (or a manager) can ${status === 'accepted' ? 'accept' : 'decline'} this swap.`);
    const now = ctx.clock.now();
    await setSwapStatus(tx, isoUtc(now), id, status);
    await recordTimeline(tx, now, actor, { subjectType: 'schedule', subjectId: sw.scheduleId, action: `swap.${status}`, detail: { swap: id, requester: sw.requester, partner: sw.partner, start: sw.start, end: sw.end } });
    if (status === 'accepted') await changed(ctx, tx, sw.scheduleId);
    else announce(ctx, tx, { type: 'schedule.updated', id: sw.scheduleId });
    return (await findSwaps(tx, { id }))[0];
  });
}

/** SCH-6: the partner accepts; from now on the final schedule exchanges the two people's shifts. */
export const acceptSwap = (ctx: Ctx, actor: Actor, id: string, tx?: Tx) => decide(ctx, actor, id, 'accepted', tx);
export const declineSwap = (ctx: Ctx, actor: Actor, id: string, tx?: Tx) => decide(ctx, actor, id, 'declined', tx);

/** SCH-6: withdraw a request or undo an accepted swap (either person, or a manager). */
export async function removeSwap(ctx: Ctx, actor: Actor, id: string, tx?: Tx): Promise<void> {
  staffOnly(actor);
  await withTx(ctx, tx, async (tx) => {
    const sw = (await findSwaps(tx, { id }))[0];
    if (!sw) throw notFound('schedule.swap_not_found', `No swap with id ${id}.`, { id });
    const me = await actorEmail(tx, actor);
    if (me !== sw.requester && me !== sw.partner && !isManagerOrAdmin(actor)) throw forbidden('schedule.swap_not_yours', 'Only the two people of a swap, or a manager, can remove it.');
    await deleteSwap(tx, id);
    await recordTimeline(tx, ctx.clock.now(), actor, { subjectType: 'schedule', subjectId: sw.scheduleId, action: 'swap.removed', detail: { swap: id, was: sw.status } });
    if (sw.status === 'accepted') await changed(ctx, tx, sw.scheduleId);
    else announce(ctx, tx, { type: 'schedule.updated', id: sw.scheduleId });
  });
}
