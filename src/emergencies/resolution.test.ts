import { describe, expect, it } from 'vitest';
import { DEFAULT_EMERGENCY_CONFIG as C } from './config.ts';
import { ticket, TUESDAY } from './fixtures.test-helpers.ts';
import { canResolvePage, decidePageResolved, decideResolution, decideTicketClosed, emergencyEndedReason, type PageResolveState } from './resolution.ts';

const T = ticket({ status: 'open', assignee: 'bruno.costa@example.com' });

describe('WF-9: resolution', () => {
  it('WF-9: related ticket exists → solve, cross-linking notes both ways, priority checked, customer told work continues there', () => {
    const d = decideResolution({ ticket: T, by: 'bruno.costa@example.com', followUp: { kind: 'existing', ticket: { id: 't-88', number: 88, priority: 'low' }, priority: 'high' } }, TUESDAY, C);
    expect(d.ticketChanges).toEqual([
      { ticketId: 't-101', fields: { status: 'solved' } },
      { ticketId: 't-88', fields: { priority: 'high' } },
    ]);
    expect(d.comments.filter((c) => c.visibility === 'internal').map((c) => c.ticketId).sort()).toEqual(['t-101', 't-88']);
    expect(d.comments.find((c) => c.visibility === 'public')).toMatchObject({ ticketId: 't-88', macro: 'Support::Customer Calls::Call Completed - Summary' });
    expect(d.records).toContainEqual({ kind: 'link', ticketId: 't-101', otherTicketId: 't-88', relation: 'follow_up' });
    expect(d.runbookTicks.map((r) => r.item)).toEqual(['follow_up_ticket_linked']);
    expect(d.timersToCancel.map((x) => x.key)).toContain('ticket:t-101:silence-bridge-close');
  });

  it('WF-9: no related ticket → a follow-up ticket is created and linked', () => {
    const d = decideResolution({ ticket: T, by: 'bruno.costa@example.com', followUp: { kind: 'new', subject: 'Follow-up: Gitaly tuning', priority: 'normal', owner: 'bruno.costa@example.com' } }, TUESDAY, C);
    expect(d.records[0]).toMatchObject({ kind: 'create_follow_up_ticket', then: 'link', assignee: 'bruno.costa@example.com', priority: 'normal' });
  });

  it('WF-9: pairing record labelled for everyone who helped', () => {
    const d = decideResolution({ ticket: T, by: 'bruno.costa@example.com', followUp: { kind: 'none' }, pairing: { people: ['cody.lee@example.com'] } }, TUESDAY, C);
    expect(d.records).toContainEqual({ kind: 'pairing', ticketId: 't-101', label: 'pairing-customer_emergency', people: ['bruno.costa@example.com', 'cody.lee@example.com'] });
    expect(d.notices[0].code).toBe('resolution.no_follow_up');
  });
});

describe('PG-2: page resolve veto', () => {
  const rows: [string, PageResolveState, boolean, string | null][] = [
    ['PG-2: acknowledged page, no public reply → refused', { pageStatus: 'acknowledged', publicReplyCount: 0 }, false, 'page.no_public_reply'],
    ['PG-2: triggered page, no public reply → refused', { pageStatus: 'triggered', publicReplyCount: 0 }, false, 'page.no_public_reply'],
    ['PG-2: public reply exists → allowed', { pageStatus: 'acknowledged', publicReplyCount: 1 }, true, null],
    ['PG-1: already resolved → refused', { pageStatus: 'resolved', publicReplyCount: 3 }, false, 'page.already_resolved'],
  ];
  it.each(rows)('%s', (_n, state, ok, code) => {
    const v = canResolvePage(state);
    expect(v.ok).toBe(ok);
    if (!v.ok) expect(v.code).toBe(code);
  });

  it('WF-2: resolving the page ticks the runbook', () => {
    expect(decidePageResolved({ ticket: T }, TUESDAY, C).runbookTicks).toEqual([{ ticketId: 't-101', item: 'page_resolved' }]);
  });
});

describe('WF-9: a ticket closed by any path', () => {
  it('WF-9/WF-5: every pending emergency timer of the ticket is cancelled and the thread says so', () => {
    const d = decideTicketClosed({ ticket: ticket({ status: 'solved' }), channel: '#support_self-managed' }, TUESDAY, C);
    expect(d.timersToCancel.map((t) => t.key)).toEqual(['ticket:t-101:silence-followup', 'ticket:t-101:silence-bridge-close', 'ticket:t-101:handoff-unaccepted', 'ticket:t-101:usgov-business-hours']);
    expect(d.threadPosts).toEqual([{ ticketId: 't-101', channel: '#support_self-managed', mode: 'reply', text: 'Emergency ticket 101 is solved; the emergency is closed.' }]);
    expect(d.pages).toEqual([]);
    expect([d.comments, d.ticketChanges]).toEqual([[], []]); // the customer was already answered by whatever closed it
  });
});

describe('WF-9: the reason a page carries when its emergency ended', () => {
  it.each([
    ['licence path', { status: 'closed', cause: 'emergency.licence_unblocked', by: 'Bruno' }, 'emergency ended: ticket closed by the licence path: customer unblocked (WF-12), by Bruno'],
    ['downgrade, ticket still open', { status: null, cause: 'emergency.qualified.not_emergency', by: 'Bruno' }, 'emergency ended: a downgrade: not an emergency (WF-4), by Bruno'],
    ['plain status change', { status: 'solved', action: 'ticket.updated', by: 'Bruno' }, 'emergency ended: ticket solved by a status change, by Bruno'],
    ['merge', { status: 'closed', action: 'ticket.merged', mergedInto: 88, by: 'Bruno' }, 'emergency ended: ticket closed by a merge into ticket 88, by Bruno'],
    ['incident bulk response', { status: 'solved', action: 'ticket.bulk_updated', bulkId: 'incident-7-r2-0', incident: 7, by: 'Bruno' }, "emergency ended: ticket solved by incident 7's bulk response (incident-7-r2-0), by Bruno"],
    ['the resolve action', { status: 'solved', cause: 'emergency.resolved', by: 'Bruno' }, 'emergency ended: ticket solved by the resolve action (WF-9), by Bruno'],
  ] as const)('WF-9: %s', (_name, input, want) => {
    expect(emergencyEndedReason(input)).toBe(want);
  });
});
