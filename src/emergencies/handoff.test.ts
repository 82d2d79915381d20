import { describe, expect, it } from 'vitest';
import { instant } from '../kernel/time.ts';
import { DEFAULT_EMERGENCY_CONFIG as C } from './config.ts';
import type { OnCallAnswer } from './decision.ts';
import { ticket } from './fixtures.test-helpers.ts';
import { decideHandoffReminder, decideHandoffReminders, decideHandoffResponse, decideHandoffUnaccepted, decideShiftHandoff } from './handoff.ts';

// AMER 3 ends 20:00 New York (01:00Z next day in winter); APAC comes on.
const END = instant('2026-11-25T01:00:00Z');
const APAC: OnCallAnswer = { engineers: ['kenji.sato@example.com', 'mei.chen@example.com'], dri: 'kenji.sato@example.com', manager: 'valerie.ng@example.com', singleEngineer: false, region: 'APAC' };
const e1 = ticket({ id: 't-1', number: 1, status: 'open', assignee: 'carmen.diaz@example.com' });
const e2 = ticket({ id: 't-2', number: 2, status: 'open', assignee: 'carmen.diaz@example.com' });
const open = [e1, e2].map((t) => ({ ticket: t, channel: '#support_self-managed' }));

describe('SCH-10: shift hand-off', () => {
  it('SCH-10: reminder 30 minutes before the shift ends; late reminders are skipped', () => {
    const d = decideHandoffReminders({ shifts: [{ engineer: 'carmen.diaz@example.com', endsAt: END }] }, instant('2026-11-24T20:00:00Z'), C);
    expect(d.timersToSet[0]).toMatchObject({ kind: 'handoff-reminder', onLate: 'skip', ticketId: null });
    expect(d.timersToSet[0].at.toString()).toBe('2026-11-25T00:30:00Z');
  });

  it('SCH-10: the reminder lists the outgoing engineer\'s open emergencies', () => {
    const d = decideHandoffReminder({ shift: { engineer: 'carmen.diaz@example.com', endsAt: END }, open }, instant('2026-11-25T00:30:00Z'), C);
    expect(d.notices[0].text).toMatch(/emergency tickets 1, 2/);
    expect(d.mentions).toHaveLength(2);
  });

  it('SCH-10: hand-off with two open emergencies → both offered to the incoming DRI, owner kept until accepted', () => {
    const { offers, decision } = decideShiftHandoff({ goingOff: ['carmen.diaz@example.com'], incoming: APAC, open }, END, C);
    expect(offers).toEqual([
      { ticketId: 't-1', previousOwner: 'carmen.diaz@example.com', offeredTo: 'kenji.sato@example.com' },
      { ticketId: 't-2', previousOwner: 'carmen.diaz@example.com', offeredTo: 'kenji.sato@example.com' },
    ]);
    expect(decision.ticketChanges).toEqual([]);
    expect(decision.mentions.map((m) => m.who)).toEqual(['kenji.sato@example.com', 'kenji.sato@example.com']);
    expect(decision.timersToSet.map((t) => t.key)).toEqual(['ticket:t-1:handoff-unaccepted', 'ticket:t-2:handoff-unaccepted']);
  });

  it('SCH-10: an emergency without owner gets the incoming engineer at once (never without DRI)', () => {
    const orphan = { ticket: ticket({ id: 't-3', number: 3, status: 'open', assignee: null }), channel: '#support_gitlab-com' };
    const { decision } = decideShiftHandoff({ goingOff: ['carmen.diaz@example.com'], incoming: APAC, open: [orphan] }, END, C);
    expect(decision.ticketChanges[0].fields.assignee).toBe('kenji.sato@example.com');
  });

  it('SCH-10: emergencies of people still on call and solved ones are not offered', () => {
    const kept = { ticket: ticket({ id: 't-4', number: 4, status: 'open', assignee: 'mei.chen@example.com' }), channel: '#x' };
    const solved = { ticket: ticket({ id: 't-5', number: 5, status: 'solved', assignee: 'carmen.diaz@example.com' }), channel: '#x' };
    expect(decideShiftHandoff({ goingOff: ['carmen.diaz@example.com'], incoming: APAC, open: [kept, solved] }, END, C).offers).toEqual([]);
  });

  it('SCH-10: nobody incoming → the manager on call is offered it', () => {
    const empty: OnCallAnswer = { engineers: [], dri: null, manager: 'valerie.ng@example.com', singleEngineer: false, region: 'APAC' };
    const { offers } = decideShiftHandoff({ goingOff: ['carmen.diaz@example.com'], incoming: empty, open }, END, C);
    expect(offers[0].offeredTo).toBe('valerie.ng@example.com');
  });

  it('SCH-10: accept → incoming becomes DRI; replacement → named person becomes DRI', () => {
    const a = decideHandoffResponse({ ticket: e1, by: 'kenji.sato@example.com', response: { kind: 'accept' }, channel: '#c' }, END, C);
    expect(a.ticketChanges[0].fields.assignee).toBe('kenji.sato@example.com');
    expect(a.timersToCancel[0].key).toBe('ticket:t-1:handoff-unaccepted');
    const r = decideHandoffResponse({ ticket: e2, by: 'kenji.sato@example.com', response: { kind: 'replacement', replacement: 'noah.williams@example.com' }, channel: '#c' }, END, C);
    expect(r.ticketChanges[0].fields.assignee).toBe('noah.williams@example.com');
    expect(r.mentions[0].who).toBe('noah.williams@example.com');
  });

  it('SCH-10: hand-off not answered in time → manager on call paged', () => {
    const d = decideHandoffUnaccepted({ ticket: e1, offeredTo: 'kenji.sato@example.com', manager: 'valerie.ng@example.com' }, END.add({ minutes: 15 }), C);
    expect(d.pages[0]).toMatchObject({ target: { kind: 'manager_on_call' }, assignTo: 'valerie.ng@example.com' });
  });
});
