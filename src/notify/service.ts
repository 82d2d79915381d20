// Personal notification rules (PG-6): read and replace a person's rules, and plan who is reached
// how and when for a page.
import type { Actor } from '../kernel/actor.ts';
import { forbidden, notFound } from '../kernel/errors.ts';
import type { Temporal } from '../kernel/time.ts';
import { findUser, findUsers } from '../people/index.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import {
  planNotifications,
  validateRules,
  type ContactMethod,
  type NotificationRule,
  type PlannedDelivery,
  type Urgency,
} from './notification-rules.ts';
import { findRules, replaceRules } from './store.ts';

export async function getNotificationRules(ctx: Ctx, actor: Actor, userId: string, tx?: Tx): Promise<NotificationRule[]> {
  if (actor.userId !== userId && actor.role !== 'admin' && actor.role !== 'system') throw forbidden('notify.not_allowed', 'You can only see your own notification rules.');
  return withTx(ctx, tx, async (tx) => (await findRules(tx, [userId])).get(userId) ?? []);
}

export async function setNotificationRules(ctx: Ctx, actor: Actor, userId: string, rules: NotificationRule[], tx?: Tx): Promise<NotificationRule[]> {
  if (actor.userId !== userId && actor.role !== 'admin' && actor.role !== 'system') throw forbidden('notify.not_allowed', 'You can only change your own notification rules.');
  return withTx(ctx, tx, async (tx) => {
    const user = await findUser(tx, { id: userId });
    if (!user) throw notFound('user.not_found', `No user with id ${userId}.`);
    validateRules(userId, rules, methodsOf(user));
    const now = ctx.clock.now();
    await replaceRules(tx, userId, rules, now);
    await recordTimeline(tx, now, actor, { subjectType: 'user', subjectId: userId, action: 'notify.rules_changed', detail: { rules: rules.length } });
    return rules;
  });
}

function methodsOf(u: { id: string; contactMethods: { id: string; kind: string; address: string; verified: boolean }[] }): ContactMethod[] {
  return u.contactMethods.map((c) => ({ id: c.id, userId: u.id, type: c.kind as ContactMethod['type'], address: c.address, verified: c.verified }));
}

export interface UserPlan {
  deliveries: PlannedDelivery[];
  unreachable: string[];
}

/** Deliveries for everyone newly reached on a page at `at` (their own rules, else the default template). */
export async function planForUsers(tx: Tx, page: { id: string; urgency: Urgency }, userIds: string[], at: Temporal.Instant, cycle: number): Promise<UserPlan> {
  if (userIds.length === 0) return { deliveries: [], unreachable: [] };
  const users = await findUsers(tx, { ids: userIds });
  const rules = await findRules(tx, userIds);
  const out: UserPlan = { deliveries: [], unreachable: [] };
  for (const u of users) {
    const plan = planNotifications({ page, userId: u.id, methods: methodsOf(u), rules: rules.get(u.id) ?? [], notifyAt: at, cycle });
    out.deliveries.push(...plan.deliveries);
    if (plan.unreachable) out.unreachable.push(u.id);
  }
  return out;
}
