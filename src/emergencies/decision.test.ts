import { describe, expect, it } from 'vitest';
import { DecisionBuilder, mergeDecisions, TIMER_LATE_POLICY } from './decision.ts';
import { decideAfterPublicReply } from './customer-silence.ts';
import { DEFAULT_EMERGENCY_CONFIG as C } from './config.ts';
import { decideHandoffReminders } from './handoff.ts';
import { decideUsGovOffHours } from './us-government-hours.ts';
import { ticket, TUESDAY } from './fixtures.test-helpers.ts';
import { instant } from '../kernel/time.ts';

describe('Decision shape', () => {
  it('DESIGN: field changes for one ticket fold into one change; tag lists are unioned', () => {
    const d = mergeDecisions(
      new DecisionBuilder().change('t', { priority: 'high', addTags: ['a'] }).build(),
      new DecisionBuilder().change('t', { status: 'open', addTags: ['b', 'a'] }).change('u', { priority: 'low' }).build(),
    );
    expect(d.ticketChanges).toEqual([
      { ticketId: 't', fields: { priority: 'high', status: 'open', addTags: ['a', 'b'] } },
      { ticketId: 'u', fields: { priority: 'low' } },
    ]);
  });

  it('DESIGN: every timer a rule sets carries the late policy of its kind', () => {
    const timers = [
      ...decideAfterPublicReply({ ticket: ticket(), isFirstPublicReply: true }, TUESDAY, C).timersToSet,
      ...decideHandoffReminders({ shifts: [{ engineer: 'e', endsAt: TUESDAY.add({ hours: 3 }) }] }, TUESDAY, C).timersToSet,
      ...decideUsGovOffHours({ ticket: ticket(), orgName: 'x' }, instant('2026-11-24T10:00:00Z'), C).timersToSet,
    ];
    expect(timers).toHaveLength(4);
    for (const t of timers) expect(t.onLate).toBe(TIMER_LATE_POLICY[t.kind]);
  });
});
