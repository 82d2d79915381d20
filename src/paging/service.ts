// Page use cases (PG-1..PG-5, PG-7): validate with the pure rules, then write state + timeline +
// timers + notifications in one transaction (service-core.ts).
import type { RecordedChange } from './change-event.ts';
import { changesBeforePage } from './service-changes.ts';
import { isStaff, type Actor } from '../kernel/actor.ts';
import { invalid, notFound } from '../kernel/errors.ts';
import { newId } from '../kernel/ids.ts';
import { ticketPageTitle } from '../kernel/page-title.ts';
import { findOrganization, findUser } from '../people/index.ts';
import { findTicketRecords, resolveTicketIds } from '../tickets/index.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import { listTimeline, type TimelineEntry } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { enqueue } from '../engine/jobs.ts';
import { listDeliveries, type DeliveryAttempt, type Reach } from '../notify/index.ts';
import { assertMayPageWith, planEscalation, planInitialLevel } from './escalation.ts';
import { planManualPage, type ManualPageRequest } from './manual-page.ts';
import { assertMayPageNamed } from './service-pageable.ts';
import { appendAlert, applyTransition, triggerPage as newPage, type PageTransition, type PageUrgency, type PageVeto } from './page.ts';
import { holdDecision, planBulk, type BulkAction } from './silence.ts';
import { JOB_RELEASE, loadPage, pageActorOf, policyOf, vetoesFor, writeChange } from './service-core.ts';
import { findOpenPageByDedup, findPages, findPolicy, findService, findWindows, nextPageNumber, type PageFilter, type PageRow } from './store.ts';
import { resolvePolicyTargets } from './service-targets.ts';
import { reachOfPages } from './service-reach.ts';

export { assertMayPageNamed } from './service-pageable.ts';
export type { PageChanged, PageVetoHook } from './service-core.ts';

export interface TriggerInput {
  serviceId: string;
  title: string;
  ticketId?: string | null;
  dedupKey?: string | null;
  urgency?: PageUrgency;
  /** Page with another policy than the service's (a manager paging the backup pool, PG-3). */
  escalationPolicyId?: string | null;
  /** Level of the policy the page starts at (0 = the first); SM-5: a manager's page enters at the manager's tier. */
  startLevel?: number;
  /** Page these users directly, with no escalation (PG-5 "page a specific engineer"). */
  targetUserIds?: string[];
  /**
   * With targetUserIds: the named people hold the page at `level` of this policy, and left
   * unacknowledged it escalates from there (SM-6: someone a manager pages by name for an emergency
   * is followed by the manager's tier, as the emergency's own page would be).
   */
  escalateFrom?: { policyId: string; level: number };
  source?: string;
  details?: Record<string, unknown>;
}

export interface TriggerResult {
  page: PageRow;
  /** false when an open page with the same dedup key took the trigger (PG-8). */
  created: boolean;
}

