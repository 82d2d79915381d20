// What every page transition does after the pure rules decided: write the page, its timeline
// entries, re-arm or cancel its escalation timer and queue the notifications — in one transaction.
import type { Actor } from '../kernel/actor.ts';
import { notFound } from '../kernel/errors.ts';
import type { Temporal } from '../kernel/time.ts';
import { enqueue, cancelJob } from '../engine/jobs.ts';
import { announce, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { planForUsers } from '../notify/index.ts';
import { escalationTimerKey, nextEscalationTimer, type EscalationPolicy } from './escalation.ts';
import type { Page, PageActor, PageTimelineEntry, PageTransition, PageVeto } from './page.ts';
import { findPage, findPolicy, insertPage, updatePage, type PageRow } from './store.ts';

export const JOB_ESCALATE = 'page.escalate';
export const JOB_NOTIFY = 'page.notify';
export const JOB_RELEASE = 'page.maintenance-release';

declare module '../engine/job-kind.ts' {
  interface JobPayloads {
    /** The page's escalation timer: escalates if the page is still at that level and loop. */
    [JOB_ESCALATE]: { pageId: string; fromLevel: number; loop: number };
    /** One delivery of a page to one person by one contact method. */
    [JOB_NOTIFY]: { pageId: string; userId: string; key: string; method: string; address: string };
    /** A maintenance window ended (or may have): the service's held pages go on. */
    [JOB_RELEASE]: { serviceId: string };
  }
}

export const notifyJobKey = (deliveryKey: string) => `notify:${deliveryKey}`;

export function pageActorOf(a: Actor): PageActor {
  return a.kind === 'user' && a.userId ? { kind: 'user', userId: a.userId, roles: [a.role] } : { kind: 'system', name: a.name };
}

// ---- vetoes (PG-2 and other capabilities' rules) ----------------------------------------------

/** A rule from another capability (the `pageVeto` port); may read the database through tx. null = allowed. */
export type PageVetoHook = (ctx: Ctx, page: Page, transition: PageTransition, tx: Tx) => Promise<null | { code: string; reason: string }> | null | { code: string; reason: string };

/** 'page.changed': published inside the change's transaction after the page is written (e.g. the emergency runbook follows it). */
export interface PageChanged {
  page: Page;
  entries: readonly PageTimelineEntry[];
}

declare module '../runtime/context.ts' {
  interface Events {
    'page.changed': PageChanged;
  }
  interface Ports {
    pageVeto: PageVetoHook;
  }
}

/** Asks the node's `pageVeto` port now and hands its verdict to the pure rules as a plain veto. */
export async function vetoesFor(ctx: Ctx, page: Page, t: PageTransition, tx: Tx): Promise<PageVeto[]> {
  const r = await ctx.ports.pageVeto?.(ctx, page, t, tx);
  return r ? [() => r] : [];
}

// ---- loading ----------------------------------------------------------------------------------

export async function loadPage(tx: Tx, ref: string): Promise<PageRow> {
  const byNumber = /^#?\d+$/.test(ref) ? await findPage(tx, { number: Number(ref.replace('#', '')) }, { forUpdate: true }) : undefined;
  const p = byNumber ?? (await findPage(tx, { id: ref }, { forUpdate: true }));
  if (!p) throw notFound('page.not_found', `No page ${ref}; list open pages with \`hotline page list\`.`);
  return p;
}

export async function policyOf(tx: Tx, page: Pick<Page, 'escalationPolicyId'>): Promise<EscalationPolicy | null> {
  return page.escalationPolicyId ? ((await findPolicy(tx, { id: page.escalationPolicyId })) ?? null) : null;
}

// ---- writing ----------------------------------------------------------------------------------

export interface ChangeOptions {
  isNew?: boolean;
  /** Users to notify now (newly targeted); nobody when the page is held by a maintenance window. */
  notify?: string[];
  /** Extra details merged into every timeline entry (late timers). */
  extra?: Record<string, unknown>;
  /** Extra timeline lines ("no one on call for schedule X"). */
  notes?: string[];
}

export async function writeChange(ctx: Ctx, tx: Tx, actor: Actor, page: PageRow, timeline: PageTimelineEntry[], o: ChangeOptions = {}): Promise<PageRow> {
  const now = ctx.clock.now();
  if (o.isNew) await insertPage(tx, page, now);
  else await updatePage(tx, page, now);
  for (const e of timeline) {
    await recordTimeline(tx, e.at, actor, {
      subjectType: 'page',
      subjectId: page.id,
      action: e.type,
      detail: { ...e.details, fromStatus: e.fromStatus, toStatus: e.toStatus, ...(o.extra ?? {}) },
    });
  }
  for (const note of o.notes ?? []) {
    await recordTimeline(tx, now, actor, { subjectType: 'page', subjectId: page.id, action: 'page.note', detail: { message: note } });
  }
  await armTimer(ctx, tx, page, now);
  if (page.status === 'triggered' && !page.heldUntil && o.notify?.length) await queueNotifications(ctx, tx, actor, page, o.notify, now);
  await ctx.events.publish(tx, 'page.changed', { page, entries: timeline });
  announce(ctx, tx, { type: 'page.changed', id: page.id });
  // RP-4: time to acknowledge, counted once the acknowledgement is committed
  const acked = page.acknowledgedAt && timeline.some((e) => e.toStatus === 'acknowledged' && e.fromStatus === 'triggered') ? page.acknowledgedAt : null;
  if (acked) tx.afterCommit(() => ctx.metrics.pageAcknowledged(acked.since(page.triggeredAt).total('seconds')));
  return page;
}

export async function armTimer(ctx: Ctx, tx: Tx, page: PageRow, now: Temporal.Instant): Promise<void> {
  const timer = page.heldUntil ? null : nextEscalationTimer(await policyOf(tx, page), page);
  if (timer) {
    await enqueue(tx, now, { kind: JOB_ESCALATE, runAt: timer.runAt, key: timer.replaceKey, payload: { pageId: page.id, fromLevel: timer.fromLevel, loop: page.escalationLoop } });
  } else {
    await cancelJob(tx, now, escalationTimerKey(page.id));
  }
}

export async function queueNotifications(ctx: Ctx, tx: Tx, actor: Actor, page: PageRow, userIds: string[], now: Temporal.Instant): Promise<void> {
  const plan = await planForUsers(tx, page, userIds, now, page.notificationCycle);
  for (const d of plan.deliveries) {
    await enqueue(tx, now, {
      kind: JOB_NOTIFY,
      runAt: d.at,
      key: notifyJobKey(d.key),
      maxAttempts: 5,
      payload: { pageId: page.id, userId: d.userId, key: d.key, method: d.method, address: d.address },
    });
  }
  for (const u of plan.unreachable) {
    await recordTimeline(tx, now, actor, { subjectType: 'page', subjectId: page.id, action: 'page.note', detail: { message: 'cannot be reached: no verified contact method', userId: u } });
  }
}
