// SCH-12 at runtime: an engineer's on-call load — their next (or current) on-call week in the
// global rotation, their open tickets, the emergencies they solved this week — judged by the pure
// rule in load.ts. The emergency workflow owns the load settings, the global rotation and the
// emergencies themselves, so its surfaces hand them in (LoadSources) rather than schedules reaching
// into it.
import { SYSTEM, type Actor } from '../kernel/actor.ts';
import { forbidden, notFound } from '../kernel/errors.ts';
import { isoUtc, Temporal } from '../kernel/time.ts';
import type { EmergencyConfig } from '../emergencies/index.ts';
import { findUser } from '../people/index.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';
import { searchTickets } from '../tickets/index.ts';
import { onCallLoad, onCallWeek, type LoadTicket } from './load.ts';
import { groupTimeline } from './service.ts';

export interface LoadSources {
  /** The workspace's emergency settings: the load rules (SCH-12) and the global rotation. */
  config(tx: Tx): Promise<EmergencyConfig>;
  /** How many emergencies this engineer (by e-mail) resolved at or after `since`. */
  emergenciesSolved(tx: Tx, engineer: string, since: Temporal.Instant): Promise<number>;
}

export async function onCallLoadReport(ctx: Ctx, actor: Actor, input: { engineer?: string }, sources: LoadSources, tx?: Tx) {
  if (actor.role === 'customer') throw forbidden('emergency.staff_only', 'Only support staff see on-call load.');
  return withTx(ctx, tx, async (tx) => {
    const now = ctx.clock.now();
    const config = await sources.config(tx);
    const me = input.engineer ? undefined : actor.userId ? await findUser(tx, { id: actor.userId }) : undefined;
    const email = input.engineer ?? me?.email ?? actor.name;
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
    const solved = await sources.emergenciesSolved(tx, u.email, now.subtract({ hours: 24 * 7 }));
    // With no shift in the next four weeks the engineer is simply not on call: a far week keeps the phase "normal".
    const far = now.add({ hours: 24 * 365 });
    const report = onCallLoad({ engineer: u.email, onCallStartsAt: week?.start ?? far, onCallEndsAt: week?.end ?? far, assigned, emergenciesSolved: solved }, now, config);
    return { engineer: u.email, onCallWeek: week ? { start: isoUtc(week.start), end: isoUtc(week.end) } : null, emergenciesSolved: solved, ...report };
  });
}
