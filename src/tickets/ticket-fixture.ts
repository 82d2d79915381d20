// A ready-made ticket for tests (here and in the store, API and emergency tests).
import { Temporal } from '../kernel/time.ts';
import type { Ticket } from './ticket.ts';

export const FIXTURE_CREATED_AT = Temporal.Instant.from('2026-11-23T09:00:00Z');

export function sampleTicket(over: Partial<Ticket> = {}): Ticket {
  return {
    id: 't-1', number: 4711, subject: 'Production instance down', requesterId: 'req-1', organizationId: 'org-1',
    form: 'self_managed', priority: 'urgent', status: 'new', stage: 'first_reply', tags: ['emergency'],
    assigneeId: null, followerIds: [], customFields: {}, isEmergency: true, version: 1,
    createdAt: FIXTURE_CREATED_AT, updatedAt: FIXTURE_CREATED_AT, solvedAt: null, ...over,
  };
}
