import { describe, it, expect } from 'vitest';
import { Temporal } from '../kernel/time.ts';
import { bulkIdempotencyKey, planBulkUpdate, validateBulkRequest, type BulkUpdateRequest } from './bulk.ts';
import { sampleTicket } from './ticket-fixture.ts';

const AT = Temporal.Instant.from('2026-11-23T09:40:00Z');
const CTX = { at: AT, template: { agent: { id: 'se-1', name: 'Francesca Rossi' }, requester: { name: 'Dana Scully' } } };
const INCIDENT: BulkUpdateRequest = {
  id: 'req-42',
  addTags: ['incident-12345'],
  status: 'open',
  publicReply: 'Hi {{requester.first_name}}, we are aware of an incident affecting ticket #{{ticket.number}} and are actively working on it.',
};

describe('bulk update plan', () => {
  it('WF-10: tag, public reply and status in one action, per ticket', () => {
    const r = planBulkUpdate(sampleTicket(), INCIDENT, CTX);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.key).toBe('bulk:req-42:t-1');
    expect(r.ticket).toMatchObject({ status: 'open', tags: ['emergency', 'incident-12345'], version: 2 });
    expect(r.changes).toEqual({ status: 'open', tags: { add: ['incident-12345'] } });
    expect(r.comments).toEqual([{ public: true, body: 'Hi Dana, we are aware of an incident affecting ticket #4711 and are actively working on it.' }]);
    expect(r.unchanged).toBe(false);
  });

  it('TK-5: a closed ticket yields an error line, not an exception', () => {
    const r = planBulkUpdate(sampleTicket({ id: 't-9', number: 9, status: 'closed' }), INCIDENT, CTX);
    expect(r).toEqual({ ticketId: 't-9', number: 9, key: 'bulk:req-42:t-9', ok: false, error: { kind: 'conflict', code: 'ticket.closed', message: expect.stringContaining('Ticket 9 is closed') } });
  });

  it('TK-5: a status the ticket cannot take is that ticket\'s error', () => {
    const r = planBulkUpdate(sampleTicket({ status: 'open' }), { id: 'r', status: 'new' }, CTX);
    expect(r).toMatchObject({ ok: false, error: { code: 'ticket.bad_status_transition' } });
  });

  it('TK-5: a placeholder with no value for this ticket is that ticket\'s error', () => {
    const r = planBulkUpdate(sampleTicket(), { id: 'r', publicReply: 'Next: {{oncall.next}}' }, CTX);
    expect(r).toMatchObject({ ok: false, error: { code: 'macro.missing_value' } });
  });

  it('TK-5: nothing to change is reported as unchanged', () => {
    const r = planBulkUpdate(sampleTicket({ status: 'open' }), { id: 'r', status: 'open', removeTags: ['absent'] }, CTX);
    expect(r).toMatchObject({ ok: true, unchanged: true, diff: [] });
  });

  it('WF-10: solving with a note to reply if trouble remains', () => {
    const r = planBulkUpdate(sampleTicket({ status: 'open' }), { id: 'r', status: 'solved', publicReply: 'The incident is resolved. Reply if you still have trouble.', internalNote: 'Bulk-solved after incident-12345.' }, CTX);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.ticket.solvedAt?.equals(AT)).toBe(true);
    expect(r.comments.map((c) => c.public)).toEqual([true, false]);
  });

  it('TK-5: the idempotency key is stable for a request and ticket', () => {
    expect(bulkIdempotencyKey('req-42', 't-1')).toBe(bulkIdempotencyKey('req-42', 't-1'));
    expect(bulkIdempotencyKey('req-42', 't-1')).not.toBe(bulkIdempotencyKey('req-43', 't-1'));
  });
});

describe('bulk request validation', () => {
  it('TK-5: de-duplicates ticket ids', () => {
    expect(validateBulkRequest(INCIDENT, ['a', 'b', 'a'])).toEqual(['a', 'b']);
  });

  it.each<[string, BulkUpdateRequest, string[], string]>([
    ['no action', { id: 'r' }, ['a'], 'bulk.empty'],
    ['no tickets', INCIDENT, [], 'bulk.no_tickets'],
    ['too many', INCIDENT, Array.from({ length: 101 }, (_, i) => `t${i}`), 'bulk.too_many'],
    ['bad id', { ...INCIDENT, id: 'has space' }, ['a'], 'bulk.bad_request_id'],
    ['bad status', { id: 'r', status: 'done' as never }, ['a'], 'bulk.bad_status'],
    ['bad priority', { id: 'r', priority: 'p1' as never }, ['a'], 'bulk.bad_priority'],
    ['bad tag', { id: 'r', addTags: ['two words'] }, ['a'], 'ticket.bad_tag'],
    ['add and remove same tag', { id: 'r', addTags: ['x'], removeTags: ['X'] }, ['a'], 'bulk.tag_conflict'],
    ['blank reply', { id: 'r', publicReply: '  ' }, ['a'], 'bulk.empty_comment'],
    ['unknown placeholder', { id: 'r', publicReply: '{{ticket.nr}}' }, ['a'], 'macro.unknown_placeholder'],
  ])('TK-5: refuses %s', (_n, req, ids, code) => {
    expect(() => validateBulkRequest(req, ids)).toThrow(expect.objectContaining({ code }));
  });
});
