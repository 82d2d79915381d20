// SM-9 use cases: a support manager asks a named manager (or any manager) to cover some on-call
// hours; the one asked accepts or declines, or any manager accepts an open request; accepting
// writes the override on the support-manager schedule through the schedules face, in the same
// transaction. The requester is told of every answer, and of the expiry: a timer at the start of
// the hours (replace key per request) that fires late, and says so, after downtime.
import { SYSTEM, isManagerOrAdmin, type Actor } from '../kernel/actor.ts';
import { conflict, notFound } from '../kernel/errors.ts';
import { isoUtc, Temporal } from '../kernel/time.ts';
import { addThreadEntry, queueMirror } from '../conversations/index.ts';
import { emergencyConfigOf } from '../emergencies/index.ts';
import { cancelJob, enqueue } from '../engine/jobs.ts';
import { notifyConfig, notifyPeople } from '../notify/index.ts';
import { findUser, findUsers, type User } from '../people/index.ts';
import { createOverride } from '../schedules/index.ts';
import { announce, withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { checkCoverAnswer, checkCoverAsk, checkCoverWithdraw, coverText, expiresNow, type CoverAnswer, type CoverState } from './cover.ts';
import { settingsOf, staffOnly } from './service-load.ts';
import { answerCover, findCover, insertCover, listCovers, nextCoverNumber, setCoverOverride, type CoverRow } from './store.ts';
import type { RunningJob } from '../engine/job-kind.ts';

export const COVER_EXPIRY_JOB = 'escalations.cover-expiry';
declare module '../engine/job-kind.ts' {
  interface JobPayloads {
    /** SM-9: a cover request's hours start; still unanswered, it expires and the requester is told. */
    [COVER_EXPIRY_JOB]: { coverId: string };
  }
}
const expiryKey = (id: string) => `cover:${id}:expiry`;
const coverUrl = (ctx: Ctx, n: number) => `${notifyConfig(ctx).publicUrl}/oncall?cover=${n}`;
const coverNotFound = (ref: string) => notFound('cover.not_found', `No cover request ${ref}; list them with GET /api/v1/cover-requests or \`hotline cover list\`.`, { cover: ref });

export interface CoverInput { start: Temporal.Instant; end: Temporal.Instant; ask?: string; note?: string }

async function person(tx: Tx, ref: string): Promise<User | undefined> {
  return ref.includes('@') ? findUser(tx, { email: ref.trim().toLowerCase() }) : findUser(tx, { id: ref });
}

async function record(ctx: Ctx, tx: Tx, actor: Actor, c: CoverRow, action: string, detail: Record<string, unknown>, now: Temporal.Instant): Promise<void> {
  await recordTimeline(tx, now, actor, { subjectType: 'cover_request', subjectId: c.id, action: `cover.${action}`, detail: { number: c.number, start: c.start, end: c.end, ...detail } });
  announce(ctx, tx, { type: 'cover_request', id: c.id });
}

async function say(ctx: Ctx, tx: Tx, c: CoverRow, text: string, mentions: string[], now: Temporal.Instant, late = false): Promise<void> {
  const channel = (await settingsOf(tx)).coverChannel;
  await addThreadEntry(tx, c.id, { ticketId: null, channel, kind: mentions.length ? 'mention' : 'notice', author: null, text, mentions, late }, now);
  await queueMirror(ctx, tx, null, now);
}

/** SM-9: ask a named manager (`ask`) or, without one, every manager to cover [start, end). */
export async function requestCover(ctx: Ctx, actor: Actor, input: CoverInput, tx?: Tx): Promise<CoverRow> {
  staffOnly(actor);
  return withTx(ctx, tx, async (tx) => {
    const now = ctx.clock.now();
    const asked = input.ask ? await person(tx, input.ask) : null;
    if (input.ask && (!asked || !asked.active || asked.role !== 'manager' && asked.role !== 'admin')) throw notFound('cover.unknown_manager', `No active support manager "${input.ask}" to ask; name a manager by e-mail.`, { ask: input.ask });
    checkCoverAsk({ requesterId: actor.userId ?? '', askedId: asked?.id ?? null, start: input.start, end: input.end }, now, { manager: isManagerOrAdmin(actor) && !!actor.userId });
    const me = (await findUser(tx, { id: actor.userId! }))!;
    const scheduleId = (await emergencyConfigOf(tx)).rotations.managers;
    const note = input.note?.trim() || null;
    const c = await insertCover(tx, { number: await nextCoverNumber(tx), scheduleId, requesterId: me.id, askedId: asked?.id ?? null, start: isoUtc(input.start), end: isoUtc(input.end), note, createdAt: isoUtc(now) });
    const text = coverText.asked({ number: c.number, requester: me.name, asked: asked?.name ?? null, start: c.start, end: c.end, note, url: coverUrl(ctx, c.number) });
    const told = asked ? [asked] : (await findUsers(tx, { role: 'manager' })).filter((u) => u.active && u.id !== me.id);
    await say(ctx, tx, c, text, told.map((u) => u.email), now);
    if (told.length) await notifyPeople(tx, now, told.map((u) => u.id), { key: `cover:${c.id}:asked`, subject: `[Hotline] ${me.name} asks ${asked ? 'you' : 'any manager'} to cover on-call ${c.start} – ${c.end}`, text, threadKey: `cover:${c.id}` });
    await enqueue(tx, now, { kind: COVER_EXPIRY_JOB, runAt: input.start, key: expiryKey(c.id), payload: { coverId: c.id } });
    await record(ctx, tx, actor, c, 'requested', { asked: asked?.email ?? null, open: !asked }, now);
    return c;
  });
}

/** SM-9: accept (becomes an override: you cover, the requester gives the time up) or decline. */
export async function answerCoverRequest(ctx: Ctx, actor: Actor, ref: string, answer: CoverAnswer, input: { reason?: string } = {}, tx?: Tx): Promise<CoverRow> {
  staffOnly(actor);
  return withTx(ctx, tx, async (tx) => {
    const c = await findCover(tx, String(ref), true);
    if (!c) throw coverNotFound(String(ref));
    const now = ctx.clock.now();
    const next = checkCoverAnswer({ state: c.state, requesterId: c.requesterId, askedId: c.askedId, start: Temporal.Instant.from(c.start) }, answer, { userId: actor.userId, manager: isManagerOrAdmin(actor) }, now);
    const me = (await findUser(tx, { id: actor.userId! }))!;
    const requester = (await findUser(tx, { id: c.requesterId }))!;
    const reason = input.reason?.trim() || null;
    // the conditional update is the arbiter: of two managers accepting at once, exactly one moves it
    if (!(await answerCover(tx, c.id, { state: next, answeredById: me.id, answer: reason, at: isoUtc(now) }))) {
      const state = (await findCover(tx, c.id))?.state;
      throw conflict('cover.already_answered', `This cover request is already ${state}.`, { state });
    }
    let overrideId: string | null = null;
    if (next === 'accepted') {
      const o = await createOverride(ctx, actor, { schedule: c.scheduleId, start: Temporal.Instant.from(c.start), end: Temporal.Instant.from(c.end), user: me.email, replaces: requester.email, note: `Cover request #${c.number}` }, tx);
      overrideId = o.id;
      await setCoverOverride(tx, c.id, o.id);
    }
    await cancelJob(tx, now, expiryKey(c.id));
    const after: CoverRow = { ...c, state: next, answeredById: me.id, answer: reason, overrideId, answeredAt: isoUtc(now), updatedAt: isoUtc(now) };
    const text = next === 'accepted' ? coverText.accepted({ number: c.number, by: me.name, start: c.start, end: c.end }) : coverText.declined({ number: c.number, by: me.name, reason });
    await say(ctx, tx, after, text, [requester.email], now);
    await notifyPeople(tx, now, [requester.id], { key: `cover:${c.id}:${next}`, subject: `[Hotline] Cover request #${c.number} ${next} by ${me.name}`, text: `${text}\n\n${coverUrl(ctx, c.number)}`, threadKey: `cover:${c.id}` });
    await record(ctx, tx, actor, after, next, { by: me.email, ...(reason ? { reason } : {}), ...(overrideId ? { override: overrideId } : {}) }, now);
    return after;
  });
}

/**
 * SM-9: the requester withdraws an unanswered request; whoever it asked (the named manager, or for
 * an open request every manager it reached) is told, and its expiry timer is cancelled.
 */
export async function withdrawCoverRequest(ctx: Ctx, actor: Actor, ref: string, tx?: Tx): Promise<CoverRow> {
  staffOnly(actor);
  return withTx(ctx, tx, async (tx) => {
    const c = await findCover(tx, String(ref), true);
    if (!c) throw coverNotFound(String(ref));
    const now = ctx.clock.now();
    checkCoverWithdraw({ state: c.state, requesterId: c.requesterId, askedId: c.askedId, start: Temporal.Instant.from(c.start) }, { userId: actor.userId }, now);
    const me = (await findUser(tx, { id: actor.userId! }))!;
    if (!(await answerCover(tx, c.id, { state: 'withdrawn', answeredById: me.id, at: isoUtc(now) }))) {
      const state = (await findCover(tx, c.id))?.state;
      throw conflict('cover.already_answered', `This cover request is already ${state}.`, { state });
    }
    await cancelJob(tx, now, expiryKey(c.id));
    const asked = c.askedId ? await findUser(tx, { id: c.askedId }) : undefined;
    const told = asked ? [asked] : (await findUsers(tx, { role: 'manager' })).filter((u) => u.active && u.id !== me.id);
    const after: CoverRow = { ...c, state: 'withdrawn', answeredById: me.id, answer: null, answeredAt: isoUtc(now), updatedAt: isoUtc(now) };
    const text = coverText.withdrawn({ number: c.number, requester: me.name, asked: asked?.name ?? null, start: c.start, end: c.end });
    await say(ctx, tx, after, text, told.map((u) => u.email), now);
    if (told.length) await notifyPeople(tx, now, told.map((u) => u.id), { key: `cover:${c.id}:withdrawn`, subject: `[Hotline] ${me.name} withdrew cover request #${c.number}`, text: `${text}\n\n${coverUrl(ctx, c.number)}`, threadKey: `cover:${c.id}` });
    await record(ctx, tx, actor, after, 'withdrawn', { told: told.map((u) => u.email) }, now);
    return after;
  });
}

/** SM-9: the expiry timer. Fires late after downtime (the requester still needs to know), and says so. */
export async function expireCover(ctx: Ctx, tx: Tx, job: RunningJob<{ coverId: string }>, now: Temporal.Instant): Promise<void> {
  const c = await findCover(tx, job.payload.coverId, true);
  if (!c || !expiresNow(c.state)) return;
  if (!(await answerCover(tx, c.id, { state: 'expired', answeredById: null, at: isoUtc(now) }))) return;
  const after: CoverRow = { ...c, state: 'expired', answeredAt: isoUtc(now), updatedAt: isoUtc(now) };
  const late = job.late ? { late: true, lateByMs: job.lateByMs } : {};
  const requester = await findUser(tx, { id: c.requesterId });
  const text = coverText.expired({ number: c.number, start: c.start }) + (job.late ? ` (noticed late, ${Math.round(job.lateByMs / 60_000)} min after: Hotline was down)` : '');
  await say(ctx, tx, after, text, requester ? [requester.email] : [], now, job.late);
  if (requester) await notifyPeople(tx, now, [requester.id], { key: `cover:${c.id}:expired`, subject: `[Hotline] Cover request #${c.number} expired unanswered`, text, threadKey: `cover:${c.id}` });
  await record(ctx, tx, SYSTEM, after, 'expired', late, now);
}

export function registerCoverJobs(ctx: Ctx): void {
  ctx.jobs.register(COVER_EXPIRY_JOB, { whenLate: 'fire', mode: 'transactional', handler: (job, { tx, now }) => expireCover(ctx, tx, job, now) });
}

export interface CoverView {
  id: string; number: number; schedule: string; state: CoverState; open: boolean;
  requester: { id: string; name: string; email: string } | null; asked: { id: string; name: string; email: string } | null; answeredBy: { id: string; name: string; email: string } | null;
  start: string; end: string; note: string | null; reason: string | null; overrideId: string | null; createdAt: string; answeredAt: string | null; url: string;
}

async function views(ctx: Ctx, tx: Tx, rows: CoverRow[]): Promise<CoverView[]> {
  const ids = [...new Set(rows.flatMap((c) => [c.requesterId, c.askedId, c.answeredById]).filter((x): x is string => !!x))];
  const users = new Map((ids.length ? await findUsers(tx, { ids }) : []).map((u) => [u.id, { id: u.id, name: u.name, email: u.email }]));
  const who = (id: string | null) => (id ? (users.get(id) ?? null) : null);
  return rows.map((c) => ({
    id: c.id, number: c.number, schedule: c.scheduleId, state: c.state, open: c.askedId === null, requester: who(c.requesterId), asked: who(c.askedId), answeredBy: who(c.answeredById),
    start: c.start, end: c.end, note: c.note, reason: c.answer, overrideId: c.overrideId, createdAt: c.createdAt, answeredAt: c.answeredAt, url: coverUrl(ctx, c.number),
  }));
}

export async function listCoverRequests(ctx: Ctx, actor: Actor, f: { state?: CoverState } = {}): Promise<CoverView[]> {
  staffOnly(actor);
  return withTx(ctx, undefined, async (tx) => views(ctx, tx, await listCovers(tx, f)));
}

export async function showCoverRequest(ctx: Ctx, actor: Actor, ref: string): Promise<CoverView> {
  staffOnly(actor);
  return withTx(ctx, undefined, async (tx) => {
    const c = await findCover(tx, ref);
    if (!c) throw coverNotFound(ref);
    return (await views(ctx, tx, [c]))[0];
  });
}
