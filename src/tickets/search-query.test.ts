import { describe, it, expect } from 'vitest';
import { Temporal } from '../kernel/time.ts';
import { DomainError } from '../kernel/errors.ts';
import { parseSearchQuery, personRefs, type SearchQuery } from './search-query.ts';

const NOW = Temporal.Instant.from('2026-11-23T10:00:00Z');
const parse = (q: string, extra: { timeZone?: string; forms?: string[] } = {}) => parseSearchQuery(q, { now: NOW, ...extra });

function parseError(q: string): DomainError {
  try {
    parse(q);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error(`expected "${q}" to fail`);
}

describe('search query parser', () => {
  it('TK-4: the seeds\' emergency queue query parses', () => {
    const q = parse('priority:urgent order_by:created_at sort:desc status:new');
    expect(q).toEqual<SearchQuery>({
      type: 'ticket', orderBy: 'created_at', sort: 'desc',
      terms: [
        { kind: 'priority', op: ':', values: ['urgent'], negated: false, position: 0 },
        { kind: 'status', op: ':', values: ['new'], negated: false, position: 46 },
      ],
    });
  });

  it('TK-4: "priority: urgent" style from the seeds needs the value attached → clear error', () => {
    const e = parseError('priority: urgent');
    expect(e.code).toBe('search.missing_value');
    expect(e.details).toEqual({ position: 9 });
  });

  it.each([
    ['status<solved', { kind: 'status', op: '<', values: ['solved'] }],
    ['status<=pending', { kind: 'status', op: '<=', values: ['pending'] }],
    ['status:hold', { kind: 'status', op: ':', values: ['on_hold'] }],
    ['status:on-hold', { kind: 'status', op: ':', values: ['on_hold'] }],
    ['STATUS:Open,new', { kind: 'status', op: ':', values: ['open', 'new'] }],
    ['priority>=high', { kind: 'priority', op: '>=', values: ['high'] }],
    ['number>100', { kind: 'number', op: '>', value: 100 }],
    ['number:#42', { kind: 'number', op: ':', value: 42 }],
    ['form:self-managed,saas', { kind: 'form', values: ['self_managed', 'saas'] }],
    ['stage:nrt', { kind: 'stage', values: ['next_reply'] }],
    ['tags:incident-12345', { kind: 'tags', anyOf: ['incident-12345'] }],
    ['tags:"emergency_strict emergency_exception"', { kind: 'tags', anyOf: ['emergency_strict', 'emergency_exception'] }],
    ['assignee:me', { kind: 'person', field: 'assignee', values: [{ kind: 'me' }] }],
    ['assignee:none', { kind: 'person', field: 'assignee', values: [{ kind: 'none' }] }],
    ['assignee:ann@example.com', { kind: 'person', field: 'assignee', values: [{ kind: 'ref', ref: 'ann@example.com' }] }],
    ['organisation:"MD Photo"', { kind: 'person', field: 'organization', values: [{ kind: 'ref', ref: 'MD Photo' }] }],
    ['requester:bob@example.com', { kind: 'person', field: 'requester', values: [{ kind: 'ref', ref: 'bob@example.com' }] }],
    ['has:assignee', { kind: 'presence', field: 'assignee', negated: false }],
    ['no:organization', { kind: 'presence', field: 'organization', negated: true }],
    ['emergency:yes', { kind: 'emergency', value: true }],
    ['subject:"disk full"', { kind: 'subject', text: 'disk full' }],
  ])('TK-4: %s', (input, expected) => {
    const q = parse(input);
    expect(q.terms).toHaveLength(1);
    expect(q.terms[0]).toMatchObject(expected);
  });

  it('TK-4: negation, quoted phrases, free words and a bare ticket number', () => {
    const q = parse('-tags:spam "exact phrase" gitaly* 3245227 -"not this"');
    expect(q.terms).toEqual([
      { kind: 'tags', anyOf: ['spam'], negated: true, position: 0 },
      { kind: 'text', text: 'exact phrase', phrase: true, ticketNumber: null, negated: false, position: 11 },
      { kind: 'text', text: 'gitaly', phrase: false, ticketNumber: null, negated: false, position: 26 },
      { kind: 'text', text: '3245227', phrase: false, ticketNumber: 3245227, negated: false, position: 34 },
      { kind: 'text', text: 'not this', phrase: true, ticketNumber: null, negated: true, position: 42 },
    ]);
  });

  it('TK-4: type:ticket is accepted and sort alone keeps order_by unset', () => {
    expect(parse('type:ticket sort:asc')).toEqual({ type: 'ticket', orderBy: null, sort: 'asc', terms: [] });
  });

  it('TK-4: -no:assignee means has:assignee', () => {
    expect(parse('-no:assignee').terms[0]).toMatchObject({ kind: 'presence', field: 'assignee', negated: false });
  });

  it('TK-4: personRefs lists the references the store must resolve', () => {
    expect(personRefs(parse('assignee:a@x.io assignee:me requester:b@x.io assignee:a@x.io'))).toEqual([
      { field: 'assignee', ref: 'a@x.io' }, { field: 'requester', ref: 'b@x.io' },
    ]);
  });
});

describe('search dates', () => {
  const bounds = (q: string, tz?: string) => {
    const t = parse(q, { timeZone: tz }).terms[0];
    if (t.kind !== 'date') throw new Error('not a date term');
    return t.bounds.map((b) => `${b.op}${b.at.toString()}`);
  };

  it.each([
    ['created>2hours', ['>2026-11-23T08:00:00Z']],
    ['created_at>1hour', ['>2026-11-23T09:00:00Z']],
    ['updated<3days', ['<2026-11-20T10:00:00Z']],
    ['updated:30minutes', ['>=2026-11-23T09:30:00Z']],
    ['solved>=2weeks', ['>=2026-11-09T10:00:00Z']],
    ['due<=15mins', ['<=2026-11-23T09:45:00Z']],
  ])('TK-4: relative %s resolves against now', (q, expected) => {
    expect(bounds(q)).toEqual(expected);
  });

  it.each([
    ['created:2026-11-01', ['>=2026-11-01T00:00:00Z', '<2026-11-02T00:00:00Z']],
    ['created>2026-11-01', ['>=2026-11-02T00:00:00Z']],
    ['created>=2026-11-01', ['>=2026-11-01T00:00:00Z']],
    ['created<2026-11-01', ['<2026-11-01T00:00:00Z']],
    ['created<=2026-11-01', ['<2026-11-02T00:00:00Z']],
    ['created>2026-11-01T09:30:00+01:00', ['>2026-11-01T08:30:00Z']],
  ])('TK-4: absolute %s', (q, expected) => {
    expect(bounds(q)).toEqual(expected);
  });

  it('TK-4: a plain date is a day in the given zone, 25 h long on the fall-back day', () => {
    expect(bounds('created:2026-11-01', 'America/New_York')).toEqual(['>=2026-11-01T04:00:00Z', '<2026-11-02T05:00:00Z']);
  });
});

describe('search errors carry the position of the bad token', () => {
  it.each([
    ['status:open foo:bar', 'search.unknown_field', 12, /Use one of: status, priority/],
    ['status:closedd', 'search.bad_value', 7, /use one of: new, open, pending, on_hold, solved, closed/],
    ['priority:urgent tags<x', 'search.bad_operator', 20, /Only priority, status, created, updated, solved, due, number accept/],
    ['created>yesterday', 'search.bad_date', 8, /2hours, 3days \(units: minutes, hours, days, weeks\)/],
    ['created>2026-02-30', 'search.bad_date', 8, /real calendar date/],
    ['created>2026-11-01T10:00', 'search.bad_date', 8, /ISO-8601 with a zone/],
    ['status:open "unterminated', 'search.unterminated_quote', 12, /never closed/],
    ['status:open - tags:x', 'search.dangling_negation', 12, /must be followed directly/],
    ['order_by:subject', 'search.bad_value', 9, /order_by:created_at, updated_at, priority, status, number/],
    ['sort:up', 'search.bad_value', 5, /sort:asc or sort:desc/],
    ['order_by:number order_by:status', 'search.duplicate_option', 16, /keep one/],
    ['-order_by:number', 'search.bad_negation', 0, /cannot be negated/],
    ['type:user', 'search.bad_value', 5, /only type:ticket/],
    [':open', 'search.missing_field', 0, /needs a field name/],
    ['number:abc', 'search.bad_value', 7, /ticket number/],
    ['status<open,new', 'search.bad_value', 7, /one value only/],
    ['form:gov', 'search.bad_value', 5, /self_managed, saas, licensing, us_government, dedicated/],
    ['has:tickets', 'search.bad_value', 4, /has:assignee/],
    ['tags:"bad tag!"', 'search.bad_value', 5, /not a tag/],
    ['priority:>high', 'search.bad_token', 9, /one operator/],
    // out-of-range dates were a RangeError (a 500) or a value PostgreSQL refuses
    ['created>99999999999days', 'search.date_out_of_range', 8, /between the years 0001 and 9999/],
    ['status:open updated<9999999999weeks', 'search.date_out_of_range', 20, /out of range/],
    ['created>1000000000000000000000000minutes', 'search.date_out_of_range', 8, /out of range/],
    ['created<3000000weeks', 'search.date_out_of_range', 8, /out of range/],
    ['created:0000-06-01', 'search.date_out_of_range', 8, /out of range/],
    ['created>0000-01-01T00:00:00Z', 'search.date_out_of_range', 8, /out of range/],
    ['disk\u0000full', 'search.bad_character', 4, /control character \(U\+0000\) at position 4/],
  ])('TK-4: %s → %s at %i', (q, code, position, message) => {
    const e = parseError(q);
    expect(e.code).toBe(code);
    expect(e.details).toEqual({ position });
    expect(e.message).toMatch(message);
  });

  it('TK-4: configured forms replace the default list', () => {
    expect(parse('form:gov', { forms: ['gov', 'web'] }).terms[0]).toMatchObject({ kind: 'form', values: ['gov'] });
  });

  it('TK-4: an over-long query is refused', () => {
    expect(() => parse('a '.repeat(600))).toThrow(expect.objectContaining({ code: 'search.too_long' }));
  });
});
