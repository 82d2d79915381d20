import { describe, expect, it } from 'vitest';
import { DEFAULT_EMERGENCY_CONFIG as C } from './config.ts';
import type { RunbookItem } from './decision.ts';
import { TUESDAY } from './fixtures.test-helpers.ts';
import { runbookState, ticksForEvent, type RunbookEvent, type RunbookFacts } from './runbook.ts';

const at = (min: number) => TUESDAY.add({ minutes: min });
const facts = (over: Partial<RunbookFacts> = {}): RunbookFacts => ({
  createdAt: TUESDAY,
  done: {},
  paged: true,
  firstPublicReplyAt: null,
  customerRepliedAt: null,
  callEndedAt: null,
  solved: false,
  ...over,
});
const status = (f: RunbookFacts, min: number) => Object.fromEntries(runbookState(f, at(min), C).items.map((i) => [i.item, i.status]));

describe('WF-2: runbook ticks', () => {
  const rows: [string, RunbookEvent, RunbookItem[]][] = [
    ['WF-2: page acknowledged → acknowledged', { kind: 'page_acknowledged' }, ['acknowledged']],
    ['WF-2: agent public comment → public reply sent', { kind: 'public_comment', byAgent: true }, ['public_reply_sent']],
    ['WF-2: customer comment ticks nothing', { kind: 'public_comment', byAgent: false }, []],
    ['WF-2: needs more info is not a final qualification', { kind: 'qualified', final: false }, []],
    ['WF-2: final verdict → qualified', { kind: 'qualified', final: true }, ['qualified']],
    ['WF-2: page resolved → page resolved', { kind: 'page_resolved' }, ['page_resolved']],
    ['WF-2: follow-up linked → follow-up ticket linked', { kind: 'follow_up_linked' }, ['follow_up_ticket_linked']],
  ];
  it.each(rows)('%s', (_n, e, items) => expect(ticksForEvent('t-1', e).map((t) => t.item)).toEqual(items));
});

describe('WF-2: runbook state', () => {
  it('WF-2: fresh emergency → acknowledge is the next step, nothing overdue', () => {
    const s = runbookState(facts(), at(1), C);
    expect(s.next!.item).toBe('acknowledged');
    expect(s.overdue).toEqual([]);
  });

  it('WF-2: unacknowledged after 10 minutes → overdue', () => {
    expect(runbookState(facts(), at(11), C).overdue).toEqual(['acknowledged']);
  });

  it('WF-2: post-call items only after a call; follow-up ticket only once solved', () => {
    const s = status(facts(), 1);
    expect([s.post_call_notes, s.next_engineer_tagged, s.follow_up_ticket_linked, s.follow_up_sent]).toEqual(['not_applicable', 'not_applicable', 'not_applicable', 'not_applicable']);
    const after = status(facts({ callEndedAt: at(60), solved: true }), 95);
    expect([after.post_call_notes, after.follow_up_ticket_linked]).toEqual(['overdue', 'pending']);
  });

  it('WF-5/WF-2: customer silent → follow-up due 15 min after the first reply; answered at minute 14 → not applicable', () => {
    expect(status(facts({ firstPublicReplyAt: at(5) }), 21).follow_up_sent).toBe('overdue');
    expect(status(facts({ firstPublicReplyAt: at(5), customerRepliedAt: at(19) }), 21).follow_up_sent).toBe('not_applicable');
  });

  it('WF-2: never paged (US-government off hours) → acknowledge and page items not applicable', () => {
    const s = status(facts({ paged: false }), 60);
    expect([s.acknowledged, s.page_resolved]).toEqual(['not_applicable', 'not_applicable']);
  });

  it('WF-2: done items stay done; next is the most overdue', () => {
    const f = facts({ done: { acknowledged: at(2), entitlement_checked: at(0), thread_opened: at(0) } });
    const s = runbookState(f, at(40), C);
    expect(s.items.find((i) => i.item === 'acknowledged')!.status).toBe('done');
    expect(s.overdue).toEqual(['qualified', 'public_reply_sent', 'page_resolved']);
    expect(s.next!.item).toBe('qualified');
  });
});
