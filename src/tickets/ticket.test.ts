import { describe, it, expect } from 'vitest';
import { Temporal } from '../kernel/time.ts';
import { applyChanges, createTicket, isUnsolved, normalizeTags, type TicketChanges } from './ticket.ts';
import { checkCommentBody, checkCommentVisibility, commentsVisibleTo } from './comment.ts';
import { sampleTicket } from './ticket-fixture.ts';

const T1 = Temporal.Instant.from('2026-11-23T09:20:00Z');

describe('applyChanges', () => {
  it('TK-1: changes fields, bumps version, stamps updatedAt and returns a field diff', () => {
    const { ticket, diff } = applyChanges(sampleTicket(), {
      status: 'open', priority: 'high', assigneeId: 'se-1', tags: { add: ['Emergency_Strict', 'emergency'] },
      followers: { add: ['sm-1'] }, customFields: { category: 'regression' },
    }, { at: T1 });
    expect(ticket).toMatchObject({ status: 'open', priority: 'high', assigneeId: 'se-1', tags: ['emergency', 'emergency_strict'], followerIds: ['sm-1'], customFields: { category: 'regression' }, version: 2 });
    expect(ticket.updatedAt.equals(T1)).toBe(true);
    expect(diff).toEqual([
      { field: 'priority', from: 'urgent', to: 'high' },
      { field: 'assigneeId', from: null, to: 'se-1' },
      { field: 'status', from: 'new', to: 'open' },
      { field: 'tags', from: ['emergency'], to: ['emergency', 'emergency_strict'], added: ['emergency_strict'], removed: [] },
      { field: 'followerIds', from: [], to: ['sm-1'], added: ['sm-1'], removed: [] },
      { field: 'customFields.category', from: null, to: 'regression' },
    ]);
  });

  it('TK-1: a change that changes nothing returns the same ticket and an empty diff', () => {
    const before = sampleTicket();
    const { ticket, diff } = applyChanges(before, { priority: 'urgent', tags: { add: ['EMERGENCY'] } }, { at: T1 });
    expect(diff).toEqual([]);
    expect(ticket).toBe(before);
  });

  it('TK-1: tags: set, then remove, then add', () => {
    const { ticket } = applyChanges(sampleTicket({ tags: ['a', 'b'] }), { tags: { set: ['x', 'y', 'z'], remove: ['y'], add: ['b'] } }, { at: T1 });
    expect(ticket.tags).toEqual(['b', 'x', 'z']);
  });

  it('TK-1: solving stamps solvedAt; reopening clears it; closing keeps it', () => {
    const solved = applyChanges(sampleTicket({ status: 'open' }), { status: 'solved' }, { at: T1 }).ticket;
    expect(solved.solvedAt?.equals(T1)).toBe(true);
    expect(applyChanges(solved, { status: 'open' }, { at: T1.add({ hours: 1 }) }).ticket.solvedAt).toBeNull();
    expect(applyChanges(solved, { status: 'closed' }, { at: T1.add({ hours: 1 }) }).ticket.solvedAt?.equals(T1)).toBe(true);
  });

  it.each<[string, TicketChanges, string]>([
    ['unknown status', { status: 'hold' as never }, 'ticket.bad_status'],
    ['unknown priority', { priority: 'critical' as never }, 'ticket.bad_priority'],
    ['form not configured', { form: 'gov' }, 'ticket.bad_form'],
    ['unknown stage', { stage: 'resolution' as never }, 'ticket.bad_stage'],
    ['tag with a space', { tags: { add: ['two words'] } }, 'ticket.bad_tag'],
    ['empty subject', { subject: '  ' }, 'ticket.bad_subject'],
    ['empty assignee id', { assigneeId: '' }, 'ticket.bad_assignee'],
    ['bad custom field key', { customFields: { 'Bad Key': 1 } }, 'ticket.bad_custom_field'],
    ['custom field object value', { customFields: { ok: {} as never } }, 'ticket.bad_custom_field'],
    ['back to new', { status: 'new' }, 'ticket.bad_status_transition'],
  ])('TK-1: rejects %s', (_name, changes, code) => {
    const ticket = sampleTicket({ status: 'open' });
    expect(() => applyChanges(ticket, changes, { at: T1 })).toThrow(expect.objectContaining({ kind: 'invalid', code }));
  });

  it('TK-1: the form list is configuration', () => {
    const config = { forms: ['gov'], maxTags: 5, maxSubjectLength: 50 };
    expect(applyChanges(sampleTicket(), { form: 'gov' }, { at: T1, config }).ticket.form).toBe('gov');
    expect(() => applyChanges(sampleTicket(), { tags: { add: ['a', 'b', 'c', 'd', 'e'] } }, { at: T1, config })).toThrow(expect.objectContaining({ code: 'ticket.too_many_tags' }));
  });

  it('TK-1: a stale version is a conflict', () => {
    expect(() => applyChanges(sampleTicket({ version: 3 }), { status: 'open' }, { at: T1, expectedVersion: 2 }))
      .toThrow(expect.objectContaining({ kind: 'conflict', code: 'ticket.version_conflict' }));
    expect(applyChanges(sampleTicket({ version: 3 }), { status: 'open' }, { at: T1, expectedVersion: 3 }).ticket.version).toBe(4);
  });

  it('WF-9: a closed ticket cannot be changed', () => {
    expect(() => applyChanges(sampleTicket({ status: 'closed' }), { tags: { add: ['x'] } }, { at: T1 }))
      .toThrow(expect.objectContaining({ kind: 'conflict', code: 'ticket.closed' }));
  });

  it('TK-1: status order makes status<solved mean unsolved', () => {
    expect((['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const).map(isUnsolved)).toEqual([true, true, true, true, false, false]);
  });

  it('TK-1: tags are normalised, unique and sorted', () => {
    expect(normalizeTags(['B', 'a', 'b', ' incident-12345 '])).toEqual(['a', 'b', 'incident-12345']);
  });
});

describe('createTicket', () => {
  it('TK-8: an urgent ticket from the web form is a new emergency awaiting its first reply', () => {
    const t = createTicket({ subject: ' Instance down ', requesterId: 'req-1', organizationId: 'org-1', form: 'saas', priority: 'urgent', tags: ['Emergency'] }, { id: 't-9', number: 9, at: T1 });
    expect(t).toMatchObject({ id: 't-9', number: 9, subject: 'Instance down', status: 'new', stage: 'first_reply', priority: 'urgent', isEmergency: true, tags: ['emergency'], version: 1, solvedAt: null });
    expect(t.createdAt.equals(T1) && t.updatedAt.equals(T1)).toBe(true);
  });

  it('TK-1: defaults to normal priority, not an emergency', () => {
    expect(createTicket({ subject: 'Question', requesterId: 'r', form: 'licensing' }, { id: 'x', number: 1, at: T1 })).toMatchObject({ priority: 'normal', isEmergency: false, organizationId: null });
  });

  it('TK-1 / WF-1: a ticket raised as an emergency without a priority is urgent, so intake opens its emergency', () => {
    expect(createTicket({ subject: 'Down', requesterId: 'r', form: 'saas', isEmergency: true }, { id: 'x', number: 1, at: T1 })).toMatchObject({ priority: 'urgent', isEmergency: true });
    expect(createTicket({ subject: 'Down', requesterId: 'r', form: 'saas', priority: 'urgent', isEmergency: false }, { id: 'x', number: 1, at: T1 })).toMatchObject({ priority: 'urgent', isEmergency: false });
  });

  it.each<[string, Parameters<typeof createTicket>[0], string]>([
    ['an emergency below urgent', { subject: 'x', requesterId: 'r', form: 'saas', priority: 'normal', isEmergency: true }, 'ticket.emergency_not_urgent'],
    ['unknown form', { subject: 'x', requesterId: 'r', form: 'mainframe' }, 'ticket.bad_form'],
    ['no requester', { subject: 'x', requesterId: '', form: 'saas' }, 'ticket.bad_requester'],
    ['closed from the start', { subject: 'x', requesterId: 'r', form: 'saas', status: 'closed' }, 'ticket.bad_status'],
    ['bad tag', { subject: 'x', requesterId: 'r', form: 'saas', tags: ['a b'] }, 'ticket.bad_tag'],
  ])('TK-1: refuses %s', (_n, input, code) => {
    expect(() => createTicket(input, { id: 'x', number: 1, at: T1 })).toThrow(expect.objectContaining({ code }));
  });
});

describe('comments', () => {
  const comments = [{ id: 'c1', isPublic: true }, { id: 'c2', isPublic: false }];
  it('TK-2: internal notes never reach the customer', () => {
    expect(commentsVisibleTo(comments, { role: 'customer' }).map((c) => c.id)).toEqual(['c1']);
    expect(commentsVisibleTo(comments, { role: 'agent' }).map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(() => checkCommentVisibility(false, { role: 'customer' })).toThrow(expect.objectContaining({ code: 'comment.internal_by_customer' }));
    expect(() => checkCommentVisibility(false, { role: 'agent' })).not.toThrow();
  });

  it('TK-2: comment bodies are non-empty and bounded', () => {
    expect(checkCommentBody('  hi ')).toBe('hi');
    expect(() => checkCommentBody(' ')).toThrow(expect.objectContaining({ code: 'comment.empty' }));
    expect(() => checkCommentBody('x'.repeat(11), 10)).toThrow(expect.objectContaining({ code: 'comment.too_long' }));
  });
});
