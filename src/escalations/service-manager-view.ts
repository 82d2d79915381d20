// SM-5/SM-6 read use cases: the manager's view of every ongoing emergency (organisation, subject,
// owner, lead, since when, time since the customer's last public reply from us, its pages and which
// still wait and at which tier, qualification), one emergency with its manager timeline, and the
// staff a manager may page for it (the skills directory, kept to a region and to who works now).
import { findEmergency, listEmergencies, loadEmergencyTicket, type Emergency } from '../emergencies/index.ts';
import { forbidden, notFound } from '../kernel/errors.ts';
import { isManagerOrAdmin, SYSTEM, type Actor } from '../kernel/actor.ts';
import { instant, isoUtc, type Temporal } from '../kernel/time.ts';
import { listPages, type PageRow } from '../paging/index.ts';
import { findOrganization, findUsers, type User } from '../people/index.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import { listTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { listComments, type Ticket } from '../tickets/index.ts';
import { lastPublicReply, minutesSince, staffToPage, waitingPages, type PageGlance } from './manager-duty.ts';
import { managerOnCallAt } from './service-load.ts';
import { skillDirectoryAt } from './service-view.ts';
import { rankSuggestions, subjectsFor } from './skills.ts';
import { findLeads, type LeadRow } from './store.ts';

export const managersOnly = (a: Actor): void => {
  if (!isManagerOrAdmin(a)) throw forbidden('manager.managers_only', 'Only support managers work the manager\'s view of emergencies; escalate the page to the manager on call instead.');
};

