// SM-5/SM-6: the support manager during emergencies. What the manager's view says of each open
// emergency (how long since the customer last heard from us, which pages still wait and at which
// level of their policy), when a manager's action makes sense, and which emergencies a manager going
// off shift hands to the next one. Pure: people, pages and instants arrive as arguments.
import { conflict, invalid } from '../kernel/errors.ts';
import type { Temporal } from '../kernel/time.ts';

/** What the rules read of a page (the paging capability owns the real one). */
export interface PageGlance {
  id: string;
  number: number;
  status: 'triggered' | 'acknowledged' | 'resolved';
  /** 0-based level of its escalation policy now notified; null for a page to named people only. */
  level: number | null;
  /** E-mails of the people the page waits on now. */
  targets: string[];
  /** When the current level started notifying (the escalation timer counts from here). */
  since: Temporal.Instant;
}

export interface WaitingPage {
  id: string;
  number: number;
  /** Level as people count it (1 = the first tier); null for a page to named people only. */
  level: number | null;
  targets: string[];
  waitingMinutes: number;
}

const minutesBetween = (from: Temporal.Instant, to: Temporal.Instant) => Math.max(0, Math.floor((to.epochMilliseconds - from.epochMilliseconds) / 60_000));

/** SM-6: pages nobody has acknowledged yet, longest waiting first, with the tier they are at. */
export function waitingPages(pages: readonly PageGlance[], now: Temporal.Instant): WaitingPage[] {
  return pages
    .filter((p) => p.status === 'triggered')
    .map((p) => ({ id: p.id, number: p.number, level: p.level === null ? null : p.level + 1, targets: p.targets, waitingMinutes: minutesBetween(p.since, now) }))
    .sort((a, b) => b.waitingMinutes - a.waitingMinutes || a.number - b.number);
}

export interface CommentGlance {
  /** The ticket's opening comment (its description) is the customer's request, not a reply. */
  opening: boolean;
  isPublic: boolean;
  authorId: string | null;
  createdAt: Temporal.Instant;
}

/**
 * SM-6: when the customer last had a public reply from staff (the requester's own comments are
 * public too, and so is the description a colleague typed in for them, but those are the customer
 * talking, not us answering). Null when nobody answered yet.
 */
export function lastPublicReply(comments: readonly CommentGlance[], staffIds: ReadonlySet<string>): Temporal.Instant | null {
  let last: Temporal.Instant | null = null;
  for (const c of comments) {
    if (c.opening || !c.isPublic || !c.authorId || !staffIds.has(c.authorId)) continue;
    if (!last || c.createdAt.epochMilliseconds > last.epochMilliseconds) last = c.createdAt;
  }
  return last;
}

export const minutesSince = (at: Temporal.Instant | null, now: Temporal.Instant): number | null => (at ? minutesBetween(at, now) : null);

/** A person a manager names for an emergency (to page or to own it), as the people capability knows them. */
export interface NamedStaff {
  email: string;
  role: string;
  kind: string;
  active: boolean;
}

/** SM-6: only staff who can answer (no customer, bot or deactivated account) may be paged or own an emergency. */
export function checkNamedStaff(ref: string, person: NamedStaff | null): NamedStaff {
  if (!person) throw invalid('manager.unknown_person', `Nobody is called ${ref}; name a member of staff by e-mail (GET /api/v1/users).`, { person: ref });
  if (person.role === 'customer') throw invalid('manager.not_staff', `${person.email} is a customer; name a member of staff.`, { person: ref });
  if (person.kind === 'bot' || !person.active) throw invalid('manager.cannot_answer', `${person.email} cannot answer a page (${person.kind === 'bot' ? 'a bot' : 'deactivated'}); name someone else.`, { person: ref });
  return person;
}

/** SM-6: the manager's actions are for emergencies still under way. */
export function checkOpen(e: { state: string; ticketNumber: number }): void {
  if (e.state !== 'open') throw conflict('manager.emergency_not_open', `Emergency ticket ${e.ticketNumber} is ${e.state.replace('_', ' ')}; the manager's actions are for open emergencies.`, { state: e.state });
}

/** SM-6: replacing the owner with someone else; naming the current owner changes nothing and is refused. */
export function checkReplacement(e: { ticketNumber: number; owner: string | null }, to: string): void {
  if (e.owner && e.owner.toLowerCase() === to.toLowerCase()) {
    throw conflict('manager.same_owner', `${to} already owns emergency ticket ${e.ticketNumber}; name the engineer who takes over.`, { owner: e.owner });
  }
}

/** SM-6: taking the lead of a call the manager already leads is refused, so the timeline says each change once. */
export function checkTakeLead(e: { ticketNumber: number; lead: string | null }, me: string): void {
  if (e.lead === me) throw conflict('manager.already_lead', `You already lead emergency ticket ${e.ticketNumber}.`, { lead: me });
}

/** An open emergency as the hand-over sees it: who leads it and which managers its waiting pages wait on. */
export interface HandOverCandidate {
  emergencyId: string;
  ticketNumber: number;
  lead: string | null;
  /** E-mails on its unacknowledged pages. */
  waitingOn: string[];
}

/**
 * SM-6 (like SCH-10 for engineers): the open emergencies a manager going off hands to the next one —
 * those they lead, and those whose pages still wait on them.
 */
export function handOverSet(open: readonly HandOverCandidate[], outgoing: string): HandOverCandidate[] {
  return open.filter((e) => e.lead === outgoing || e.waitingOn.includes(outgoing));
}

/** SM-6: a hand-over needs someone else to take it. */
export function checkHandOverTo(from: string, to: string | null): string {
  if (!to) throw conflict('manager.no_next_manager', 'Nobody else is on the managers\' rotation next; name the manager who takes over (to).', {});
  if (to.toLowerCase() === from.toLowerCase()) throw invalid('manager.hand_over_to_self', 'You cannot hand over to yourself; name the manager who takes over.', { to });
  return to;
}

/** The note written on each emergency's thread and timeline at a hand-over. */
export function handOverNote(p: { from: string; to: string; ticketNumber: number; atShiftChange: boolean; late?: boolean; note?: string | null }): string {
  const why = p.atShiftChange ? `at the managers' shift change${p.late ? ' (late: Hotline was not running at the change)' : ''}` : 'by hand';
  return `Manager hand-over ${why}: ${p.to} now leads emergency ticket ${p.ticketNumber} (from ${p.from}).${p.note ? ` Note: ${p.note}` : ''}`;
}

/** What the rules read of a skills suggestion (SM-2's ranking, already ordered). */
export interface StaffSuggestion {
  userId: string;
  email: string;
  region: string | null;
  onShift: boolean;
  inWorkingHours: boolean;
}

/**
 * SM-6: more staff for an emergency — the skills directory's ranking, kept to the region asked for
 * and (unless the manager asks for everyone) to people working now; whoever already owns the
 * emergency or has a page waiting on them is left out.
 */
export function staffToPage<T extends StaffSuggestion>(ranked: readonly T[], q: { region?: string | null; workingNow: boolean; exclude: readonly string[] }): T[] {
  const region = q.region?.toLowerCase() ?? null;
  return ranked.filter((s) =>
    !q.exclude.includes(s.email) && !q.exclude.includes(s.userId)
    && (!region || s.region?.toLowerCase() === region)
    && (!q.workingNow || s.onShift || s.inWorkingHours));
}
