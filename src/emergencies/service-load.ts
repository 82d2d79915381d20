// SCH-12 at runtime: an engineer's on-call load — their next (or current) on-call week in the
// global rotation, their open tickets, the emergencies they solved this week — judged by the pure
// rule in load.ts.
import { SYSTEM, type Actor } from '../kernel/actor.ts';
import { forbidden, notFound } from '../kernel/errors.ts';
import { isoUtc, Temporal } from '../kernel/time.ts';
import { findUser } from '../people/index.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import { groupTimeline } from '../schedules/index.ts';
import type { Tx } from '../store/tx.ts';
import { searchTickets } from '../tickets/service-search.ts';
import { onCallLoad, onCallWeek, type LoadTicket } from './load.ts';
import { emailOf } from './service-actions.ts';
import { emergencyConfigOf } from './service-settings.ts';
import { listEmergencies } from './store.ts';

export async function onCallLoadReport(ctx: Ctx, actor: Actor, input: { engineer?: string }, tx?: Tx) {
  if (actor.role === 'customer') throw forbidden('emergency.staff_only', 'Only support staff see on-call load.');
  return withTx(ctx, tx, async (tx) => {
    const now = ctx.clock.now();
    const config = await emergencyConfigOf(tx);
    const email = input.engineer ?? (await emailOf(tx, actor));
    const u = await findUser(tx, { email });
    if (!u || u.role === 'customer') throw notFound('emergency.unknown_engineer', `No engineer ${email}; name them by e-mail.`);
    const g = await groupTimeline(ctx, config.rotations.global, now.subtract({ hours: 24 * 14 }), now.add({ hours: 24 * 28 }), tx);
    const shifts = g.schedules.flatMap((s) => s.entries).filter((e) => e.user === u.email && !e.shadow);
    const week = onCallWeek(shifts, now);
    const open = await searchTickets(ctx, SYSTEM, `assignee:${u.email} status<solved`, { limit: 200 }, tx);
    const assigned: LoadTicket[] = open.tickets.map((t) => ({
      id: t.id, number: t.number, priority: t.priority, status: t.status.replace('_', '-') as LoadTicket['status'],
      starred: t.tags.includes('starred'), escalated: t.tags.some((x) => x.includes('escalat')), highTouch: t.tags.includes('high_touch'),
    }));
    const weekAgo = now.subtract({ hours: 24 * 7 }).epochMilliseconds;
    const solved = (await listEmergencies(tx, { limit: 5000 })).filter((e) => e.driUserId === u.email && e.resolvedAt && Temporal.Instant.from(e.resolvedAt).epochMilliseconds >= weekAgo).length;
    // With no shift in the next four weeks the engineer is simply not on call: a far week keeps the phase "normal".
    const far = now.add({ hours: 24 * 365 });
    const report = onCallLoad({ engineer: u.email, onCallStartsAt: week?.start ?? far, onCallEndsAt: week?.end ?? far, assigned, emergenciesSolved: solved }, now, config);
    return { engineer: u.email, onCallWeek: week ? { start: isoUtc(week.start), end: isoUtc(week.end) } : null, emergenciesSolved: solved, ...report };
  });
}
