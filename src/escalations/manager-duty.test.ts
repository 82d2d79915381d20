// SM-6 rules of the manager's view and actions, one row per situation, fixed instants.
import { describe, expect, it } from 'vitest';
import { Temporal } from '../kernel/time.ts';
import {
  checkHandOverTo, checkNamedStaff, checkOpen, checkReplacement, checkTakeLead, handOverNote, handOverSet, lastPublicReply, staffToPage, waitingPages, type PageGlance,
} from './manager-duty.ts';

const NOW = Temporal.Instant.from('2026-11-24T18:00:00Z');
const at = (hhmm: string) => Temporal.Instant.from(`2026-11-24T${hhmm}:00Z`);
const code = (f: () => unknown) => {
  try {
    f();
    return null;
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('SM-6: pages still waiting', () => {
  const page = (p: Partial<PageGlance>): PageGlance => ({ id: 'p', number: 1, status: 'triggered', level: 0, targets: ['a@x'], since: at('17:50'), ...p });
  it.each([
    ['an acknowledged page waits on nobody', [page({ status: 'acknowledged' })], []],
    ['a resolved page waits on nobody', [page({ status: 'resolved' })], []],
    ['a triggered page at the first tier waits 10 minutes at level 1', [page({})], [{ id: 'p', number: 1, level: 1, targets: ['a@x'], waitingMinutes: 10 }]],
    ['a page to named people has no level', [page({ level: null })], [{ id: 'p', number: 1, level: null, targets: ['a@x'], waitingMinutes: 10 }]],
    ['longest waiting first', [page({ id: 'new', number: 2, since: at('17:58'), level: 1 }), page({ id: 'old', number: 3, since: at('17:40') })], [
      { id: 'old', number: 3, level: 1, targets: ['a@x'], waitingMinutes: 20 }, { id: 'new', number: 2, level: 2, targets: ['a@x'], waitingMinutes: 2 }]],
  ])('%s', (_name, pages, want) => {
    expect(waitingPages(pages, NOW)).toEqual(want);
  });
});

describe('SM-6: the last public reply from us', () => {
  const staff = new Set(['eng']);
  const c = (authorId: string | null, hhmm: string, o: { isPublic?: boolean; opening?: boolean } = {}) => ({ authorId, createdAt: at(hhmm), isPublic: o.isPublic ?? true, opening: o.opening ?? false });
  it.each([
    ['nothing yet: only the description a colleague typed in', [c('eng', '17:00', { opening: true })], null],
    ['the customer talking is not a reply', [c('cust', '17:10')], null],
    ['an internal note is not a reply', [c('eng', '17:20', { isPublic: false })], null],
    ['a system message has no author', [c(null, '17:25')], null],
    ['the latest public reply by staff', [c('eng', '17:05'), c('eng', '17:30'), c('cust', '17:40')], '2026-11-24T17:30:00Z'],
  ])('%s', (_name, comments, want) => {
    expect(lastPublicReply(comments, staff)?.toString() ?? null).toBe(want);
  });
});

describe('SM-6: what the manager may do', () => {
  const staff = { email: 'frank@x', role: 'engineer', kind: 'person', active: true };
  it.each([
    ['nobody by that name', () => checkNamedStaff('ghost@x', null), 'manager.unknown_person'],
    ['a customer', () => checkNamedStaff('rita@x', { ...staff, role: 'customer' }), 'manager.not_staff'],
    ['a bot', () => checkNamedStaff('bot@x', { ...staff, kind: 'bot' }), 'manager.cannot_answer'],
    ['a deactivated account', () => checkNamedStaff('gone@x', { ...staff, active: false }), 'manager.cannot_answer'],
    ['an engineer', () => checkNamedStaff('frank@x', staff), null],
    ['a resolved emergency', () => checkOpen({ state: 'resolved', ticketNumber: 3 }), 'manager.emergency_not_open'],
    ['an open emergency', () => checkOpen({ state: 'open', ticketNumber: 3 }), null],
    ['replace the owner with the owner (any case)', () => checkReplacement({ ticketNumber: 3, owner: 'Frank@x' }, 'frank@x'), 'manager.same_owner'],
    ['replace nobody with someone', () => checkReplacement({ ticketNumber: 3, owner: null }, 'frank@x'), null],
    ['lead a call one already leads', () => checkTakeLead({ ticketNumber: 3, lead: 'm@x' }, 'm@x'), 'manager.already_lead'],
    ['take the lead from another manager', () => checkTakeLead({ ticketNumber: 3, lead: 'o@x' }, 'm@x'), null],
    ['hand over to oneself', () => checkHandOverTo('m@x', 'M@x'), 'manager.hand_over_to_self'],
    ['hand over with nobody next', () => checkHandOverTo('m@x', null), 'manager.no_next_manager'],
  ])('%s', (_name, f, want) => {
    expect(code(f)).toBe(want);
  });
});

describe('SM-6: what a going-off manager hands over', () => {
  it('the emergencies they lead and those whose pages wait on them, nothing else', () => {
    const open = [
      { emergencyId: 'led', ticketNumber: 1, lead: 'm@x', waitingOn: [] },
      { emergencyId: 'paged', ticketNumber: 2, lead: null, waitingOn: ['eng@x', 'm@x'] },
      { emergencyId: 'other', ticketNumber: 3, lead: 'o@x', waitingOn: ['eng@x'] },
    ];
    expect(handOverSet(open, 'm@x').map((e) => e.emergencyId)).toEqual(['led', 'paged']);
    expect(handOverNote({ from: 'm@x', to: 'n@x', ticketNumber: 1, atShiftChange: true, late: true })).toBe("Manager hand-over at the managers' shift change (late: Hotline was not running at the change): n@x now leads emergency ticket 1 (from m@x).");
    expect(handOverNote({ from: 'm@x', to: 'n@x', ticketNumber: 1, atShiftChange: false, note: 'call at 13:00' })).toBe('Manager hand-over by hand: n@x now leads emergency ticket 1 (from m@x). Note: call at 13:00');
  });
});

describe('SM-6: staff to page', () => {
  const s = (email: string, region: string | null, onShift: boolean, inWorkingHours: boolean) => ({ userId: `id-${email}`, email, region, onShift, inWorkingHours });
  const ranked = [s('a', 'AMER', true, false), s('b', 'EMEA', false, true), s('c', 'AMER', false, false), s('owner', 'AMER', true, true)];
  it.each([
    ['working now, any region, the owner left out', { workingNow: true, exclude: ['owner'] }, ['a', 'b']],
    ['working now in AMER (any case)', { region: 'amer', workingNow: true, exclude: [] }, ['a', 'owner']],
    ['everyone in AMER, in the ranking\'s order', { region: 'AMER', workingNow: false, exclude: ['id-owner'] }, ['a', 'c']],
  ])('%s', (_name, q, want) => {
    expect(staffToPage(ranked, q).map((x) => x.email)).toEqual(want);
  });
});
