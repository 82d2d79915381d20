// The Zendesk-compatible API's ticket shapes (TK-1, TK-2, TK-8): Hotline → Zendesk JSON and a
// Zendesk body → Hotline changes, with the refusals Zendesk scripts must see as 422s.
import { describe, expect, it } from 'vitest';
import { Temporal } from '../kernel/time.ts';
import { isDomainError } from '../kernel/errors.ts';
import type { Ticket } from '../tickets/index.ts';
import { fromZendeskTicket, textOfHtml, zendeskComment, zendeskTicket, zendeskTime, type ZendeskLookups, type ZendeskRefs } from './zendesk-ticket.ts';

const AT = Temporal.Instant.from('2026-12-03T19:00:00.123Z');
const ticket: Ticket = {
  id: 't1', number: 42, subject: 'Backups failing', requesterId: 'u-rita', organizationId: 'o-acme', form: 'self_managed', priority: 'high',
  status: 'on_hold', stage: 'first_reply', tags: ['backup'], assigneeId: 'u-alice', followerIds: ['u-bob'], customFields: { version: '2.3', ticket_type: 'incident' },
  isEmergency: false, version: 3, createdAt: AT, updatedAt: AT, solvedAt: null,
};
const ids: Record<string, number> = { 'u-rita': 11, 'u-alice': 12, 'u-bob': 13, 'o-acme': 21, version: 31, c1: 41 };
const refs: ZendeskRefs = {
  baseUrl: 'http://h/api/v2', user: (id) => (id ? ids[id] ?? null : null), organization: (id) => (id ? ids[id] ?? null : null),
  field: (k) => ids[k] ?? null, comment: (id) => ids[id] ?? null,
};
const first = { id: 'c1', authorId: 'u-alice', body: 'Nightly backups fail.\n\n<b>since</b> 2.3', isPublic: true, via: 'web', createdAt: '2026-12-03T19:00:00.123Z' };
const look: ZendeskLookups = { user: (n) => ({ 11: 'u-rita', 12: 'u-alice' })[n], organization: (n) => (n === 21 ? 'o-acme' : undefined), field: (n) => (n === 31 ? 'version' : undefined) };

const invalidField = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (isDomainError(e) && e.code === 'zendesk.record_invalid') return (e.details as { field: string }).field;
    throw e;
  }
  throw new Error('expected a 422');
};

describe('a Hotline ticket as Zendesk JSON', () => {
  it('TK-1: the number is the id, hold is on_hold, the type comes from its custom field, times are whole seconds', () => {
    const z = zendeskTicket(ticket, first, refs, false);
    expect(z).toMatchObject({
      id: 42, url: 'http://h/api/v2/tickets/42.json', status: 'hold', priority: 'high', type: 'incident', requester_id: 11, submitter_id: 12, assignee_id: 12,
      organization_id: 21, follower_ids: [13], tags: ['backup'], custom_fields: [{ id: 31, value: '2.3' }], description: first.body, created_at: '2026-12-03T19:00:00Z',
      via: { channel: 'web' },
    });
  });
  it('TK-8: a customer sees no tags, custom fields, followers or assignee', () => {
    expect(zendeskTicket(ticket, first, refs, true)).toMatchObject({ tags: [], custom_fields: [], follower_ids: [], assignee_id: null });
  });
  it('TK-2: a comment carries body, escaped html_body, plain_body and public', () => {
    expect(zendeskComment(first, refs)).toMatchObject({
      id: 41, type: 'Comment', author_id: 12, public: true, plain_body: first.body,
      html_body: '<div class="zd-comment" dir="auto"><p>Nightly backups fail.</p><p>&lt;b&gt;since&lt;/b&gt; 2.3</p></div>',
    });
    expect(zendeskTime('2026-12-03T19:00:00Z')).toBe('2026-12-03T19:00:00Z');
  });
});

describe('a Zendesk body as Hotline changes', () => {
  it('create: the comment is the description, the requester by id or e-mail, hold → on_hold', () => {
    const m = fromZendeskTicket({ subject: 'S', comment: { body: 'B', public: true }, requester_id: 11, status: 'hold', type: 'task', tags: ['a'], custom_fields: [{ id: 31, value: '2.4' }] }, look, 'create');
    expect(m).toEqual({ changes: { subject: 'S', status: 'on_hold', tags: { set: ['a'], add: undefined, remove: undefined }, customFields: { ticket_type: 'task', version: '2.4' } }, comment: { body: 'B', isPublic: true }, requesterId: 'u-rita' });
    expect(fromZendeskTicket({ comment: { html_body: '<p>Line one</p><p>two &amp; three</p>' }, requester: { email: 'r@x' } }, look, 'create'))
      .toMatchObject({ changes: { subject: 'Line one' }, comment: { body: 'Line one\n\ntwo & three' }, requesterEmail: 'r@x' });
  });
  it('update: additional and removed tags, a private comment, null unassigns', () => {
    expect(fromZendeskTicket({ additional_tags: ['x'], remove_tags: ['y'], assignee_id: null, comment: { body: 'note', public: false } }, look, 'update'))
      .toEqual({ changes: { assigneeId: null, tags: { set: undefined, add: ['x'], remove: ['y'] } }, comment: { body: 'note', isPublic: false } });
  });
  it.each([
    ['an unknown status', { status: 'bogus' }, 'status'],
    ['an unknown priority', { priority: 'p1' }, 'priority'],
    ['an unknown type', { type: 'bug' }, 'type'],
    ['an unknown assignee', { assignee_id: 99 }, 'assignee_id'],
    ['an unknown organisation', { organization_id: 99 }, 'organization_id'],
    ['an unknown custom field', { custom_fields: [{ id: 99, value: 1 }] }, 'custom_fields'],
    ['a group (Hotline has none)', { group_id: 5 }, 'group_id'],
    ['an empty comment', { comment: { body: '  ' } }, 'comment'],
  ])('422 on %s', (_n, body, field) => {
    expect(invalidField(() => fromZendeskTicket(body as never, look, 'update'))).toBe(field);
  });
  it('create needs a description and a requester', () => {
    expect(invalidField(() => fromZendeskTicket({ subject: 'S', requester_id: 11 }, look, 'create'))).toBe('description');
    expect(invalidField(() => fromZendeskTicket({ subject: 'S', comment: { body: 'B' } }, look, 'create'))).toBe('requester');
  });
  it('html to text', () => {
    expect(textOfHtml('<div><p>a<br>b</p></div>')).toBe('a\nb');
  });
});