export async function triggerPage(ctx: Ctx, actor: Actor, input: TriggerInput, tx?: Tx): Promise<TriggerResult> {
  if (!isStaff(actor)) throw invalid('page.staff_only', 'Only staff and integrations trigger pages.');
  return withTx(ctx, tx, async (tx) => {
    const now = ctx.clock.now();
    const service = await findService(tx, { id: input.serviceId });
    if (!service) throw notFound('service.not_found', `No service ${input.serviceId}; list them with GET /api/v1/services.`);
    const pa = pageActorOf(actor);
    // PG-3, PG-5: people a caller names. The emergency workflow's own targets come from its
    // rotations and policies (source 'emergency'), not from a caller's choice.
    if (input.targetUserIds?.length && input.source !== 'emergency') await assertMayPageNamed(tx, actor, input.targetUserIds);
    if (input.dedupKey) {
      const open = await findOpenPageByDedup(tx, service.id, input.dedupKey);
      if (open) {
        const r = appendAlert(open, pa, now, input.details ? { details: input.details } : {});
        return { page: await writeChange(ctx, tx, actor, { ...open, ...r.page }, r.timeline), created: false };
      }
    }
    const named = !!input.targetUserIds?.length;
    const policyId = named ? (input.escalateFrom?.policyId ?? null) : (input.escalationPolicyId ?? service.escalationPolicyId);
    const policy = policyId ? await findPolicy(tx, { id: policyId }) : undefined;
    if (policyId && !policy) throw notFound('policy.not_found', `No escalation policy ${policyId}.`);
    if (policy) assertMayPageWith(policy, pa);
    const notes: string[] = [];
    let targets = input.targetUserIds ?? [];
    let shadows: string[] = [];
    let level = 0;
    let loop = 0;
    let cursors: Record<number, number> = {};
    if (policy && named) {
      level = input.escalateFrom!.level;
      if (!Number.isInteger(level) || level < 0 || level >= policy.levels.length) {
        throw invalid('policy.no_such_level', `Policy "${policy.name}" has no level ${level + 1} to hold a page at.`, { level });
      }
    } else if (policy) {
      const resolved = await resolvePolicyTargets(ctx, tx, policy, now);
      const plan = planInitialLevel(policy, now, resolved.resolve, {}, input.startLevel ?? 0);
      for (let l = input.startLevel ?? 0; l <= plan.level; l++) notes.push(...resolved.empty(l));
      ({ level, loop, cursors } = plan);
      targets = plan.targetUserIds;
      shadows = resolved.shadows(level, targets); // SCH-7
    }
    const r = newPage({
      id: newId(), number: await nextPageNumber(tx), serviceId: service.id, title: input.title, ticketId: input.ticketId ?? null,
      dedupKey: input.dedupKey ?? null, urgency: input.urgency, escalationPolicyId: policy?.id ?? null, targetUserIds: targets, shadowUserIds: shadows, actor: pa, at: now,
    });
    const hold = holdDecision(service.id, await findWindows(tx, { endingAfter: now }), now);
    const page: PageRow = {
      ...r.page, escalationLevel: level, escalationLoop: loop, cursors, heldUntil: hold.hold ? hold.until : null,
      source: input.source ?? (actor.via === 'events' ? 'events' : 'manual'), details: input.details ?? {},
    };
    if (hold.hold) {
      // PG-7: the page exists and is visible; notifications and escalation wait for the window's end.
      notes.push(`held by maintenance until ${hold.until.toString()}`);
      await enqueue(tx, now, { kind: JOB_RELEASE, runAt: hold.until, key: hold.releaseKey, payload: { serviceId: service.id } });
    }
    if (targets.length === 0 && !policy) notes.push('no one to notify');
    // SCH-7: shadows are notified alongside the owners; page.ts refuses their acknowledgement.
    await writeChange(ctx, tx, actor, page, r.timeline, { isNew: true, notify: [...targets, ...page.shadowUserIds], notes });
    return { page, created: true };
  });
}

/** PG-5: a manager turns a ticket into an emergency page, or anyone pages one engineer. */
export type ManualPageInput =
  | { kind: 'ticket_emergency'; ticketId: string; ticketNumber: string | number }
  | { kind: 'engineer'; targetUserId: string; ticketNumber: string | number; ticketId?: string | null };

export async function triggerManualPage(ctx: Ctx, actor: Actor, req: ManualPageInput, tx?: Tx): Promise<TriggerResult> {
  const plan = planManualPage({ ...req, actor: pageActorOf(actor) } as ManualPageRequest);
  return withTx(ctx, tx, async (tx) => triggerPage(ctx, actor, {
    serviceId: plan.serviceId, title: await titleForTicket(tx, plan.ticketId ?? String(req.ticketNumber), plan.title), ticketId: plan.ticketId,
    escalationPolicyId: plan.escalationPolicyId, targetUserIds: plan.directTargetUserIds ?? undefined,
  }, tx));
}

