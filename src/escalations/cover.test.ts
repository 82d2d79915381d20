// SM-9: the cover-request rules, table-driven: who may ask, for which hours, and who may answer.
import { describe, expect, it } from 'vitest';
import { Temporal } from '../kernel/time.ts';
import { checkCoverAnswer, checkCoverAsk, type CoverAnswer, type CoverState } from './cover.ts';

const now = Temporal.Instant.from('2026-11-24T15:00:00Z');
const h = (n: number) => now.add({ minutes: Math.round(n * 60) });
const code = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('SM-9 cover rules', () => {
  it.each([
    ['a named manager, future hours', { askedId: 'b', start: h(1), end: h(3) }, true, null],
    ['an open request', { askedId: null, start: h(0), end: h(1) }, true, null],
    ['an engineer asking', { askedId: 'b', start: h(1), end: h(3) }, false, 'cover.managers_only'],
    ['end before start', { askedId: 'b', start: h(3), end: h(1) }, true, 'cover.end_before_start'],
    ['empty hours', { askedId: 'b', start: h(1), end: h(1) }, true, 'cover.end_before_start'],
    ['hours in the past', { askedId: 'b', start: h(-1), end: h(1) }, true, 'cover.in_past'],
    ['longer than 14 days', { askedId: 'b', start: h(1), end: h(1 + 15 * 24) }, true, 'cover.too_long'],
    ['asking yourself', { askedId: 'a', start: h(1), end: h(2) }, true, 'cover.self'],
  ] as const)('SM-9 ask: %s', (_name, ask, manager, want) => {
    expect(code(() => checkCoverAsk({ requesterId: 'a', ...ask }, now, { manager }))).toBe(want);
  });

  const r = (state: CoverState, askedId: string | null, start = h(2)) => ({ state, requesterId: 'a', askedId, start });
  it.each([
    ['the one asked accepts', r('open', 'b'), 'accept', 'b', true, 'accepted'],
    ['the one asked declines', r('open', 'b'), 'decline', 'b', true, 'declined'],
    ['any manager accepts an open request', r('open', null), 'accept', 'c', true, 'accepted'],
    ['an engineer accepts', r('open', null), 'accept', 'e', false, 'cover.managers_only'],
    ['the requester accepts their own', r('open', null), 'accept', 'a', true, 'cover.self'],
    ['another manager answers a named request', r('open', 'b'), 'accept', 'c', true, 'cover.not_asked'],
    ['declining an open request', r('open', null), 'decline', 'c', true, 'cover.open_request'],
    ['accepting twice', r('accepted', null), 'accept', 'c', true, 'cover.already_answered'],
    ['answering an expired request', r('expired', 'b'), 'accept', 'b', true, 'cover.already_answered'],
    ['hours already begun', r('open', 'b', h(-0.1)), 'accept', 'b', true, 'cover.expired'],
  ] as const)('SM-9 answer: %s', (_name, req, answer, userId, manager, want) => {
    const got = code(() => checkCoverAnswer(req, answer as CoverAnswer, { userId, manager }, now));
    if (want === 'accepted' || want === 'declined') {
      expect(got).toBeNull();
      expect(checkCoverAnswer(req, answer as CoverAnswer, { userId, manager }, now)).toBe(want);
    } else expect(got).toBe(want);
  });
});
