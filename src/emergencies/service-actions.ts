// Emergency use cases behind the API and the CLI: board, detail, and the engineer's actions
// (WF-4, WF-6/PG-4, WF-8, WF-9, WF-15, SCH-10, PG-3). Each validates, runs the pure rule, and
// applies its Decision in one transaction.
import { addThreadEntry, listThread, queueMirror } from '../conversations/index.ts';
import { SYSTEM, type Actor } from '../kernel/actor.ts';
import { forbidden, invalid, notFound } from '../kernel/errors.ts';
import { instant, isoUtc } from '../kernel/time.ts';
import { acknowledgePage, escalatePage, reachOfPages, reassignPage } from '../paging/index.ts';
import { findUser } from '../people/index.ts';
import { announce, withTx, type Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';
import { applyDecision, PAGING_SERVICE } from './service-apply-decision.ts';
import { decideAcknowledge, decideEscalateInsteadOfAck, decidePageBackupPool, managerScheduleFor } from './concurrency.ts';
import type { EmergencyConfig, ExceptionCriterion } from './config.ts';
import type { Decision, GuardName, Priority, RunbookItem } from './decision.ts';
import { decideHandoffResponse } from './handoff.ts';
import { decidePostCall } from './post-call.ts';
import { decideQualification, type QualificationVerdict } from './qualification.ts';
import { decideResolution, type FollowUp } from './resolution.ts';
import { runbookState } from './runbook.ts';
import { managerTier } from './service-manager-page.ts';
import { endEmergencyPages } from './service-end-pages.ts';
import { loadEmergencyTicket, onCallFor } from './service-context.ts';
import { emergencyConfigOf } from './service-settings.ts';
import { pagesOf } from './service.ts';
import { canOfferCall, decideCompromisedInstance, decideManagerEngaged } from './special-handling.ts';
import { decideStuck, stuckOptions } from './stuck.ts';
import { changesBetween, emergencyChanged } from './service-events.ts';
import { findEmergency, findEmergencyHistory, listEmergencies, listRecords, listTicks, listTimers, updateEmergency, type Emergency, type EmergencyHistoryFilter } from './store.ts';

const staff = (a: Actor) => {
  if (a.role === 'customer') throw forbidden('emergency.staff_only', 'Only support staff work emergencies.');
};

async function load(tx: Tx, ref: string): Promise<Emergency> {
  const e = /^\d+$/.test(ref) ? await findEmergency(tx, { ticketNumber: Number(ref) }, true) : (await findEmergency(tx, { id: ref }, true)) ?? (await findEmergency(tx, { ticketId: ref }, true));
  if (!e) throw notFound('emergency.not_found', `No emergency ${ref}; list them with GET /api/v1/emergencies or \`hotline emergency list\`.`);
  return e;
}

export async function emailOf(tx: Tx, a: Actor): Promise<string> {
  const u = a.userId ? await findUser(tx, { id: a.userId }) : undefined;
  return u?.email ?? a.name;
}

async function runbookOf(ctx: Ctx, tx: Tx, e: Emergency, solved: boolean) {
  const ticks = await listTicks(tx, e.id);
  const done: Partial<Record<RunbookItem, ReturnType<typeof instant>>> = {};
  for (const t of ticks) done[t.item] = instant(t.doneAt);
  const at = (v: string | null) => (v ? instant(v) : null);
  return runbookState({
    createdAt: instant(e.createdAt), done, paged: e.state !== 'not_paged', firstPublicReplyAt: at(e.firstPublicReplyAt),
    customerRepliedAt: at(e.customerRepliedAt), callEndedAt: at(e.callEndedAt), solved,
  }, ctx.clock.now(), await emergencyConfigOf(tx));
}

/** The board: open emergencies, oldest first, with age, owner and the next due runbook step. */
export async function listBoard(ctx: Ctx, actor: Actor, f: { all?: boolean } = {}, tx?: Tx) {
  staff(actor);
  return withTx(ctx, tx, async (tx) => boardRows(ctx, tx, await listEmergencies(tx, { states: f.all ? undefined : ['open'] })));
}

/** RP-3: emergencies in any state, filtered and searched, newest first, a page at a time (board rows). */
export async function listEmergencyHistory(ctx: Ctx, actor: Actor, f: Omit<EmergencyHistoryFilter, 'limit' | 'offset'> & { limit?: number; offset?: number }, tx?: Tx) {
  staff(actor);
  return withTx(ctx, tx, async (tx) => {
    const limit = f.limit ?? 50;
    const offset = f.offset ?? 0;
    const found = await findEmergencyHistory(tx, { ...f, limit: limit + 1, offset });
    return { items: await boardRows(ctx, tx, found.slice(0, limit)), nextOffset: found.length > limit ? offset + limit : null };
  });
}

async function boardRows(ctx: Ctx, tx: Tx, list: Emergency[]) {
  const now = ctx.clock.now();
  const items = [];
  // the "nobody has been reached" banner on the board: each emergency's own page
  const reach = await reachOfPages(tx, (await Promise.all(list.filter((e) => e.pageId).map((e) => pagesOf(ctx, tx, e.ticketId)))).flat().filter((p) => list.some((e) => e.pageId === p.id)));
  for (const e of list) {
    const { ticket, view } = await loadEmergencyTicket(tx, e.ticketId);
    const rb = await runbookOf(ctx, tx, e, view.status === 'solved' || view.status === 'closed');
    // The board ticks age and timers in the browser, so it needs the instants, not only minutes.
    const timers = (await listTimers(tx, e.ticketId)).filter((t) => t.state === 'pending').map((t) => ({ kind: t.kind, dueAt: t.dueAt }));
    items.push({
      id: e.id, ticketId: e.ticketId, ticketNumber: e.ticketNumber, subject: ticket.subject, createdAt: e.createdAt, resolvedAt: e.resolvedAt, timers,
      state: e.state, priority: view.priority, status: view.status, organizationId: e.organizationId, pageId: e.pageId,
      owner: view.assignee ?? e.driUserId, ageMinutes: Math.floor((now.epochMilliseconds - instant(e.createdAt).epochMilliseconds) / 60000),
      entitlement: e.entitlement.kind, qualification: e.qualification, channel: e.channel,
      next: rb.next ? { item: rb.next.item, label: rb.next.label, status: rb.next.status, dueAt: rb.next.dueAt ? isoUtc(rb.next.dueAt) : null } : null,
      reach: (e.pageId && reach.get(e.pageId)) || null,
    });
  }
  return items;
}

/** One emergency: ticket, thread, runbook, entitlement verdict, timers with due instants, pages. */
export async function showEmergency(ctx: Ctx, actor: Actor, ref: string, tx?: Tx) {
  staff(actor);
  return withTx(ctx, tx, async (tx) => {
    const e = await load(tx, ref);
    const { view } = await loadEmergencyTicket(tx, e.ticketId);
    const config = await emergencyConfigOf(tx);
    const rb = await runbookOf(ctx, tx, e, view.status === 'solved' || view.status === 'closed');
    const pages = await pagesOf(ctx, tx, e.ticketId);
    // the banner: the emergency's own page, else any page still open for its ticket
    const own = pages.find((p) => p.id === e.pageId) ?? pages.find((p) => p.status === 'triggered');
    return {
      ...e, ticket: { ...view, createdAt: isoUtc(view.createdAt) },
      reach: own ? (await reachOfPages(tx, [own])).get(own.id)! : null,
      thread: await listThread(tx, e.id),
      runbook: { next: rb.next?.item ?? null, overdue: rb.overdue, items: rb.items.map((i) => ({ ...i, dueAt: i.dueAt ? isoUtc(i.dueAt) : null, doneAt: i.doneAt ? isoUtc(i.doneAt) : null })) },
      timers: await listTimers(tx, e.ticketId),
      records: await listRecords(tx, e.ticketId),
      pages: pages.map((p) => ({ id: p.id, number: p.number, status: p.status, targetUserIds: p.targetUserIds })),
      stuckOptions: stuckOptions({ ticket: view, deployment: e.route.dedicated ? 'dedicated' : view.form === 'saas' ? 'saas' : 'self-managed', onCall: await onCallFor(ctx, tx, e.rotation, ctx.clock.now()) }, ctx.clock.now(), config),
    };
  });
}

export async function act(ctx: Ctx, actor: Actor, ref: string, cause: string, make: (x: { tx: Tx; e: Emergency; view: Awaited<ReturnType<typeof loadEmergencyTicket>>['view']; me: string; config: EmergencyConfig }) => Promise<Decision>, tx?: Tx) {
  staff(actor);
  return withTx(ctx, tx, async (tx) => {
    const e = await load(tx, ref);
    const { view } = await loadEmergencyTicket(tx, e.ticketId);
    const config = await emergencyConfigOf(tx);
    const d = await make({ tx, e, view, me: await emailOf(tx, actor), config });
    const applied = await applyDecision(ctx, tx, actor, d, { cause, config });
    const after = await findEmergency(tx, { id: e.id });
    if (after) await emergencyChanged(ctx, tx, after, changesBetween(e, after), actor, ctx.clock.now());
    // WF-9: an action that ended the emergency (a downgrade keeps the ticket open) ends its pages too.
    if (e.state === 'open' && after && after.state !== 'open') await endEmergencyPages(ctx, tx, after, { status: null, cause, by: actor.name });
    announce(ctx, tx, { type: 'emergency.updated', id: e.id, organizationId: e.organizationId });
    return { emergency: await showEmergency(ctx, actor, e.id, tx), notices: applied.notices, pageIds: applied.pageIds, followUpTicketIds: applied.followUpTicketIds };
  });
}

/** WF-6: whoever acknowledges owns the emergency; the page is acknowledged too. */
export const acknowledge = (ctx: Ctx, actor: Actor, ref: string, tx?: Tx) =>
  act(ctx, actor, ref, 'emergency.acknowledged', async ({ tx, e, view, me, config }) => {
    if (e.pageId) {
      const p = (await pagesOf(ctx, tx, e.ticketId)).find((x) => x.id === e.pageId);
      if (p?.status === 'triggered') {
        // WF-6: "whoever acknowledges the page owns it" — an engineer answering a page that went to
        // the manager or the regional group takes it over first.
        if (actor.userId && !p.targetUserIds.includes(actor.userId)) await reassignPage(ctx, SYSTEM, e.pageId, [actor.userId], tx);
        await acknowledgePage(ctx, actor, e.pageId, tx);
      }
    }
    await updateEmergency(tx, e.id, ctx.clock.now(), { acknowledgedAt: isoUtc(ctx.clock.now()), driUserId: me });
    return decideAcknowledge({ ticket: view, by: me, channel: e.channel }, ctx.clock.now(), config);
  }, tx);

/** PG-4: busy with another emergency, the engineer escalates to the manager instead. */
export const escalateInsteadOfAck = (ctx: Ctx, actor: Actor, ref: string, tx?: Tx) =>
  act(ctx, actor, ref, 'emergency.escalated', async ({ tx, e, view, me, config }) => {
    if (e.pageId) {
      const p = (await pagesOf(ctx, tx, e.ticketId)).find((x) => x.id === e.pageId);
      // A page already at the manager's tier (SM-5: a concurrent emergency's) is with the manager:
      // escalating it would skip past them to the directors. The rule below brings the manager in.
      if (p && p.status !== 'resolved' && p.escalationPolicyId) {
        const tier = await managerTier(ctx, tx, { serviceId: PAGING_SERVICE.id, rotation: e.rotation, managerSchedule: managerScheduleFor(e.rotation, config) });
        const withManager = tier?.policyId === p.escalationPolicyId && p.escalationLevel >= tier.level;
        if (!withManager) await escalatePage(ctx, actor, p.id, { reason: 'manual' }, tx);
      }
    }
    return decideEscalateInsteadOfAck({ ticket: view, by: me, onCall: await onCallFor(ctx, tx, e.rotation, ctx.clock.now()), rotation: e.rotation }, ctx.clock.now(), config);
  }, tx);

export interface QualifyInput { verdict: QualificationVerdict; criterion?: ExceptionCriterion; message?: string; relatedTicket?: number | string | null; downgradePriority?: Priority }

/** WF-4: strict / exception (with criterion) / needs more info / not an emergency (downgrade). */
export const qualify = (ctx: Ctx, actor: Actor, ref: string, input: QualifyInput, tx?: Tx) =>
  act(ctx, actor, ref, `emergency.qualified.${input.verdict}`, async ({ tx, e, view, config }) => {
    let related = null;
    if (input.relatedTicket) {
      const r = await loadEmergencyTicket(tx, String(input.relatedTicket));
      related = { id: r.view.id, number: r.view.number, priority: r.view.priority };
    }
    const d = decideQualification({ ticket: view, verdict: input.verdict, criterion: input.criterion, message: input.message, relatedTicket: related, downgradePriority: input.downgradePriority }, ctx.clock.now(), config);
    await updateEmergency(tx, e.id, ctx.clock.now(), { qualification: input.verdict, exceptionCriterion: input.criterion ?? null, ...(input.verdict === 'not_emergency' ? { state: 'resolved', resolvedAt: isoUtc(ctx.clock.now()) } : {}) });
    return d;
  }, tx);

export interface ResolveInput { followUp: { kind: 'existing'; ticket: number | string; priority?: Priority } | { kind: 'new'; subject: string; priority: Priority; owner?: string | null } | { kind: 'none' }; summary?: string; followUpNote?: string; pairing?: string[] }

/** WF-9: solve the emergency; follow-up work goes to a separate ticket. */
export const resolve = (ctx: Ctx, actor: Actor, ref: string, input: ResolveInput, tx?: Tx) =>
  act(ctx, actor, ref, 'emergency.resolved', async ({ tx, e, view, me, config }) => {
    let followUp: FollowUp = input.followUp.kind === 'existing' ? { kind: 'none' } : input.followUp;
    if (input.followUp.kind === 'existing') {
      const r = await loadEmergencyTicket(tx, String(input.followUp.ticket));
      followUp = { kind: 'existing', ticket: { id: r.view.id, number: r.view.number, priority: r.view.priority }, priority: input.followUp.priority };
    }
    await updateEmergency(tx, e.id, ctx.clock.now(), { state: 'resolved', resolvedAt: isoUtc(ctx.clock.now()) });
    return decideResolution({ ticket: view, by: me, followUp, summary: input.summary, followUpNote: input.followUpNote, pairing: input.pairing ? { people: input.pairing } : null }, ctx.clock.now(), config);
  }, tx);

export interface PostCallBody { summary: string; internalNotes?: string | null; resolved: boolean; nonEmergencyTicket?: number | string | null }

/** WF-8: after the call — notes, next engineer, merge into a non-emergency ticket if unresolved. */
export const postCall = (ctx: Ctx, actor: Actor, ref: string, input: PostCallBody, tx?: Tx) =>
  act(ctx, actor, ref, 'emergency.post_call', async ({ tx, e, view, me, config }) => {
    const now = ctx.clock.now();
    const onCall = await onCallFor(ctx, tx, e.rotation, now.add({ hours: 8 }));
    let other = null;
    if (input.nonEmergencyTicket) {
      const r = await loadEmergencyTicket(tx, String(input.nonEmergencyTicket));
      other = { id: r.view.id, number: r.view.number };
    }
    await updateEmergency(tx, e.id, now, { callEndedAt: isoUtc(now) });
    return decidePostCall({ ticket: view, author: me, summary: input.summary, internalNotes: input.internalNotes ?? null, resolved: input.resolved, nextOnCall: onCall.dri ?? onCall.engineers[0] ?? null, authorOnCallUntil: null, channel: e.channel, nonEmergencyTicket: other }, now, config);
  }, tx);

/** WF-15: stuck — bring in the manager on call or request a developer escalation. */
export const stuck = (ctx: Ctx, actor: Actor, ref: string, input: { action: 'manager_on_call' | 'developer_escalation' }, tx?: Tx) =>
  act(ctx, actor, ref, `emergency.stuck.${input.action}`, async ({ tx, e, view, me, config }) => {
    const onCall = await onCallFor(ctx, tx, e.rotation, ctx.clock.now());
    return decideStuck({ ticket: view, deployment: e.route.dedicated ? 'dedicated' : view.form === 'saas' ? 'saas' : 'self-managed', onCall, action: input.action, by: me, channel: e.channel }, ctx.clock.now(), config);
  }, tx);

/** PG-3/WF-6: the manager pages the backup pool. */
export const pageBackupPool = (ctx: Ctx, actor: Actor, ref: string, tx?: Tx) =>
  act(ctx, actor, ref, 'emergency.backup_pool_paged', async ({ tx, e, view, me, config }) => {
    const onCall = await onCallFor(ctx, tx, e.rotation, ctx.clock.now());
    const role = actor.role === 'manager' || actor.role === 'admin' ? 'manager' : 'engineer';
    return decidePageBackupPool({ ticket: view, actor: { email: me, role }, region: onCall.region }, ctx.clock.now(), config);
  }, tx);

/** SCH-10: the incoming engineer accepts the hand-off or names a replacement DRI. */
export const handoff = (ctx: Ctx, actor: Actor, ref: string, input: { replacement?: string | null }, tx?: Tx) =>
  act(ctx, actor, ref, 'emergency.handoff', async ({ tx, e, view, me, config }) => {
    const dri = input.replacement ?? me;
    if (input.replacement && !(await findUser(tx, { email: input.replacement }))) throw notFound('emergency.unknown_engineer', `No user ${input.replacement}; name the replacement by e-mail.`);
    await updateEmergency(tx, e.id, ctx.clock.now(), { driUserId: dri });
    return decideHandoffResponse({ ticket: view, by: me, response: input.replacement ? { kind: 'replacement', replacement: input.replacement } : { kind: 'accept' }, channel: e.channel }, ctx.clock.now(), config);
  }, tx);

/** WF-13: the engineer flags a likely compromised instance (call guarded until the manager is engaged). */
export const compromised = (ctx: Ctx, actor: Actor, ref: string, tx?: Tx) =>
  act(ctx, actor, ref, 'emergency.compromised', async ({ tx, e, view, config }) =>
    decideCompromisedInstance({ ticket: view, managerOnCall: (await onCallFor(ctx, tx, e.rotation, ctx.clock.now())).manager }, ctx.clock.now(), config), tx);

/** WF-13/ENT-4: the manager on call is engaged — the call guard is lifted. */
export const managerEngaged = (ctx: Ctx, actor: Actor, ref: string, tx?: Tx) =>
  act(ctx, actor, ref, 'emergency.manager_engaged', async ({ view, me, config }) => decideManagerEngaged({ ticket: view, manager: me }, ctx.clock.now(), config), tx);

/** WF-13: may a call be offered now? */
export async function callAllowed(ctx: Ctx, actor: Actor, ref: string, tx?: Tx) {
  staff(actor);
  return withTx(ctx, tx, async (tx) => canOfferCall({ activeGuards: (await load(tx, ref)).guards as GuardName[] }));
}

/** A person's note on the emergency's thread (mirrored to the form's chat channel when chat is configured). */
export async function addNote(ctx: Ctx, actor: Actor, ref: string, text: string, tx?: Tx) {
  staff(actor);
  return withTx(ctx, tx, async (tx) => {
    const e = await load(tx, ref);
    const entry = await addThreadEntry(tx, e.id, { ticketId: e.ticketId, channel: e.channel, kind: 'note', author: await emailOf(tx, actor), text, mentions: [...text.matchAll(/@[\w.\-]+(?:@[\w.\-]+)?/g)].map((m) => m[0]), late: false }, ctx.clock.now());
    await queueMirror(ctx, tx, e.ticketId, ctx.clock.now());
    return entry;
  });
}

