// SM-2/SM-3: the manager works an escalation — acknowledges ("eyes"), runs the escalated-ticket
// macro (cross-link + tag `escalated` in one step), opens a help thread in a product channel,
// assigns an owner, and resolves (labels, closing comment) or rejects with a reason the initiator
// is told; anyone on staff asks questions in the thread. Each change is one transaction with its
// timeline entry; a transition that makes no sense is refused by the rules (escalation.ts).
import { emergencyConfigOf } from '../emergencies/index.ts';
import { isManagerOrAdmin, type Actor } from '../kernel/actor.ts';
import { invalid } from '../kernel/errors.ts';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import { notifyPeople } from '../notify/index.ts';
import { findUser } from '../people/index.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import type { Tx } from '../store/tx.ts';
import { applyMacro, listMacros, loadTicketRecord, updateTicket } from '../tickets/index.ts';
import { checkReason, helpThreadNotice, nextState, normalizeLabels, rejectedText, resolvedText, type EscalationAction } from './escalation.ts';
import { helpChannelFor } from './settings.ts';
import { changed, escalationUrl, loadEscalation, nameOf, post, settingsOf, staffOnly } from './service-load.ts';
import { updateEscalation, type EscalationRow } from './store.ts';

interface Step { tx: Tx; e: EscalationRow; me: { name: string; email: string | null }; now: Temporal.Instant }
/** What a step changed: the fields it sets, and its timeline action and detail. */
interface Done { patch?: Partial<EscalationRow>; action: string; detail?: Record<string, unknown> }

/**
 * Loads the escalation (locked), asks the rules whether `action` may happen, runs `fn`, then writes
 * the new state and records the change (timeline, event, live update) after it is written.
 */
async function act(ctx: Ctx, actor: Actor, ref: string, action: EscalationAction, fn: (s: Step) => Promise<Done>, tx?: Tx): Promise<EscalationRow> {
  staffOnly(actor);
  return withTx(ctx, tx, async (tx) => {
    const e = await loadEscalation(tx, ref);
    const next = nextState(e.state, action, { manager: isManagerOrAdmin(actor) });
    const now = ctx.clock.now();
    const u = actor.userId ? await findUser(tx, { id: actor.userId }) : undefined;
    const done = await fn({ tx, e, me: { name: u?.name ?? actor.name, email: u?.email ?? null }, now });
    const patch = { ...done.patch, state: next };
    await updateEscalation(tx, e.id, now, patch);
    const after: EscalationRow = { ...e, ...patch, version: e.version + 1, updatedAt: isoUtc(now) };
    await changed(ctx, tx, actor, after, done.action, done.detail ?? {}, now);
    return after;
  });
}

/** SM-2: "eyes" — the manager is looking; they become the escalation's manager. */
export function acknowledgeEscalation(ctx: Ctx, actor: Actor, ref: string, tx?: Tx) {
  return act(ctx, actor, ref, 'acknowledge', async ({ tx, e, me, now }) => {
    await post(ctx, tx, e, { kind: 'notice', text: `:eyes: ${me.name} is looking at this escalation.` }, now);
    const patch = { managerId: actor.userId ?? e.managerId, acknowledgedAt: isoUtc(now) };
    return { patch, action: 'acknowledged', detail: {} };
  }, tx);
}

/** SM-2: the "escalated ticket" macro on the escalation's ticket: tag `escalated`, cross-link record and thread. */
export function applyEscalatedTicketMacro(ctx: Ctx, actor: Actor, ref: string, tx?: Tx) {
  return act(ctx, actor, ref, 'macro', async ({ tx, e, now }) => {
    if (!e.ticketId) throw invalid('escalation.no_ticket', `Escalation #${e.number} is an internal request; there is no ticket to tag.`, { number: e.number });
    const title = (await emergencyConfigOf(tx)).macros.managerEscalated;
    const macro = (await listMacros(tx)).find((m) => m.title === title) ?? { id: 'manager-escalated-ticket', title };
    const url = escalationUrl(ctx, e.number);
    await applyMacro(ctx, actor, e.ticketId, { macroId: macro.id, values: { 'escalation.url': url, 'escalation.thread_url': `${url}#thread` } }, tx);
    await post(ctx, tx, e, { kind: 'notice', text: `Ticket #${e.ticketNumber} is tagged escalated and cross-linked with this escalation (${macro.title}).` }, now);
    return { action: 'macro_applied', detail: { macro: macro.id, ticket: e.ticketNumber } };
  }, tx);
}

/** SM-2: a question or answer in the thread; the initiator and the manager hear of it (not the author). */
export function noteOnEscalation(ctx: Ctx, actor: Actor, ref: string, text: string, tx?: Tx) {
  return act(ctx, actor, ref, 'question', async ({ tx, e, me, now }) => {
    const body = text.trim();
    if (!body) throw invalid('escalation.empty_note', 'Write the question or answer.');
    const told = [...new Set([e.initiatorId, e.managerId].filter((x): x is string => !!x && x !== actor.userId))];
    const entry = await post(ctx, tx, e, { kind: 'note', author: me.email, text: body }, now);
    if (told.length) await notifyPeople(tx, now, told, { key: `escalation:${e.id}:note:${entry.id}`, subject: `[Hotline] ${me.name} on escalation #${e.number}`, text: `${body}\n\n${escalationUrl(ctx, e.number)}#thread`, threadKey: `escalation:${e.id}` });
    return { action: 'noted', detail: { entry: entry.id } };
  }, tx);
}

