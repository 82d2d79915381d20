// What every escalation use case shares: the events it publishes, staff and manager checks, the
// escalation by number, its settings, the manager on call at an instant (the support-manager
// rotation through the paging resolver, overrides and swaps honoured), the thread it writes, and
// one place that records a change (state, timeline, event, live update).
import { emergencyConfigOf } from '../emergencies/index.ts';
import { isStaff, type Actor } from '../kernel/actor.ts';
import { forbidden, notFound } from '../kernel/errors.ts';
import type { Temporal } from '../kernel/time.ts';
import { notifyConfig } from '../notify/index.ts';
import { resolveTarget } from '../paging/index.ts';
import { findUser, type User } from '../people/index.ts';
import { addThreadEntry, queueMirror, type ThreadEntry } from '../conversations/index.ts';
import { announce, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { escalationSettings, type EscalationSettings } from './settings.ts';
import { findEscalation, readEscalationSettings, type EscalationRow } from './store.ts';

/** What 'escalation.filed' and 'escalation.changed' carry: the escalation after the change. */
export interface EscalationEvent {
  escalation: EscalationRow;
  /** filed, acknowledged, macro_applied, noted, help_thread_opened, assigned, resolved, rejected */
  action: string;
  actor: Actor;
  at: Temporal.Instant;
}

declare module '../runtime/context.ts' {
  interface Events {
    'escalation.filed': EscalationEvent;
    'escalation.changed': EscalationEvent;
  }
}

export const staffOnly = (a: Actor): void => {
  if (!isStaff(a)) throw forbidden('escalation.staff_only', 'Only support staff file and work escalations; customers reply on their ticket instead.');
};

export async function settingsOf(tx: Tx): Promise<EscalationSettings> {
  return escalationSettings(await readEscalationSettings(tx));
}

export async function loadEscalation(tx: Tx, ref: string): Promise<EscalationRow> {
  const e = await findEscalation(tx, String(ref), true);
  if (!e) throw notFound('escalation.not_found', `No escalation ${ref}; list them with GET /api/v1/escalations or \`hotline escalation list\`.`, { escalation: String(ref) });
  return e;
}

/** SM-1: the support manager on call at `at`, resolved like any on-call answer (overrides honoured). */
export async function managerOnCallAt(ctx: Ctx, tx: Tx, at: Temporal.Instant): Promise<User | null> {
  const schedule = (await emergencyConfigOf(tx)).rotations.managers;
  const ids = await resolveTarget(ctx, tx, { type: 'schedule', id: schedule }, at);
  return ids.length ? ((await findUser(tx, { id: ids[0] })) ?? null) : null;
}

export const escalationUrl = (ctx: Ctx, number: number) => `${notifyConfig(ctx).publicUrl}/escalations/${number}`;

export async function nameOf(tx: Tx, userId: string | null): Promise<string | null> {
  return userId ? ((await findUser(tx, { id: userId }))?.name ?? null) : null;
}

/** One entry in the escalation's thread (or a help thread in a product channel), mirrored to chat when configured. */
export async function post(ctx: Ctx, tx: Tx, e: EscalationRow, p: { kind: ThreadEntry['kind']; text: string; author?: string | null; mentions?: string[]; channel?: string }, now: Temporal.Instant): Promise<ThreadEntry> {
  const entry = await addThreadEntry(tx, e.id, { ticketId: null, channel: p.channel ?? e.channel, kind: p.kind, author: p.author ?? null, text: p.text, mentions: p.mentions ?? [], late: false }, now);
  await queueMirror(ctx, tx, null, now);
  return entry;
}

/** A change's timeline entry, its event for the other capabilities, and the live update after commit. */
export async function changed(ctx: Ctx, tx: Tx, actor: Actor, e: EscalationRow, action: string, detail: Record<string, unknown>, now: Temporal.Instant): Promise<void> {
  await recordTimeline(tx, now, actor, { subjectType: 'escalation', subjectId: e.id, action: `escalation.${action}`, detail: { number: e.number, state: e.state, ...detail } });
  await ctx.events.publish(tx, action === 'filed' ? 'escalation.filed' : 'escalation.changed', { escalation: e, action, actor, at: now });
  announce(ctx, tx, { type: 'escalation', id: e.id });
}