/** The page names the ticket's organisation and subject when the ticket is known; else the number given. */
async function titleForTicket(tx: Tx, ref: string, fallback: string): Promise<string> {
  // A number that names no ticket still pages (PG-5 takes the number as given): the title is then that number.
  const [id] = await resolveTicketIds(tx, [ref.trim().replace(/^#/, '')]).catch(() => [] as string[]);
  const rec = id ? (await findTicketRecords(tx, [id])).get(id) : undefined;
  if (!rec) return fallback;
  const t = rec.ticket;
  const org = t.organizationId ? await findOrganization(tx, { id: t.organizationId }) : undefined;
  const requester = org ? undefined : await findUser(tx, { id: t.requesterId });
  return ticketPageTitle({ number: t.number, subject: t.subject, who: org?.name ?? requester?.email ?? null });
}

type Made = { t: PageTransition; notify?: string[]; notes?: string[]; shadowUserIds?: string[] };

async function transition(ctx: Ctx, actor: Actor, ref: string, make: (page: PageRow, tx: Tx) => Promise<Made>, tx?: Tx): Promise<PageRow> {
  return withTx(ctx, tx, async (tx) => {
    const page = await loadPage(tx, ref);
    const { t, notify, notes, shadowUserIds } = await make(page, tx);
    const r = applyTransition(page, t, { vetoes: await vetoesFor(ctx, page, t, tx) });
    const next: PageRow = { ...page, ...r.page, ...(shadowUserIds ? { shadowUserIds } : {}) };
    return writeChange(ctx, tx, actor, next, r.timeline, { notify: notify && [...notify, ...(shadowUserIds ?? [])], notes });
  });
}

export async function acknowledgePage(ctx: Ctx, actor: Actor, ref: string, tx?: Tx): Promise<PageRow> {
  return transition(ctx, actor, ref, async () => ({ t: { kind: 'acknowledge', actor: pageActorOf(actor), at: ctx.clock.now() } }), tx);
}

export async function resolvePage(ctx: Ctx, actor: Actor, ref: string, input: { note?: string } = {}, tx?: Tx): Promise<PageRow> {
  return transition(ctx, actor, ref, async () => ({ t: { kind: 'resolve', actor: pageActorOf(actor), at: ctx.clock.now(), note: input.note } }), tx);
}

/**
 * The page's emergency (or incident) is over: the system resolves it in the caller's transaction,
 * with the reason on its timeline. Resolving re-arms nothing and cancels the escalation timer, and
 * queued notifications are dropped when they come due (only triggered pages are delivered).
 * Null when the page was already resolved.
 */
export async function endPageWithSubject(ctx: Ctx, actor: Actor, ref: string, input: { reason: string; engaged: boolean }, tx?: Tx): Promise<PageRow | null> {
  if (actor.kind !== 'system') throw invalid('page.subject_ended_system_only', 'Only the system ends a page because its emergency ended.');
  return withTx(ctx, tx, async (tx) => {
    if ((await loadPage(tx, ref)).status === 'resolved') return null;
    return transition(ctx, actor, ref, async () => ({ t: { kind: 'resolve', actor: pageActorOf(actor), at: ctx.clock.now(), subjectEnded: input } }), tx);
  });
}

/** PG-4 (manual) and PG-3 (the escalation timer, with reason 'timeout'). */
export async function escalatePage(ctx: Ctx, actor: Actor, ref: string, opts: { reason?: 'manual' | 'timeout'; fromLevel?: number } = {}, tx?: Tx): Promise<PageRow> {
  return transition(ctx, actor, ref, async (page, tx) => {
    const now = ctx.clock.now();
    const policy = await policyOf(tx, page);
    if (!policy) throw invalid('page.no_policy', `Page #${page.number} has no escalation policy; reassign it instead.`);
    const resolved = await resolvePolicyTargets(ctx, tx, policy, now);
    const to = planEscalation(policy, page, now, resolved.resolve, page.cursors);
    const notes: string[] = [];
    for (let l = 0; l < policy.levels.length; l++) if (l === to.level) notes.push(...resolved.empty(l));
    page.cursors = to.cursors;
    const t: PageTransition = { kind: 'escalate', actor: pageActorOf(actor), at: now, reason: opts.reason ?? 'manual', fromLevel: opts.fromLevel, to };
    // SCH-7: the new level's shadows replace the previous level's and are notified alongside.
    return { t, notify: to.targetUserIds, notes, shadowUserIds: resolved.shadows(to.level, to.targetUserIds) };
  }, tx);
}

export async function reassignPage(ctx: Ctx, actor: Actor, ref: string, toUserIds: string[], tx?: Tx): Promise<PageRow> {
  return transition(ctx, actor, ref, async (_page, tx) => {
    await assertMayPageNamed(tx, actor, toUserIds); // nobody unknown, no customer (PG-3, PG-5)
    return { t: { kind: 'reassign', actor: pageActorOf(actor), at: ctx.clock.now(), toUserIds }, notify: toUserIds };
  }, tx);
}

export interface BulkResult {
  results: Array<{ pageId: string; outcome: string; code?: string; message?: string }>;
  counts: Record<string, number>;
}

/** PG-7: acknowledge or resolve many pages at once; one result per page, none lost. */
export async function bulkPages(ctx: Ctx, actor: Actor, input: { action: BulkAction; pageIds: string[] }, tx?: Tx): Promise<BulkResult> {
  return withTx(ctx, tx, async (tx) => {
    const now = ctx.clock.now();
    const pages = await findPages(tx, { ids: [...new Set(input.pageIds)], limit: 1000 });
    const pa = pageActorOf(actor);
    const vetoes: PageVeto[] = [];
    for (const p of pages) {
      const v = await vetoesFor(ctx, p, { kind: input.action, actor: pa, at: now }, tx);
      vetoes.push(...v.map((fn): PageVeto => (page, t) => (page.id === p.id ? fn(page, t) : null)));
    }
    const plan = planBulk({ action: input.action, requestedIds: input.pageIds, pages, actor: pa, at: now, vetoes });
    for (const r of plan.results) {
      if (r.outcome !== 'applied') continue;
      const before = pages.find((p) => p.id === r.pageId)!;
      await writeChange(ctx, tx, actor, { ...before, ...r.result.page }, r.result.timeline, { extra: { bulk: true } });
    }
    return {
      counts: plan.counts,
      results: plan.results.map((r) =>
        r.outcome === 'applied' ? { pageId: r.pageId, outcome: r.outcome }
          : r.outcome === 'unchanged' ? { pageId: r.pageId, outcome: r.outcome, code: r.code, message: r.message }
            : r.outcome === 'refused' ? { pageId: r.pageId, outcome: r.outcome, code: r.error.code, message: r.error.message }
              : { pageId: r.pageId, outcome: r.outcome }),
    };
  });
}

// ---- reading ----------------------------------------------------------------------------------

export interface PageView extends PageRow {
  timeline: TimelineEntry[];
  /** PG-8: the service's change events of the hour before the page was triggered, newest first. */
  recentChanges: RecordedChange[];
  deliveries: DeliveryAttempt[];
  /** Has anyone been reached? (the "nobody has been reached" banner) */
  reach: Reach;
}

export async function getPage(ctx: Ctx, actor: Actor, ref: string, tx?: Tx): Promise<PageView> {
  if (!isStaff(actor)) throw notFound('page.not_found', `No page ${ref}.`);
  return withTx(ctx, tx, async (tx) => {
    const page = await loadPage(tx, ref);
    const reach = (await reachOfPages(tx, [page])).get(page.id)!;
    return { ...page, timeline: await listTimeline(tx, 'page', page.id), deliveries: await listDeliveries(tx, { pageId: page.id }), reach, recentChanges: await changesBeforePage(ctx, page, tx) };
  });
}

export type PageListFilter = {
  mine?: boolean; status?: PageFilter['status'] | 'any'; serviceId?: string; ticketId?: string; limit?: number;
} & Pick<PageFilter, 'offset' | 'organizationId' | 'from' | 'to' | 'text'> & {
  /** Pages this person was paged for, acknowledged or resolved. */
  userId?: string;
};

export async function listPages(ctx: Ctx, actor: Actor, f: PageListFilter = {}, tx?: Tx): Promise<PageRow[]> {
  return (await listPageHistory(ctx, actor, f, tx)).items;
}

/** The page history: any state, filtered and searched, newest first, a page of results at a time. */
export async function listPageHistory(ctx: Ctx, actor: Actor, f: PageListFilter = {}, tx?: Tx): Promise<{ items: PageRow[]; nextOffset: number | null }> {
  if (!isStaff(actor)) return { items: [], nextOffset: null };
  const status = f.status === 'any' ? undefined : (f.status ?? 'open');
  const limit = f.limit ?? 200;
  const offset = f.offset ?? 0;
  const rows = await withTx(ctx, tx, (tx) => findPages(tx, {
    status, serviceId: f.serviceId, ticketId: f.ticketId, userId: f.mine ? (actor.userId ?? '-') : f.userId,
    organizationId: f.organizationId, from: f.from, to: f.to, text: f.text, offset, limit: limit + 1,
  }));
  return { items: rows.slice(0, limit), nextOffset: rows.length > limit ? offset + limit : null };
}
