import { describe, it, expect } from 'vitest';
import { Temporal } from '../kernel/time.ts';
import {
  DEMO_SLA_CONFIG, DEMO_SLA_POLICY, EMPTY_SLA_CLOCK, advanceSla, selectPolicy, slaStatus, stageFor, targetFor,
  type SlaClock, type SlaConfig, type SlaInput, type SlaTicket,
} from './sla.ts';

const I = (s: string) => Temporal.Instant.from(s);
const URGENT_EMERGENCY: SlaTicket = { form: 'self_managed', priority: 'urgent', status: 'new', isEmergency: true };
const HIGH: SlaTicket = { form: 'saas', priority: 'high', status: 'open', isEmergency: false };

/** Runs inputs in order from an empty clock; returns every step. */
function run(inputs: SlaInput[], config: SlaConfig = DEMO_SLA_CONFIG) {
  let clock: SlaClock = EMPTY_SLA_CLOCK;
  return inputs.map((input) => {
    const step = advanceSla(clock, input, config);
    clock = step.clock;
    return step;
  });
}
const due = (c: SlaClock) => c.dueAt?.toString() ?? null;

describe('SLA policy', () => {
  it('TK-7: demo targets by priority; emergencies owe the next reply in 30 minutes', () => {
    expect(targetFor(DEMO_SLA_POLICY, 'first_reply', URGENT_EMERGENCY)).toEqual({ minutes: 30, hours: 'calendar' });
    expect(targetFor(DEMO_SLA_POLICY, 'first_reply', HIGH)).toEqual({ minutes: 240, hours: 'business' });
    expect(targetFor(DEMO_SLA_POLICY, 'next_reply', { ...HIGH, priority: 'low' })).toEqual({ minutes: 1440, hours: 'business' });
    expect(targetFor(DEMO_SLA_POLICY, 'next_reply', { ...HIGH, isEmergency: true })).toEqual({ minutes: 30, hours: 'calendar' });
  });

  it('TK-7: the first policy whose forms match wins', () => {
    const gov = { ...DEMO_SLA_POLICY, id: 'gov', forms: ['us_government'] };
    expect(selectPolicy([gov, DEMO_SLA_POLICY], { form: 'us_government' })?.id).toBe('gov');
    expect(selectPolicy([gov, DEMO_SLA_POLICY], { form: 'saas' })?.id).toBe('default');
    expect(selectPolicy([gov], { form: 'saas' })).toBeNull();
  });
});

