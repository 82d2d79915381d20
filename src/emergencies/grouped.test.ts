import { describe, expect, it } from 'vitest';
import { DEFAULT_EMERGENCY_CONFIG as C } from './config.ts';
import { ticket, TUESDAY } from './fixtures.test-helpers.ts';
import { DecisionBuilder } from './decision.ts';
import { groupedIntakeNeedsOnCall, withoutPagesOf, withoutSilenceTimersForIncident } from './grouped.ts';

const t1000 = ticket({ id: 't-1000', number: 1000, form: 'saas' });

describe('WF-10: an emergency grouped under an incident', () => {
  it('WF-10: a grouped emergency keeps its intake effects but not its own page', () => {
    const intake = new DecisionBuilder()
      .page({ ticketId: 't-1000', target: { kind: 'rotation', id: 'customer-emergencies' }, assignTo: null, title: 'x', reason: 'y' })
      .page({ ticketId: 't-other', target: { kind: 'rotation', id: 'customer-emergencies' }, assignTo: null, title: 'x', reason: 'y' })
      .post({ ticketId: 't-1000', channel: '#c', mode: 'open', text: 'thread' })
      .build();
    const d = withoutPagesOf(intake, 't-1000');
    expect(d.pages.map((p) => p.ticketId)).toEqual(['t-other']);
    expect(d.threadPosts).toHaveLength(1);
  });

  it('WF-10: only ENT-4 (or an unpaged verdict) makes a grouped intake ask who is on call', () => {
    const v = (kind: string, page = true) => ({ kind, page, emergencySupport: true, message: '', daysSinceExpiry: null, graceEndsOn: null }) as never;
    expect(groupedIntakeNeedsOnCall(v('entitled'))).toBe(false);
    expect(groupedIntakeNeedsOnCall(v('single_seat_same_day'))).toBe(true);
    expect(groupedIntakeNeedsOnCall(v('below_tier', false))).toBe(true);
  });

  it('WF-10 over WF-5: an incident ticket answered in bulk arms no customer-silence timers; a split-out one does', () => {
    const d = new DecisionBuilder()
      .timer({ kind: 'silence-followup', key: 'k1', ticketId: 't-1000', at: TUESDAY.add({ minutes: 15 }), onLate: 'fire' })
      .timer({ kind: 'silence-bridge-close', key: 'k2', ticketId: 't-1000', at: TUESDAY.add({ minutes: 30 }), onLate: 'fire' })
      .tick('t-1000', 'public_reply_sent')
      .build();
    const tagged = withoutSilenceTimersForIncident(d, { ...t1000, tags: ['incident-12345'] }, C);
    expect(tagged.timersToSet).toEqual([]);
    expect(tagged.runbookTicks).toHaveLength(1);
    expect(withoutSilenceTimersForIncident(d, t1000, C).timersToSet).toHaveLength(2);
  });
});
