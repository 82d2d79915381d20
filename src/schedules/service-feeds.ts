// SCH-11: secret calendar feed addresses — one per person (their shifts across schedules) and
// one per schedule. The secret is the only credential (calendar apps cannot log in), so it can be
// rotated: the old address stops working at once.
import { isManagerOrAdmin, isStaff, type Actor } from '../kernel/actor.ts';
import { forbidden, invalid, notFound } from '../kernel/errors.ts';
import { newId, newSecret } from '../kernel/ids.ts';
import { isoUtc } from '../kernel/time.ts';
import { findUser } from '../people/index.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Selectable } from 'kysely';
import type { CalendarFeedsTable } from '../store/schema.ts';
import type { Tx } from '../store/tx.ts';
import { personCalendar, scheduleCalendar, type CalendarSource } from './calendar.ts';
import { finalSchedule } from './final-schedule.ts';
import { findSchedule } from './service-oncall.ts';
import { loadSchedules } from './store.ts';

/** How far back and ahead a feed reaches (calendar apps poll it; older shifts drop out). */
export const FEED_PAST_DAYS = 14;
export const FEED_FUTURE_DAYS = 90;

export type FeedKind = 'user' | 'schedule';
export interface Feed {
  kind: FeedKind;
  ref: string;
  secret: string;
  path: string;
  createdAt: string;
}

const feedOf = (r: Selectable<CalendarFeedsTable>): Feed => ({ kind: r.kind, ref: r.ref, secret: r.secret, path: `/cal/${r.secret}.ics`, createdAt: r.created_at });

async function target(tx: Tx, actor: Actor, kind: FeedKind, ref: string | undefined): Promise<string> {
  if (!isStaff(actor)) throw forbidden('schedule.staff_only', 'Calendar feeds are for support staff.');
  if (kind === 'schedule') {
    if (!ref) throw invalid('schedule.feed_ref_required', 'Name the schedule whose feed you want (ref).');
    return findSchedule(await loadSchedules(tx), ref).id;
  }
  if (kind !== 'user') throw invalid('schedule.bad_feed_kind', 'A feed is of kind user or schedule.', { kind });
  const me = actor.userId ? await findUser(tx, { id: actor.userId }) : undefined;
  const email = (ref ?? me?.email ?? '').toLowerCase();
  if (!email) throw invalid('schedule.feed_ref_required', 'Name the person (e-mail) whose feed you want.');
  if (email !== me?.email && !isManagerOrAdmin(actor)) throw forbidden('schedule.feed_not_yours', 'You can only get your own calendar feed; managers can get anyone’s.');
  if (!(await findUser(tx, { email }))) throw notFound('schedule.unknown_user', `No user with e-mail ${email}.`, { user: email });
  return email;
}

/** The feed address for a person (default: the caller) or a schedule, created on first ask. */
export async function getFeed(ctx: Ctx, actor: Actor, input: { kind: FeedKind; ref?: string }, tx?: Tx): Promise<Feed> {
  return withTx(ctx, tx, async (tx) => {
    const ref = await target(tx, actor, input.kind, input.ref);
    const row = await tx.db.selectFrom('calendar_feeds').selectAll().where('kind', '=', input.kind).where('ref', '=', ref).executeTakeFirst();
    if (row) return feedOf(row);
    const now = ctx.clock.now();
    const values = { id: newId(), kind: input.kind, ref, secret: newSecret(24), created_at: isoUtc(now) };
    await tx.db.insertInto('calendar_feeds').values(values).execute();
    await recordTimeline(tx, now, actor, { subjectType: 'calendar_feed', subjectId: values.id, action: 'calendar_feed.created', detail: { kind: input.kind, ref } });
    return feedOf(values);
  });
}

/** A new secret for the feed; the old address answers 404 from now on. */
export async function rotateFeed(ctx: Ctx, actor: Actor, input: { kind: FeedKind; ref?: string }, tx?: Tx): Promise<Feed> {
  return withTx(ctx, tx, async (tx) => {
    const cur = await getFeed(ctx, actor, input, tx);
    const now = ctx.clock.now();
    const secret = newSecret(24);
    await tx.db.updateTable('calendar_feeds').set({ secret, created_at: isoUtc(now) }).where('secret', '=', cur.secret).execute();
    const row = await tx.db.selectFrom('calendar_feeds').selectAll().where('secret', '=', secret).executeTakeFirstOrThrow();
    await recordTimeline(tx, now, actor, { subjectType: 'calendar_feed', subjectId: row.id, action: 'calendar_feed.rotated', detail: { kind: cur.kind, ref: cur.ref } });
    return feedOf(row);
  });
}

/** The iCalendar text behind a secret (public by secret); unknown secrets are not found. */
export async function renderFeed(ctx: Ctx, secret: string, tx?: Tx): Promise<string> {
  return withTx(ctx, tx, async (tx) => {
    const row = /^[A-Za-z0-9_-]{16,128}$/.test(secret) ? await tx.db.selectFrom('calendar_feeds').selectAll().where('secret', '=', secret).executeTakeFirst() : undefined;
    if (!row) throw notFound('schedule.feed_not_found', 'No calendar feed at this address; it may have been rotated. Get the new address in Hotline.');
    const now = ctx.clock.now();
    const from = now.subtract({ hours: 24 * FEED_PAST_DAYS });
    const to = now.add({ hours: 24 * FEED_FUTURE_DAYS });
    const w = await loadSchedules(tx);
    const source = (id: string): CalendarSource => {
      const s = findSchedule(w, id);
      return { scheduleId: s.id, scheduleName: s.name, entries: finalSchedule(s, from, to, w.edits).entries };
    };
    if (row.kind === 'schedule') return scheduleCalendar(source(row.ref), { stamp: now });
    return personCalendar(row.ref, w.schedules.map((s) => source(s.id)), { stamp: now, name: `On call: ${row.ref}` });
  });
}