describe('SLA clock', () => {
  it('TK-7: an urgent emergency owes a first reply in 30 minutes, even on Saturday', () => {
    const [s] = run([{ type: 'created', at: I('2026-11-21T10:00:00Z'), ticket: URGENT_EMERGENCY }]);
    expect(s.clock).toMatchObject({ state: 'running', metric: 'first_reply', policyId: 'default' });
    expect(due(s.clock)).toBe('2026-11-21T10:30:00Z');
    expect(stageFor(s.clock)).toBe('first_reply');
  });

  it('TK-7: a public reply fulfils the target and arms the next reply', () => {
    const [, s] = run([
      { type: 'created', at: I('2026-11-21T10:00:00Z'), ticket: URGENT_EMERGENCY },
      { type: 'agent_public_reply', at: I('2026-11-21T10:20:00Z'), ticket: { ...URGENT_EMERGENCY, status: 'open' } },
    ]);
    expect(s.events).toEqual([
      { type: 'fulfilled', metric: 'first_reply', at: I('2026-11-21T10:20:00Z'), breached: false },
      { type: 'armed', metric: 'next_reply', at: I('2026-11-21T10:20:00Z'), dueAt: I('2026-11-21T10:50:00Z') },
    ]);
    expect(stageFor(s.clock)).toBe('next_reply');
  });

  it('TK-7: a late reply records the breach', () => {
    const [, s] = run([
      { type: 'created', at: I('2026-11-21T10:00:00Z'), ticket: URGENT_EMERGENCY },
      { type: 'agent_public_reply', at: I('2026-11-21T10:45:00Z'), ticket: { ...URGENT_EMERGENCY, status: 'open' } },
    ]);
    expect(s.events[0]).toMatchObject({ type: 'fulfilled', breached: true });
  });

  it('TK-7: slaStatus reports the breach from the due instant on', () => {
    const [s] = run([{ type: 'created', at: I('2026-11-21T10:00:00Z'), ticket: URGENT_EMERGENCY }]);
    expect(slaStatus(s.clock, I('2026-11-21T10:29:59Z'), DEMO_SLA_CONFIG)).toMatchObject({ breached: false, remainingMs: 1000 });
    expect(slaStatus(s.clock, I('2026-11-21T10:30:00Z'), DEMO_SLA_CONFIG)).toMatchObject({ breached: true, remainingMs: 0 });
  });

  it('TK-7: a Friday-evening high ticket is due Monday (24x5)', () => {
    const [s] = run([{ type: 'created', at: I('2026-11-21T05:00:00Z'), ticket: { ...HIGH, status: 'new' } }]);
    expect(due(s.clock)).toBe('2026-11-23T09:00:00Z');
  });

  it('TK-7: pending pauses the next reply and resumes with the time left', () => {
    const steps = run([
      { type: 'created', at: I('2026-11-23T16:00:00Z'), ticket: HIGH },
      { type: 'agent_public_reply', at: I('2026-11-23T17:00:00Z'), ticket: HIGH },
      { type: 'ticket_changed', at: I('2026-11-23T18:00:00Z'), ticket: { ...HIGH, status: 'pending' } },
      { type: 'ticket_changed', at: I('2026-11-24T17:00:00Z'), ticket: HIGH },
      { type: 'customer_comment', at: I('2026-11-24T17:00:00Z'), ticket: HIGH },
    ]);
    expect(due(steps[1].clock)).toBe('2026-11-23T21:00:00Z');
    expect(steps[2].clock).toMatchObject({ state: 'paused', dueAt: null });
    expect(steps[2].events).toEqual([{ type: 'paused', metric: 'next_reply', at: I('2026-11-23T18:00:00Z') }]);
    expect(steps[3].events).toEqual([{ type: 'resumed', metric: 'next_reply', at: I('2026-11-24T17:00:00Z'), dueAt: I('2026-11-24T20:00:00Z') }]);
    expect(steps[4].events).toEqual([]);
    expect(due(steps[4].clock)).toBe('2026-11-24T20:00:00Z');
  });

  it('TK-7: a status change without a public reply does not stop the first-reply clock', () => {
    const [, s] = run([
      { type: 'created', at: I('2026-11-23T17:00:00Z'), ticket: HIGH },
      { type: 'ticket_changed', at: I('2026-11-23T17:30:00Z'), ticket: { ...HIGH, status: 'pending' } },
    ]);
    expect(s.events).toEqual([]);
    expect(s.clock.state).toBe('running');
    expect(due(s.clock)).toBe('2026-11-23T21:00:00Z');
  });

  it('TK-7: solving stops the clock; a customer reopening it owes a next reply', () => {
    const steps = run([
      { type: 'created', at: I('2026-11-23T17:00:00Z'), ticket: HIGH },
      { type: 'ticket_changed', at: I('2026-11-23T17:30:00Z'), ticket: { ...HIGH, status: 'solved' } },
      { type: 'ticket_changed', at: I('2026-11-24T17:00:00Z'), ticket: HIGH },
    ]);
    expect(steps[1].clock.state).toBe('stopped');
    expect(steps[1].events).toEqual([{ type: 'stopped', metric: 'first_reply', at: I('2026-11-23T17:30:00Z') }]);
    expect(steps[2].clock).toMatchObject({ state: 'running', metric: 'next_reply' });
    expect(due(steps[2].clock)).toBe('2026-11-24T21:00:00Z');
  });

  it('WF-4: a downgrade re-targets the running clock, keeping the time already spent', () => {
    const [, s] = run([
      { type: 'created', at: I('2026-11-21T04:00:00Z') /* Fri 20:00 PST */, ticket: URGENT_EMERGENCY },
      { type: 'ticket_changed', at: I('2026-11-21T04:10:00Z'), ticket: { ...URGENT_EMERGENCY, priority: 'high', status: 'open' } },
    ]);
    // 10 of 240 business minutes used; the other 230 fit before Friday midnight Pacific.
    expect(s.events).toEqual([{ type: 'retargeted', metric: 'first_reply', at: I('2026-11-21T04:10:00Z'), dueAt: I('2026-11-21T08:00:00Z') }]);
  });

  it('TK-7: no back-dated breach: a target already used up becomes due now', () => {
    const [, s] = run([
      { type: 'created', at: I('2026-11-23T17:00:00Z'), ticket: HIGH },
      { type: 'ticket_changed', at: I('2026-11-23T22:00:00Z'), ticket: { ...HIGH, priority: 'urgent' } },
    ]);
    expect(due(s.clock)).toBe('2026-11-23T22:00:00Z');
    expect(slaStatus(s.clock, I('2026-11-23T22:00:00Z'), DEMO_SLA_CONFIG).breached).toBe(true);
  });

  it('TK-7: the downgraded emergency keeps its short next-reply target on a Saturday', () => {
    const at = I('2026-11-21T10:00:00Z');
    const emergency = advanceSla({ ...EMPTY_SLA_CLOCK }, { type: 'customer_comment', at, ticket: { ...HIGH, isEmergency: true } }, DEMO_SLA_CONFIG);
    const ordinary = advanceSla({ ...EMPTY_SLA_CLOCK }, { type: 'customer_comment', at, ticket: HIGH }, DEMO_SLA_CONFIG);
    expect(due(emergency.clock)).toBe('2026-11-21T10:30:00Z');
    expect(due(ordinary.clock)).toBe('2026-11-23T12:00:00Z');
  });

  it('TK-7: with customer-armed next reply, an agent reply leaves nothing owed until the customer writes', () => {
    const config: SlaConfig = { ...DEMO_SLA_CONFIG, policies: [{ ...DEMO_SLA_POLICY, nextReplyArmedBy: 'customer_reply' }] };
    const steps = run([
      { type: 'created', at: I('2026-11-23T17:00:00Z'), ticket: HIGH },
      { type: 'agent_public_reply', at: I('2026-11-23T17:10:00Z'), ticket: HIGH },
      { type: 'customer_comment', at: I('2026-11-23T18:00:00Z'), ticket: HIGH },
      { type: 'customer_comment', at: I('2026-11-23T19:00:00Z'), ticket: HIGH },
    ], config);
    expect(steps[1].clock.state).toBe('fulfilled');
    expect(steps[1].events.map((e) => e.type)).toEqual(['fulfilled']);
    expect(due(steps[2].clock)).toBe('2026-11-23T22:00:00Z');
    expect(due(steps[3].clock)).toBe('2026-11-23T22:00:00Z'); // the oldest unanswered comment counts
  });

  it('TK-7: a priority without a target stops the clock; a form without a policy has none', () => {
    const noLow: SlaConfig = { ...DEMO_SLA_CONFIG, policies: [{ ...DEMO_SLA_POLICY, firstReply: { ...DEMO_SLA_POLICY.firstReply, low: undefined } }] };
    const [, s] = run([
      { type: 'created', at: I('2026-11-23T17:00:00Z'), ticket: HIGH },
      { type: 'ticket_changed', at: I('2026-11-23T17:05:00Z'), ticket: { ...HIGH, priority: 'low' } },
    ], noLow);
    expect(s.clock.state).toBe('none');
    expect(s.events).toEqual([{ type: 'stopped', metric: 'first_reply', at: I('2026-11-23T17:05:00Z') }]);
    const govOnly: SlaConfig = { ...DEMO_SLA_CONFIG, policies: [{ ...DEMO_SLA_POLICY, forms: ['us_government'] }] };
    expect(run([{ type: 'created', at: I('2026-11-23T17:00:00Z'), ticket: HIGH }], govOnly)[0].clock.state).toBe('none');
  });

  it('TK-7: a policy naming an unknown calendar is a clear error', () => {
    const broken: SlaConfig = { ...DEMO_SLA_CONFIG, policies: [{ ...DEMO_SLA_POLICY, calendarId: 'nope' }] };
    expect(() => run([{ type: 'created', at: I('2026-11-23T17:00:00Z'), ticket: HIGH }], broken)).toThrow(expect.objectContaining({ code: 'sla.unknown_calendar' }));
  });
});
