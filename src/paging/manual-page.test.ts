import { describe, it, expect } from 'vitest';
import { DomainError } from '../kernel/errors.ts';
import { planManualPage } from './manual-page.ts';

const engineer = { kind: 'user' as const, userId: 'alice', roles: ['engineer'] };
const manager = { kind: 'user' as const, userId: 'mia', roles: ['manager'] };
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('manual pages', () => {
  it('PG-5: a manager turns a ticket into an emergency page of the rotation, titled with the ticket number', () => {
    expect(planManualPage({ kind: 'ticket_emergency', actor: manager, ticketId: 't1', ticketNumber: 4711 })).toEqual({
      serviceId: 'customer-support',
      title: '4711',
      ticketId: 't1',
      escalationPolicyId: 'customer-emergencies',
      directTargetUserIds: null,
    });
  });
  it('PG-5: an engineer cannot turn a ticket into an emergency', () => {
    expect(codeOf(() => planManualPage({ kind: 'ticket_emergency', actor: engineer, ticketId: 't1', ticketNumber: 4711 }))).toBe('page.manager_only');
  });
  it('PG-5: anyone can page a specific on-call engineer directly', () => {
    expect(planManualPage({ kind: 'engineer', actor: engineer, targetUserId: 'bob', ticketNumber: '4711' })).toMatchObject({
      serviceId: 'customer-support',
      title: '4711',
      escalationPolicyId: null,
      directTargetUserIds: ['bob'],
    });
  });
  it('PG-5: the ticket number is required', () => {
    expect(codeOf(() => planManualPage({ kind: 'engineer', actor: engineer, targetUserId: 'bob', ticketNumber: ' ' }))).toBe('page.ticket_number_required');
  });
});