/** SM-2: a help thread in a product channel; the escalation thread then says where technical discussion lives. */
export function openHelpThread(ctx: Ctx, actor: Actor, ref: string, input: { text: string; channel?: string }, tx?: Tx) {
  return act(ctx, actor, ref, 'help_thread', async ({ tx, e, me, now }) => {
    const s = await settingsOf(tx);
    const form = e.ticketId ? (await loadTicketRecord(tx, e.ticketId)).ticket.form : null;
    const channel = helpChannelFor(s, form, input.channel);
    if (!channel) throw invalid('escalation.unknown_channel', `"${input.channel}" is not a product channel; use one of ${[...new Set(Object.values(s.helpChannels))].join(', ')}.`, { channel: input.channel });
    const body = input.text.trim();
    if (!body) throw invalid('escalation.empty_note', 'Say what help is needed.');
    const about = e.ticketNumber !== null ? ` (ticket #${e.ticketNumber})` : '';
    await post(ctx, tx, e, { kind: 'channel', channel, author: me.email, text: `Help wanted on escalation #${e.number}${about}: ${body}\n${escalationUrl(ctx, e.number)}` }, now);
    await post(ctx, tx, e, { kind: 'notice', text: helpThreadNotice({ channel, ticketNumber: e.ticketNumber }) }, now);
    return { action: 'help_thread_opened', detail: { channel } };
  }, tx);
}

/** SM-2: an owner (a staff member, usually from the skills suggestions); the ticket is assigned to them too. */
export function assignEscalation(ctx: Ctx, actor: Actor, ref: string, input: { owner: string }, tx?: Tx) {
  return act(ctx, actor, ref, 'assign', async ({ tx, e, me, now }) => {
    const owner = input.owner.includes('@') ? await findUser(tx, { email: input.owner }) : await findUser(tx, { id: input.owner });
    if (!owner || owner.role === 'customer' || !owner.active) throw invalid('escalation.bad_owner', `The owner must be an active staff member; "${input.owner}" is not.`, { owner: input.owner });
    if (e.ticketId) await updateTicket(ctx, actor, e.ticketId, { changes: { assigneeId: owner.id }, detail: { escalation: e.number } }, tx);
    await post(ctx, tx, e, { kind: 'mention', text: `@${owner.name}: ${me.name} assigned you as the owner of this escalation.`, mentions: [owner.email] }, now);
    if (owner.id !== actor.userId) await notifyPeople(tx, now, [owner.id], { key: `escalation:${e.id}:owner:${owner.id}:${e.version}`, subject: `[Hotline] You own escalation #${e.number}: ${e.title}`, text: `${me.name} assigned escalation #${e.number} to you.\nNeeded: ${e.need}\n\n${escalationUrl(ctx, e.number)}`, threadKey: `escalation:${e.id}` });
    const patch = { ownerId: owner.id, assignedAt: isoUtc(now) };
    return { patch, action: 'assigned', detail: { owner: owner.email, previous: e.ownerId } };
  }, tx);
}

/** SM-3: resolved = the right next step is identified and under way (the ticket need not be solved). */
export function resolveEscalation(ctx: Ctx, actor: Actor, ref: string, input: { comment?: string; labels?: string[] }, tx?: Tx) {
  const labels = normalizeLabels(input.labels);
  return act(ctx, actor, ref, 'resolve', async ({ tx, e, me, now }) => {
    const comment = input.comment?.trim() || null;
    await post(ctx, tx, e, { kind: 'notice', text: resolvedText({ by: me.name, comment, labels, owner: await nameOf(tx, e.ownerId) }) }, now);
    if (e.initiatorId && e.initiatorId !== actor.userId) await notifyPeople(tx, now, [e.initiatorId], { key: `escalation:${e.id}:resolved`, subject: `[Hotline] Escalation #${e.number} resolved`, text: `${me.name} resolved escalation #${e.number}.${comment ? `\n${comment}` : ''}\n\n${escalationUrl(ctx, e.number)}`, threadKey: `escalation:${e.id}` });
    const patch = { labels, closedAt: isoUtc(now), reason: comment };
    return { patch, action: 'resolved', detail: { labels, comment } };
  }, tx);
}

/** SM-3: below the threshold — the initiator is told why, in the thread and directly. */
export function rejectEscalation(ctx: Ctx, actor: Actor, ref: string, input: { reason?: string }, tx?: Tx) {
  return act(ctx, actor, ref, 'reject', async ({ tx, e, me, now }) => {
    const reason = checkReason(input.reason);
    const initiator = e.initiatorId ? await findUser(tx, { id: e.initiatorId }) : undefined;
    const text = rejectedText({ by: me.name, initiator: initiator?.name ?? 'initiator', reason });
    await post(ctx, tx, e, { kind: initiator ? 'mention' : 'notice', text, mentions: initiator ? [initiator.email] : [] }, now);
    if (initiator) await notifyPeople(tx, now, [initiator.id], { key: `escalation:${e.id}:rejected`, subject: `[Hotline] Escalation #${e.number} was rejected`, text: `${text}\n\n${escalationUrl(ctx, e.number)}#thread`, threadKey: `escalation:${e.id}` });
    const patch = { reason, closedAt: isoUtc(now) };
    return { patch, action: 'rejected', detail: { reason } };
  }, tx);
}