/** An emergency by ticket number, emergency id or ticket id; locked for the change that follows. */
export async function loadEmergency(tx: Tx, ref: string): Promise<Emergency> {
  const r = ref.replace(/^#/, '');
  const e = /^\d+$/.test(r) ? await findEmergency(tx, { ticketNumber: Number(r) }, true) : (await findEmergency(tx, { id: r }, true)) ?? (await findEmergency(tx, { ticketId: r }, true));
  if (!e) throw notFound('emergency.not_found', `No emergency ${ref}; list them with GET /api/v1/manager/emergencies or \`hotline manager emergencies\`.`, { emergency: ref });
  return e;
}

export async function ticketPages(ctx: Ctx, tx: Tx, ticketId: string): Promise<PageRow[]> {
  return listPages(ctx, SYSTEM, { ticketId, status: 'any', limit: 200 }, tx);
}

const personOf = (u: User | undefined) => (u ? { id: u.id, name: u.name, email: u.email } : null);

/** Everyone the rows name, read once. */
async function peopleOf(tx: Tx, ids: Iterable<string>, emails: Iterable<string>): Promise<User[]> {
  const [a, b] = [[...new Set(ids)], [...new Set(emails)]];
  return [...(a.length ? await findUsers(tx, { ids: a }) : []), ...(b.length ? await findUsers(tx, { emails: b }) : [])];
}

export function glance(p: PageRow, users: readonly User[]): PageGlance {
  const email = (id: string) => users.find((u) => u.id === id)?.email ?? id;
  return { id: p.id, number: p.number, status: p.status, level: p.escalationPolicyId ? p.escalationLevel : null, targets: p.targetUserIds.map(email), since: p.levelStartedAt };
}

async function row(ctx: Ctx, tx: Tx, e: Emergency, lead: LeadRow | undefined, now: Temporal.Instant) {
  const { ticket, view } = await loadEmergencyTicket(tx, e.ticketId);
  const pages = await ticketPages(ctx, tx, e.ticketId);
  const comments = await listComments(tx, e.ticketId, true);
  const ownerEmail = view.assignee ?? e.driUserId;
  const users = await peopleOf(tx, [...pages.flatMap((p) => p.targetUserIds), ...comments.flatMap((c) => (c.authorId ? [c.authorId] : [])), ...(lead ? [lead.leadUserId] : [])], ownerEmail ? [ownerEmail] : []);
  const staff = new Set(users.filter((u) => u.role !== 'customer').map((u) => u.id));
  const openedAt = isoUtc(ticket.createdAt);
  const opening = comments[0] && isoUtc(instant(comments[0].createdAt)) === openedAt ? comments[0].id : null;
  const last = lastPublicReply(comments.map((c) => ({ opening: c.id === opening, isPublic: c.isPublic, authorId: c.authorId, createdAt: instant(c.createdAt) })), staff);
  const glances = pages.map((p) => glance(p, users));
  const org = await orgOf(tx, ticket);
  return {
    id: e.id, ticketId: e.ticketId, ticketNumber: e.ticketNumber, subject: ticket.subject, priority: view.priority, status: view.status,
    organization: org, form: view.form, rotation: e.rotation,
    owner: personOf(users.find((u) => u.email === ownerEmail)) ?? (ownerEmail ? { id: null, name: ownerEmail, email: ownerEmail } : null),
    lead: lead ? { ...personOf(users.find((u) => u.id === lead.leadUserId))!, since: lead.since } : null,
    since: e.createdAt, ageMinutes: minutesSince(instant(e.createdAt), now)!,
    acknowledgedAt: e.acknowledgedAt,
    lastPublicReplyAt: last ? isoUtc(last) : null, minutesSinceLastPublicReply: minutesSince(last, now),
    qualification: e.qualification, exceptionCriterion: e.exceptionCriterion, entitlement: e.entitlement.kind,
    pages: glances.map((g) => ({ id: g.id, number: g.number, status: g.status, level: g.level === null ? null : g.level + 1, targets: g.targets })),
    waiting: waitingPages(glances, now),
  };
}

async function orgOf(tx: Tx, t: Ticket): Promise<{ id: string; name: string } | null> {
  const o = t.organizationId ? await findOrganization(tx, { id: t.organizationId }) : undefined;
  return o ? { id: o.id, name: o.name } : null;
}

export type ManagerRow = Awaited<ReturnType<typeof row>>;

/** SM-6: every open emergency, those with a page still waiting first (longest first), then oldest first. */
export async function managerEmergencies(ctx: Ctx, actor: Actor, tx?: Tx) {
  managersOnly(actor);
  return withTx(ctx, tx, async (tx) => {
    const now = ctx.clock.now();
    const open = await listEmergencies(tx, { states: ['open'] });
    const leads = await findLeads(tx, open.map((e) => e.id));
    const items: ManagerRow[] = [];
    for (const e of open) items.push(await row(ctx, tx, e, leads.get(e.id), now));
    items.sort((a, b) => (b.waiting[0]?.waitingMinutes ?? -1) - (a.waiting[0]?.waitingMinutes ?? -1) || a.since.localeCompare(b.since));
    return { at: isoUtc(now), managerOnCall: personOf((await managerOnCallAt(ctx, tx, now)) ?? undefined), items };
  });
}

/** SM-6: one emergency as the manager sees it, with the manager's actions on its timeline. */
export async function managerEmergency(ctx: Ctx, actor: Actor, ref: string, tx?: Tx) {
  managersOnly(actor);
  return withTx(ctx, tx, async (tx) => {
    const e = await loadEmergency(tx, ref);
    const r = await row(ctx, tx, e, (await findLeads(tx, [e.id])).get(e.id), ctx.clock.now());
    const timeline = (await listTimeline(tx, 'emergency', e.id)).filter((t) => t.action.startsWith('manager.'));
    return { ...r, state: e.state, timeline: timeline.map((t) => ({ at: t.at, action: t.action, actor: t.actor, detail: t.detail })) };
  });
}

/**
 * SM-6: staff to page for an emergency — the skills directory ranked for its product (the ticket's
 * form and tags, or the subjects named), kept to a region and, unless `everyone`, to who works now.
 */
export async function staffSuggestions(ctx: Ctx, actor: Actor, ref: string, q: { subjects?: string[]; region?: string; everyone?: boolean; limit?: number } = {}, tx?: Tx) {
  managersOnly(actor);
  return withTx(ctx, tx, async (tx) => {
    const e = await loadEmergency(tx, ref);
    const { ticket, view } = await loadEmergencyTicket(tx, e.ticketId);
    const now = ctx.clock.now();
    const subjects = subjectsFor({ named: q.subjects, form: ticket.form, tags: ticket.tags });
    const dir = await skillDirectoryAt(ctx, tx, now);
    const ranked = rankSuggestions(dir.people, { subjects, at: now, onShift: dir.onShift, region: q.region ?? null, hours: dir.workingHours, limit: 50 });
    const waiting = (await ticketPages(ctx, tx, e.ticketId)).filter((p) => p.status === 'triggered').flatMap((p) => p.targetUserIds);
    const exclude = [...waiting, ...(view.assignee ? [view.assignee] : []), ...(e.driUserId ? [e.driUserId] : [])];
    return { subjects, region: q.region ?? null, workingNow: !q.everyone, items: staffToPage(ranked, { region: q.region, workingNow: !q.everyone, exclude }).slice(0, q.limit ?? 10) };
  });
}
