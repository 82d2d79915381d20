// SM-9: the rules of a cover request — a support manager asks a named manager to take their on-call
// duty for given hours, or posts an open request any manager may accept. Accepting becomes a
// schedule override (the one who accepts covers, the requester gives the time up); the requester
// is told of every answer, and of the request expiring when its hours start unanswered.
// Pure: no I/O, no clock (the instant "now" is handed in).
import { conflict, forbidden, invalid } from '../kernel/errors.ts';
import type { Temporal } from '../kernel/time.ts';

export type CoverState = 'open' | 'accepted' | 'declined' | 'expired' | 'withdrawn';
export const COVER_STATES: readonly CoverState[] = ['open', 'accepted', 'declined', 'expired', 'withdrawn'];

/** Longest stretch one request may cover: a swap of whole weeks is a schedule swap (SCH-6), not cover. */
export const MAX_COVER_HOURS = 14 * 24;

export interface CoverAsk {
  requesterId: string;
  /** The manager asked by name; null posts an open request to every manager. */
  askedId: string | null;
  start: Temporal.Instant;
  end: Temporal.Instant;
}

/** SM-9: a request makes sense only for future hours, in order, of someone other than yourself. */
export function checkCoverAsk(a: CoverAsk, now: Temporal.Instant, who: { manager: boolean }): void {
  if (!who.manager) throw forbidden('cover.managers_only', 'Only a support manager asks for cover of their on-call hours; engineers swap shifts instead (hotline schedule swap).');
  if (a.end.epochMilliseconds <= a.start.epochMilliseconds) throw invalid('cover.end_before_start', 'The hours to cover must end after they start.', { start: a.start.toString(), end: a.end.toString() });
  if (a.start.epochMilliseconds < now.epochMilliseconds) throw invalid('cover.in_past', `The hours to cover start at ${a.start.toString()}, which is already past; ask for hours from now on.`, { start: a.start.toString(), now: now.toString() });
  if (a.end.epochMilliseconds - a.start.epochMilliseconds > MAX_COVER_HOURS * 3_600_000) throw invalid('cover.too_long', `One request covers at most ${MAX_COVER_HOURS / 24} days; for longer, swap shifts or change the rotation.`, { maxHours: MAX_COVER_HOURS });
  if (a.askedId !== null && a.askedId === a.requesterId) throw invalid('cover.self', 'You cannot ask yourself to cover your own hours; name another manager or post an open request.');
}

export interface CoverView {
  state: CoverState;
  requesterId: string;
  askedId: string | null;
  start: Temporal.Instant;
}

export type CoverAnswer = 'accept' | 'decline';

/**
 * SM-9: may `userId` answer this request now? A named request is answered by the one asked; an
 * open one is accepted by any other manager (declining an open request means not answering it).
 * A request answered already, or whose hours have begun, takes no answer.
 */
export function checkCoverAnswer(r: CoverView, answer: CoverAnswer, me: { userId: string | null; manager: boolean }, now: Temporal.Instant): CoverState {
  if (!me.manager || !me.userId) throw forbidden('cover.managers_only', 'Only a support manager covers the manager on-call rotation.');
  if (r.state !== 'open') throw conflict('cover.already_answered', `This cover request is already ${r.state}.`, { state: r.state });
  if (r.start.epochMilliseconds <= now.epochMilliseconds) throw conflict('cover.expired', 'The hours of this request have already started; it can no longer be answered.', { start: r.start.toString() });
  if (me.userId === r.requesterId) throw invalid('cover.self', answer === 'accept' ? 'You cannot cover your own hours.' : 'You asked for this cover; it expires when its hours start if nobody accepts.');
  if (r.askedId !== null && r.askedId !== me.userId) throw forbidden('cover.not_asked', 'This request asks another manager by name; only they answer it.');
  if (r.askedId === null && answer === 'decline') throw conflict('cover.open_request', 'An open request is not declined: leave it for another manager, or accept it.');
  return answer === 'accept' ? 'accepted' : 'declined';
}

/**
 * SM-9: the requester takes a request back (plans changed) while nobody has answered it and its
 * hours have not begun; an accepted one is an override already, changed on the schedule instead.
 */
export function checkCoverWithdraw(r: CoverView, me: { userId: string | null }, now: Temporal.Instant): void {
  if (!me.userId || me.userId !== r.requesterId) throw forbidden('cover.not_requester', 'Only the manager who asked for this cover withdraws it.');
  if (r.state !== 'open') throw conflict('cover.already_answered', `This cover request is already ${r.state}${r.state === 'accepted' ? '; change the override on the schedule instead' : ''}.`, { state: r.state });
  if (r.start.epochMilliseconds <= now.epochMilliseconds) throw conflict('cover.expired', 'The hours of this request have already started; there is nothing left to withdraw.', { start: r.start.toString() });
}

/** SM-9: expiry at the start of the hours, only for a request still unanswered. */
export const expiresNow = (state: CoverState): boolean => state === 'open';

const when = (s: string, e: string) => `${s} to ${e}`;

/** What the requester (and the thread) read after each step. */
export const coverText = {
  asked: (p: { number: number; requester: string; asked: string | null; start: string; end: string; note: string | null; url: string }) =>
    `${p.asked ? `@${p.asked}: ` : 'Any manager: '}${p.requester} asks ${p.asked ? 'you' : 'for someone'} to cover the support manager on-call ${when(p.start, p.end)} (cover request #${p.number}).${p.note ? `\n${p.note}` : ''}\n${p.url}`,
  accepted: (p: { number: number; by: string; start: string; end: string }) => `Cover request #${p.number}: ${p.by} accepted and is the support manager on call ${when(p.start, p.end)}.`,
  declined: (p: { number: number; by: string; reason: string | null }) => `Cover request #${p.number}: ${p.by} declined${p.reason ? `: ${p.reason}` : '.'} Ask another manager or post an open request.`,
  withdrawn: (p: { number: number; requester: string; asked: string | null; start: string; end: string }) =>
    `${p.asked ? `@${p.asked}: ` : 'Any manager: '}${p.requester} withdrew cover request #${p.number} (${when(p.start, p.end)}); nothing to answer any more.`,
  expired: (p: { number: number; start: string }) => `Cover request #${p.number} expired unanswered when its hours started (${p.start}); you are still on call for them.`,
};
