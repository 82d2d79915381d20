// The one place a rule's Decision becomes effects: ticket changes and comments through the
// tickets service, pages through the paging service, thread posts, timers as engine jobs with
// replace keys, runbook ticks and records — all inside the caller's transaction, plus one
// timeline entry saying what was applied and why.
import { addThreadEntry, deliverMention, queueMirror } from '../conversations/index.ts';
import type { Actor } from '../kernel/actor.ts';
import { isDomainError } from '../kernel/errors.ts';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import { cancelJob, enqueue } from '../engine/jobs.ts';
import { listPolicies, reassignPage, triggerPage } from '../paging/index.ts';
import { findUser } from '../people/index.ts';
import type { Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import { underSavepoint, type Tx } from '../store/tx.ts';
import { addComment, createFollowUp, linkTickets, listMacros, mergeTickets, previewMacro, type TicketChanges, updateTicket } from '../tickets/index.ts';
import type { EmergencyConfig } from './config.ts';
import { TIMER_LATE_POLICY, type Decision, type FieldChanges, type PageOut, type TimerKind } from './decision.ts';
import { managerTier } from './service-manager-page.ts';
import { addRecord, findEmergency, setTimerState, tick, updateEmergency, upsertTimer, type Emergency } from './store.ts';

/** Engine job kind of an emergency timer. */
export const jobKind = <T extends TimerKind>(timer: T): `emergency.${T}` => `emergency.${timer}`;

/** An emergency timer as armed: the rule's own payload, its ticket, and when and how it is due. */
export type TimerPayload = Record<string, unknown> & { ticketId: string | null; timer: TimerKind; scheduledAt: string; onLate: 'fire' | 'skip' };
type TimerPayloads = { [T in TimerKind as `emergency.${T}`]: TimerPayload };

declare module '../engine/job-kind.ts' {
  interface JobPayloads extends TimerPayloads {}
}

/** Service the emergency pages are raised on (its policy is the default escalation). */
export const PAGING_SERVICE = { id: 'customer-emergencies' };

export interface ApplyOptions {
  /** Timeline action ("emergency.intake", "emergency.silence_followup"…). */
  cause: string;
  /** The decision comes from a timer that fired after its instant (downtime): thread posts say so. */
  late?: boolean;
  config: EmergencyConfig;
  /** False when the mentions reach people another way (the hand-off message lists them). */
  deliverMentions?: boolean;
}

export interface Applied {
  pageIds: string[];
  followUpTicketIds: string[];
  notices: Decision['notices'];
}

const dash = (v: string) => v.replace(/-/g, '_');

async function userIdOf(tx: Tx, who: string | null | undefined): Promise<string | null> {
  if (!who) return null;
  const u = who.includes('@') ? await findUser(tx, { email: who }) : await findUser(tx, { id: who });
  return u?.id ?? null;
}

async function ticketChanges(tx: Tx, f: FieldChanges): Promise<TicketChanges> {
  const c: TicketChanges = {};
  if (f.priority) c.priority = f.priority;
  if (f.status) c.status = dash(f.status) as TicketChanges['status'];
  if (f.form) c.form = dash(f.form);
  if (f.stage) c.stage = dash(f.stage) as TicketChanges['stage'];
  if (f.assignee !== undefined) c.assigneeId = await userIdOf(tx, f.assignee);
  if (f.addTags?.length || f.removeTags?.length) c.tags = { add: f.addTags ?? [], remove: f.removeTags ?? [] };
  const followers = [];
  for (const who of [...(f.addFollowers ?? []), ...(f.addCcs ?? [])]) {
    const id = await userIdOf(tx, who);
    if (id) followers.push(id);
  }
  if (followers.length) c.followers = { add: followers };
  return c;
}

export async function applyDecision(ctx: Ctx, tx: Tx, actor: Actor, d: Decision, o: ApplyOptions): Promise<Applied> {
  const now = ctx.clock.now();
  const out: Applied = { pageIds: [], followUpTicketIds: [], notices: d.notices };
  const cache = new Map<string, Emergency | undefined>();
  const em = async (ticketId: string | null) => {
    if (!ticketId) return undefined;
    if (!cache.has(ticketId)) cache.set(ticketId, await findEmergency(tx, { ticketId }));
    return cache.get(ticketId);
  };

  // Solving or closing waits until the comments and links are written: a closed ticket takes no more.
  const closing: { ticketId: string; status: NonNullable<FieldChanges['status']> }[] = [];
  for (const ch of d.ticketChanges) {
    const { status, ...rest } = ch.fields;
    if (status === 'solved' || status === 'closed') closing.push({ ticketId: ch.ticketId, status });
    const changes = await ticketChanges(tx, status === 'solved' || status === 'closed' ? rest : ch.fields);
    if (Object.keys(changes).length) await updateTicket(ctx, actor, ch.ticketId, { changes }, tx);
  }

  // A rule's comment is already worded from the seeds; its macro contributes fields and tags (its
  // own comment template is for a person to fill in), written as one change with the comment.
  let macros: { id: string; title: string }[] | null = null;
  for (const c of d.comments) {
    let changes: TicketChanges | undefined;
    if (c.macro) {
      macros ??= await listMacros(tx);
      const m = macros.find((x) => x.title === c.macro || x.id === c.macro);
      if (m) {
        const plan = await previewMacro(ctx, actor, c.ticketId, { macroId: m.id }, tx);
        if (Object.keys(plan.changes).length) changes = plan.changes;
      }
    }
    await addComment(ctx, actor, c.ticketId, { body: c.body, isPublic: c.visibility === 'public', ...(changes ? { changes } : {}) }, tx);
  }

  for (const p of d.pages) {
    const id = await raisePageOrSayWhy(ctx, tx, actor, p, o.config, now, await em(p.ticketId), !!o.late);
    if (!id) continue;
    out.pageIds.push(id);
    const e = await em(p.ticketId);
    if (e && !e.pageId) {
      await updateEmergency(tx, e.id, now, { pageId: id });
      cache.set(p.ticketId, { ...e, pageId: id });
    }
  }

  for (const p of d.threadPosts) {
    const e = await em(p.ticketId);
    await addThreadEntry(tx, e?.id ?? null, { ticketId: p.ticketId, channel: p.channel, kind: p.mode, author: null, text: p.text, mentions: [], late: !!o.late }, now);
  }
  for (const m of d.mentions) {
    // The thread names the person so the web and the chat mirror show who was brought in and why;
    // the people named are told through their own contact methods.
    const e = await em(m.ticketId);
    const entry = await addThreadEntry(tx, e?.id ?? null, { ticketId: m.ticketId, channel: e?.channel ?? '', kind: 'mention', author: null, text: `${m.who}: ${m.reason}`, mentions: [m.who], late: !!o.late }, now);
    if (o.deliverMentions !== false) await deliverMention(ctx, tx, now, { entryId: entry.id, ticketId: m.ticketId, ticketNumber: e?.ticketNumber ?? null, who: m.who, reason: m.reason });
  }
  for (const n of d.notices) {
    const e = await em(n.ticketId);
    await addThreadEntry(tx, e?.id ?? null, { ticketId: n.ticketId, channel: e?.channel ?? '', kind: 'notice', author: null, text: `[${n.code}] ${n.text}`, mentions: [], late: !!o.late }, now);
  }

  // WF-1: the chat channel of the form shows the thread too (when chat is configured)
  for (const ticketId of new Set([...d.threadPosts.map((p) => p.ticketId), ...d.mentions.map((m) => m.ticketId), ...d.notices.map((n) => n.ticketId)])) {
    await queueMirror(ctx, tx, ticketId, now);
  }

  for (const c of d.timersToCancel) {
    await cancelJob(tx, now, c.key);
    await setTimerState(tx, c.key, 'cancelled', now);
  }
  for (const t of d.timersToSet) {
    // The rule states the late behaviour; the registered job kind follows TIMER_LATE_POLICY.
    const payload = { ...(t.payload ?? {}), ticketId: t.ticketId, timer: t.kind, scheduledAt: isoUtc(t.at), onLate: t.onLate ?? TIMER_LATE_POLICY[t.kind] };
    await enqueue(tx, now, { kind: jobKind(t.kind), runAt: t.at, key: t.key, payload });
    const e = await em(t.ticketId);
    await upsertTimer(tx, { key: t.key, kind: t.kind, emergencyId: e?.id ?? null, ticketId: t.ticketId, dueAt: t.at, state: 'pending' }, now);
  }

  for (const r of d.runbookTicks) {
    const e = await em(r.ticketId);
    if (e) await tick(tx, e.id, r.item, now, actor.userId);
  }

  for (const r of d.records) {
    switch (r.kind) {
      case 'link':
        await linkTickets(ctx, actor, r.ticketId, r.otherTicketId, r.relation, tx);
        break;
      case 'merge':
        await mergeTickets(ctx, actor, r.ticketId, r.intoTicketId, {}, tx);
        break;
      case 'create_follow_up_ticket': {
        const created = await createFollowUp(ctx, actor, r.fromTicketId, { subject: r.subject, description: r.body, priority: r.priority }, tx);
        out.followUpTicketIds.push(created.ticket.id);
        const assignee = await userIdOf(tx, r.assignee);
        if (assignee) await updateTicket(ctx, actor, created.ticket.id, { changes: { assigneeId: assignee } }, tx);
        if (r.then === 'merge') await mergeTickets(ctx, actor, r.fromTicketId, created.ticket.id, {}, tx);
        await addRecord(tx, { emergencyId: (await em(r.fromTicketId))?.id ?? null, ticketId: r.fromTicketId, kind: 'follow_up', data: { ticketId: created.ticket.id, number: created.ticket.number }, by: actor.userId }, now);
        break;
      }
      case 'guard': {
        const e = await em(r.ticketId);
        if (e) {
          const guards = r.active ? [...new Set([...e.guards, r.guard])] : e.guards.filter((g) => g !== r.guard);
          await updateEmergency(tx, e.id, now, { guards });
          cache.set(r.ticketId, { ...e, guards });
        }
        break;
      }
      default: {
        const ticketId = 'ticketId' in r ? r.ticketId : r.ticketIds[0] ?? null;
        await addRecord(tx, { emergencyId: (await em(ticketId))?.id ?? null, ticketId, kind: r.kind, data: r, by: actor.userId }, now);
        if (r.kind === 'incident') for (const id of r.ticketIds.slice(1)) await addRecord(tx, { emergencyId: (await em(id))?.id ?? null, ticketId: id, kind: r.kind, data: r, by: actor.userId }, now);
      }
    }
  }

  // The cause rides on the change: WF-9 writes on the pages it ends which path closed the ticket.
  for (const c of closing) await updateTicket(ctx, actor, c.ticketId, { changes: await ticketChanges(tx, { status: c.status }), detail: { cause: o.cause } }, tx);

  const subject = d.ticketChanges[0]?.ticketId ?? d.comments[0]?.ticketId ?? d.runbookTicks[0]?.ticketId ?? d.timersToSet[0]?.ticketId ?? d.timersToCancel[0]?.key ?? 'none';
  const e = await em(subject);
  await recordTimeline(tx, now, actor, {
    subjectType: 'emergency', subjectId: e?.id ?? subject, action: o.cause,
    detail: {
      late: !!o.late, ticketChanges: d.ticketChanges.length, comments: d.comments.length, pages: out.pageIds, threadPosts: d.threadPosts.length,
      mentions: d.mentions.map((m) => m.who), timersSet: d.timersToSet.map((t) => ({ key: t.key, at: isoUtc(t.at) })), timersCancelled: d.timersToCancel.map((t) => t.key),
      runbook: d.runbookTicks.map((t) => t.item), records: d.records.map((r) => r.kind), notices: d.notices.map((n) => n.code),
    },
  });
  return out;
}

/**
 * A page that cannot be raised (no paging service or policy configured, nobody resolvable) must
 * never take the customer's emergency down with it: the ticket and the emergency are kept, and
 * the thread and timeline say, for everyone looking at the board, that no page went out and why.
 */
async function raisePageOrSayWhy(
  ctx: Ctx, tx: Tx, actor: Actor, p: PageOut, config: EmergencyConfig, now: Temporal.Instant, e: Emergency | undefined, late: boolean,
): Promise<string | null> {
  try {
    return await underSavepoint(tx, 'emergency_page', () => raisePage(ctx, tx, actor, p, config, e));
  } catch (err) {
    if (!isDomainError(err)) throw err;
    const text = `No page was sent for this emergency: ${err.message} Page someone by hand, and fix the paging setup (services and escalation policies).`;
    await addThreadEntry(tx, e?.id ?? null, { ticketId: p.ticketId, channel: e?.channel ?? '', kind: 'notice', author: null, text, mentions: [], late }, now);
    await queueMirror(ctx, tx, p.ticketId, now);
    await recordTimeline(tx, now, actor, { subjectType: 'ticket', subjectId: p.ticketId, action: 'emergency.page_failed', detail: { code: err.code, reason: err.message } });
    return null;
  }
}

/** PG-3/PG-4/PG-5: the page follows the target's escalation policy; assignTo is notified first. */
async function raisePage(ctx: Ctx, tx: Tx, actor: Actor, p: PageOut, config: EmergencyConfig, e: Emergency | undefined): Promise<string> {
  const policies = await listPolicies(ctx, tx);
  const policyFor = (ref: string) => policies.find((x) => x.id === ref)?.id ?? null;
  const base = { serviceId: PAGING_SERVICE.id, title: p.title, ticketId: p.ticketId, details: { reason: p.reason }, source: 'emergency' };
  const assignee = await userIdOf(tx, p.assignTo);
  if (p.target.kind === 'manager_on_call') {
    // SM-5: the manager's page follows the emergency's policy from the manager's tier onwards.
    const tier = await managerTier(ctx, tx, { serviceId: PAGING_SERVICE.id, rotation: e?.rotation ?? config.rotations.global, managerSchedule: p.target.id });
    if (tier) {
      const r = await triggerPage(ctx, actor, { ...base, escalationPolicyId: tier.policyId, startLevel: tier.level }, tx);
      if (assignee && !r.page.targetUserIds.includes(assignee)) await reassignPage(ctx, actor, r.page.id, [assignee], tx);
      return r.page.id;
    }
  }
  if (p.target.kind === 'user' || p.target.kind === 'manager_on_call') {
    const who = assignee ?? (await userIdOf(tx, p.target.id));
    if (who) return (await triggerPage(ctx, actor, { ...base, targetUserIds: [who] }, tx)).page.id;
  }
  const policy = p.target.kind === 'backup_pool' ? policyFor(config.rotations.backupPool) ?? policyFor(p.target.id) : policyFor(p.target.id);
  const r = await triggerPage(ctx, actor, { ...base, escalationPolicyId: policy }, tx);
  if (assignee && !r.page.targetUserIds.includes(assignee)) await reassignPage(ctx, actor, r.page.id, [assignee], tx);
  return r.page.id;
}

