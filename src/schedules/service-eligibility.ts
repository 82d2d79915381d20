// SCH-8: joining a rotation requires a completed training record and a manager's approval. The
// records live in schedule_eligibility; addRotationMember refuses anyone without both.
import { isManagerOrAdmin, isStaff, type Actor } from '../kernel/actor.ts';
import { forbidden, invalid, notFound } from '../kernel/errors.ts';
import { Temporal, isoUtc } from '../kernel/time.ts';
import { findUser } from '../people/index.ts';
import { announce, withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { parseSchedulesConfig } from './config.ts';
import { scheduleChanged } from './service-changes.ts';
import { DEFINITIONS_ID, EMPTY_DOCUMENT, findDefinitions, findEligibility, saveDefinitions, upsertEligibility, type Eligibility } from './store.ts';

const blank = (user: string): Eligibility => ({ user, trainingCompletedAt: null, trainingNote: null, approvedBy: null, approvedAt: null });

async function person(tx: Tx, email: string) {
  const u = await findUser(tx, { email: email.trim().toLowerCase() });
  if (!u || u.role === 'customer') throw notFound('schedule.unknown_user', `No staff member with e-mail ${email}; add them to the people list first.`, { user: email });
  return u;
}

export function isEligible(e: Eligibility | undefined): boolean {
  return !!e?.trainingCompletedAt && !!e.approvedAt;
}

export async function listEligibility(ctx: Ctx, actor: Actor, tx?: Tx): Promise<Eligibility[]> {
  if (!isStaff(actor)) throw forbidden('schedule.staff_only', 'Only support staff see on-call training records.');
  return withTx(ctx, tx, (tx) => findEligibility(tx));
}

/** SCH-8: record that `user` completed the on-call training (a manager, or the person for themselves). */
export async function recordTraining(ctx: Ctx, actor: Actor, input: { user: string; completedAt?: Temporal.Instant; note?: string }, tx?: Tx): Promise<Eligibility> {
  return withTx(ctx, tx, async (tx) => {
    const u = await person(tx, input.user);
    if (!isManagerOrAdmin(actor) && actor.userId !== u.id) throw forbidden('schedule.training_not_yours', 'Record your own training, or ask a manager to record it for someone else.');
    const now = ctx.clock.now();
    const cur = (await findEligibility(tx, [u.email]))[0] ?? blank(u.email);
    const next = { ...cur, trainingCompletedAt: isoUtc(input.completedAt ?? now), trainingNote: input.note ?? null, trainingRecordedBy: actor.userId };
    await upsertEligibility(tx, isoUtc(now), next);
    await recordTimeline(tx, now, actor, { subjectType: 'user', subjectId: u.id, action: 'oncall.training_recorded', detail: { completedAt: next.trainingCompletedAt, note: next.trainingNote } });
    announce(ctx, tx, { type: 'schedule.updated', id: DEFINITIONS_ID });
    return next;
  });
}

/** SCH-8: a manager approves `user` for on-call; training must be recorded first. */
export async function approveForOnCall(ctx: Ctx, actor: Actor, input: { user: string }, tx?: Tx): Promise<Eligibility> {
  if (!isManagerOrAdmin(actor)) throw forbidden('schedule.managers_only', 'Only a support manager can approve someone for on-call.');
  return withTx(ctx, tx, async (tx) => {
    const u = await person(tx, input.user);
    const cur = (await findEligibility(tx, [u.email]))[0] ?? blank(u.email);
    if (!cur.trainingCompletedAt) throw invalid('schedule.training_missing', `${u.email} has no completed on-call training on record; record the training first, then approve.`, { user: u.email });
    const now = ctx.clock.now();
    const next = { ...cur, approvedBy: actor.name, approvedAt: isoUtc(now) };
    await upsertEligibility(tx, isoUtc(now), next);
    await recordTimeline(tx, now, actor, { subjectType: 'user', subjectId: u.id, action: 'oncall.approved', detail: {} });
    announce(ctx, tx, { type: 'schedule.updated', id: DEFINITIONS_ID });
    return next;
  });
}

/** SCH-8: require both records before someone may be put on a rotation. */
export async function requireEligible(tx: Tx, email: string): Promise<void> {
  const e = (await findEligibility(tx, [email]))[0];
  if (!e?.trainingCompletedAt) throw invalid('schedule.training_missing', `${email} has not completed the on-call training; record it before adding them to a rotation.`, { user: email });
  if (!e.approvedAt) throw invalid('schedule.approval_missing', `${email} has no manager approval for on-call; a support manager must approve them first.`, { user: email });
}

/**
 * SCH-8: add `user` to a rotation from `from` on (a membership change in the stored definitions).
 * Managers only; the person must be trained and approved.
 */
export async function addRotationMember(ctx: Ctx, actor: Actor, input: { rotationId: string; user: string; from?: Temporal.Instant; shadow?: boolean }, tx?: Tx): Promise<{ version: number }> {
  if (!isManagerOrAdmin(actor)) throw forbidden('schedule.managers_only', 'Only a support manager can change who is on a rotation.');
  return withTx(ctx, tx, async (tx) => {
    const defs = (await findDefinitions(tx))?.document ?? EMPTY_DOCUMENT;
    const rot = defs.rotations.find((r: any) => r?.id === input.rotationId) as Record<string, unknown> | undefined;
    if (!rot) throw notFound('schedule.rotation_not_found', `No rotation "${input.rotationId}".`, { id: input.rotationId });
    if (rot.ical_url !== undefined) throw invalid('schedule.rotation_read_only', `Rotation "${input.rotationId}" follows the iCalendar feed ${String(rot.ical_url)} and is read-only: change who is on in that calendar, or replace ical_url with members in the workspace file.`, { id: input.rotationId, ical_url: rot.ical_url });
    const u = await person(tx, input.user);
    await requireEligible(tx, u.email);
    const now = ctx.clock.now();
    const at = input.from ?? now;
    const changes = [...((rot.changes as unknown[]) ?? []), { at: isoUtc(at), add: [input.shadow ? { user: u.email, shadow: true } : u.email] }];
    const document = { ...defs, rotations: defs.rotations.map((r: any) => (r === rot ? { ...r, changes } : r)) };
    parseSchedulesConfig(document); // the change must keep the document valid (e.g. after the last change)
    const version = await saveDefinitions(tx, isoUtc(now), document);
    await recordTimeline(tx, now, actor, { subjectType: 'rotation', subjectId: input.rotationId, action: 'rotation.member_added', detail: { user: u.email, from: isoUtc(at), shadow: !!input.shadow, version } });
    announce(ctx, tx, { type: 'schedule.updated', id: input.rotationId });
    await scheduleChanged(ctx, tx);
    return { version };
  });
}
