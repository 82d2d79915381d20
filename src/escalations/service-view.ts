// SM-1..SM-3 read use cases: the escalations list, one escalation with its thread, help threads and
// timeline, and the owner suggestions from the skills directory (SM-2). Staff only.
import type { Actor } from '../kernel/actor.ts';
import type { Temporal } from '../kernel/time.ts';
import { findUsers, type User } from '../people/index.ts';
import { listThread, type ThreadEntry } from '../conversations/index.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import { whoIsOnCall } from '../schedules/index.ts';
import { listTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { findTicketRecords, loadTicketRecord } from '../tickets/index.ts';
import { URGENCY_DEFINITIONS } from './escalation.ts';
import { rankSuggestions, subjectsFor, type SkillPerson, type Suggestion, type WorkingHours } from './skills.ts';
import { escalationUrl, loadEscalation, settingsOf, staffOnly } from './service-load.ts';
import { listEscalations, listSkills, type EscalationFilter, type EscalationRow } from './store.ts';

type Person = { id: string; name: string; email: string } | null;

async function people(tx: Tx, rows: readonly EscalationRow[]): Promise<(id: string | null) => Person> {
  const ids = [...new Set(rows.flatMap((e) => [e.initiatorId, e.managerId, e.ownerId]).filter((x): x is string => !!x))];
  const users = ids.length ? await findUsers(tx, { ids }) : [];
  return (id) => {
    const u = id ? users.find((x) => x.id === id) : undefined;
    return u ? { id: u.id, name: u.name, email: u.email } : null;
  };
}

function summary(ctx: Ctx, e: EscalationRow, who: (id: string | null) => Person, subject: string | null) {
  return {
    id: e.id, number: e.number, kind: e.kind, ticket: e.ticketId ? { id: e.ticketId, number: e.ticketNumber, subject } : null,
    title: e.title, need: e.need, businessCase: e.businessCase, urgency: e.urgency, state: e.state, channel: e.channel,
    initiator: who(e.initiatorId), manager: who(e.managerId), owner: who(e.ownerId), labels: e.labels, reason: e.reason,
    createdAt: e.createdAt, acknowledgedAt: e.acknowledgedAt, assignedAt: e.assignedAt, closedAt: e.closedAt, updatedAt: e.updatedAt,
    version: e.version, url: escalationUrl(ctx, e.number),
  };
}

export type EscalationSummary = ReturnType<typeof summary>;

export async function listEscalationSummaries(ctx: Ctx, actor: Actor, f: EscalationListFilter = {}, tx?: Tx): Promise<EscalationSummary[]> {
  return (await listEscalationHistory(ctx, actor, f, tx)).items;
}

export type EscalationListFilter = Omit<EscalationFilter, 'ticketId'> & { ticket?: string };

/** RP-3: escalations in any state, filtered and searched, newest first, a page of results at a time. */
export async function listEscalationHistory(ctx: Ctx, actor: Actor, f: EscalationListFilter = {}, tx?: Tx): Promise<{ items: EscalationSummary[]; nextOffset: number | null }> {
  staffOnly(actor);
  return withTx(ctx, tx, async (tx) => {
    const ticketId = f.ticket ? (await loadTicketRecord(tx, f.ticket.replace(/^#/, ''))).ticket.id : undefined;
    const limit = f.limit ?? 200;
    const offset = f.offset ?? 0;
    const found = await listEscalations(tx, { ...f, ticketId, limit: limit + 1, offset });
    const rows = found.slice(0, limit);
    const who = await people(tx, rows);
    const ids = rows.flatMap((e) => (e.ticketId ? [e.ticketId] : []));
    const tickets = await findTicketRecords(tx, [...new Set(ids)]);
    return {
      items: rows.map((e) => summary(ctx, e, who, (e.ticketId ? tickets.get(e.ticketId)?.ticket.subject : null) ?? null)),
      nextOffset: found.length > limit ? offset + limit : null,
    };
  });
}

export async function showEscalation(ctx: Ctx, actor: Actor, ref: string, tx?: Tx) {
  staffOnly(actor);
  return withTx(ctx, tx, async (tx) => {
    const e = await loadEscalation(tx, ref);
    const subject = e.ticketId ? (await loadTicketRecord(tx, e.ticketId)).ticket.subject : null;
    const entries = await listThread(tx, e.id);
    const help = new Map<string, ThreadEntry[]>();
    for (const x of entries) if (x.channel !== e.channel) help.set(x.channel, [...(help.get(x.channel) ?? []), x]);
    return {
      ...summary(ctx, e, await people(tx, [e]), subject),
      urgencyDefinition: URGENCY_DEFINITIONS[e.urgency],
      thread: entries.filter((x) => x.channel === e.channel),
      helpThreads: [...help].map(([channel, list]) => ({ channel, entries: list })),
      timeline: await listTimeline(tx, 'escalation', e.id),
    };
  });
}

/** SM-2: people to own the escalation, from the skills directory, for its subjects and who is working now. */
export async function suggestOwners(ctx: Ctx, actor: Actor, ref: string, q: { subjects?: string[]; region?: string; limit?: number } = {}, tx?: Tx): Promise<{ subjects: string[]; items: Suggestion[] }> {
  staffOnly(actor);
  return withTx(ctx, tx, async (tx) => {
    const e = await loadEscalation(tx, ref);
    const t = e.ticketId ? (await loadTicketRecord(tx, e.ticketId)).ticket : null;
    const subjects = subjectsFor({ named: q.subjects, form: t?.form ?? null, tags: t?.tags ?? [] });
    const now = ctx.clock.now();
    const { people: skillPeople, onShift, workingHours } = await skillDirectoryAt(ctx, tx, now);
    return { subjects, items: rankSuggestions(skillPeople, { subjects, at: now, onShift, region: q.region ?? null, hours: workingHours, limit: q.limit }) };
  });
}

/** SM-2/SM-6: the skills directory's active people, who of them is on a shift at `at`, and the working hours. */
export async function skillDirectoryAt(ctx: Ctx, tx: Tx, at: Temporal.Instant): Promise<{ people: SkillPerson[]; onShift: Set<string>; workingHours: WorkingHours }> {
  const dir = await listSkills(tx);
  const users: User[] = dir.length ? await findUsers(tx, { ids: dir.map((p) => p.userId) }) : [];
  const people: SkillPerson[] = dir.flatMap((p) => {
    const u = users.find((x) => x.id === p.userId);
    return u && u.active ? [{ userId: u.id, email: u.email, name: u.name, region: p.region, timeZone: u.timeZone, subjects: p.subjects }] : [];
  });
  // schedules name people by e-mail; the rules rank by user id
  const owners = new Set((await whoIsOnCall(ctx, { at }, tx)).schedules.flatMap((s) => s.owners));
  const onShift = new Set(people.filter((p) => owners.has(p.email) || owners.has(p.userId)).map((p) => p.userId));
  return { people, onShift, workingHours: (await settingsOf(tx)).workingHours };
}
