import { describe, expect, it } from 'vitest';
import { instant } from '../kernel/time.ts';
import { DEFAULT_EMERGENCY_CONFIG as C } from './config.ts';
import { ticket, TUESDAY } from './fixtures.test-helpers.ts';
import { decidePostCall, type PostCallInput } from './post-call.ts';

const base: PostCallInput = {
  ticket: ticket({ status: 'open', assignee: 'bruno.costa@example.com' }),
  author: 'bruno.costa@example.com',
  summary: 'Gitaly restarted; repository access restored.',
  internalNotes: 'Gitaly timings were very high; disk at 98%.',
  resolved: true,
  nextOnCall: 'carmen.diaz@example.com',
  authorOnCallUntil: instant('2026-11-24T23:00:00Z'),
  customerZone: 'America/New_York',
  channel: '#support_self-managed',
};

describe('WF-8: post-call', () => {
  it('WF-8: resolved call → public summary (macro), internal note, next on-call engineer tagged', () => {
    const d = decidePostCall(base, TUESDAY, C);
    const pub = d.comments.find((c) => c.visibility === 'public')!;
    expect(pub.macro).toBe('Support::Customer Calls::Call Completed - Summary');
    expect(pub.body).toMatch(/on call until 18:00 \(America\/New_York\).*carmen.diaz@example.com will be responding/s);
    expect(d.comments.find((c) => c.visibility === 'internal')!.body).toMatch(/disk at 98%/);
    expect(d.mentions[0].who).toBe('carmen.diaz@example.com');
    expect(d.runbookTicks.map((r) => r.item)).toEqual(['post_call_notes', 'public_reply_sent', 'next_engineer_tagged']);
    expect(d.records).toEqual([]);
  });

  it('WF-8: unresolved → tells the customer to open a new emergency when back and merges into the non-emergency ticket', () => {
    const d = decidePostCall({ ...base, resolved: false, nonEmergencyTicket: { id: 't-88', number: 88 } }, TUESDAY, C);
    expect(d.comments[0].body).toMatch(/not able to reach a resolution.*open a new emergency ticket/s);
    expect(d.records).toEqual([{ kind: 'merge', ticketId: 't-101', intoTicketId: 't-88' }]);
  });

  it('WF-8: unresolved without a non-emergency ticket → one is created, then merged', () => {
    const d = decidePostCall({ ...base, resolved: false, nonEmergencyTicket: null }, TUESDAY, C);
    expect(d.records[0]).toMatchObject({ kind: 'create_follow_up_ticket', then: 'merge', requesterEmail: 'rita@acme.example' });
  });

  it('WF-8: nobody next on call → no tag, a notice instead', () => {
    const d = decidePostCall({ ...base, nextOnCall: null }, TUESDAY, C);
    expect(d.runbookTicks.map((r) => r.item)).not.toContain('next_engineer_tagged');
    expect(d.notices[0].code).toBe('postcall.no_next_engineer');
  });
});
