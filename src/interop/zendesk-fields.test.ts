// The Zendesk ↔ Hotline ticket vocabulary: every value maps both ways, and the Hotline side is the
// helpdesk's own (a change there fails to type-check here).
import { describe, expect, it } from 'vitest';
import { PRIORITY_RANK, STATUS_RANK, type TicketPriority, type TicketStatus } from '../tickets/index.ts';
import {
  customFieldKey, customFieldValue, hotlinePriority, hotlineRole, hotlineStatus, hotlineTag, hotlineType, TYPE_FIELD,
  ZENDESK_PRIORITIES, ZENDESK_STATUSES, zendeskPriority, zendeskRole, zendeskStatus, zendeskType, type HotlinePriority, type HotlineStatus,
} from './zendesk-fields.ts';

// Both ways assignable: the literals here are exactly the helpdesk's.
const sameStatus: [HotlineStatus, TicketStatus] = ['on_hold' as TicketStatus, 'on_hold' as HotlineStatus];
const samePriority: [HotlinePriority, TicketPriority] = ['urgent' as TicketPriority, 'urgent' as HotlinePriority];

describe('Zendesk ↔ Hotline ticket fields', () => {
  it('statuses map one to one, hold is on_hold, deleted and unknown are not taken', () => {
    expect(ZENDESK_STATUSES.map(hotlineStatus)).toEqual(['new', 'open', 'pending', 'on_hold', 'solved', 'closed']);
    for (const s of ZENDESK_STATUSES) expect(zendeskStatus(hotlineStatus(s)!)).toBe(s);
    expect(Object.keys(STATUS_RANK).map((s) => zendeskStatus(s as HotlineStatus))).toEqual([...ZENDESK_STATUSES]);
    expect([hotlineStatus('deleted'), hotlineStatus(null), hotlineStatus('constructor')]).toEqual([null, null, null]);
    expect(sameStatus).toHaveLength(2);
  });

  it('priorities keep their names; no priority is normal', () => {
    for (const p of ZENDESK_PRIORITIES) expect(zendeskPriority(hotlinePriority(p))).toBe(p);
    expect(Object.keys(PRIORITY_RANK).sort()).toEqual([...ZENDESK_PRIORITIES].sort());
    expect([hotlinePriority(null), hotlinePriority('bogus')]).toEqual(['normal', 'normal']);
    expect(samePriority).toHaveLength(2);
  });

  it('the type is kept as a custom field and read back from it', () => {
    expect(hotlineType('incident')).toBe('incident');
    expect(hotlineType(null)).toBeNull();
    expect(zendeskType({ [TYPE_FIELD]: 'problem' })).toBe('problem');
    expect(zendeskType({ [TYPE_FIELD]: 'other' })).toBeNull();
    expect(zendeskType({})).toBeNull();
  });

  it('roles: end-user is a customer, agent an engineer, admin an admin', () => {
    expect(['end-user', 'agent', 'admin', undefined].map(hotlineRole)).toEqual(['customer', 'engineer', 'admin', 'customer']);
    expect(['customer', 'engineer', 'manager', 'admin'].map(zendeskRole)).toEqual(['end-user', 'agent', 'agent', 'admin']);
  });

  it('tags and custom-field keys fit Hotline\'s rules', () => {
    expect(hotlineTag('VIP')).toBe('vip');
    expect(hotlineTag('café au lait')).toBe('caf__au_lait');
    expect(hotlineTag('__')).toBeNull();
    expect(customFieldKey('Product Version', 360001)).toBe('product_version');
    expect(customFieldKey('Équipe (région)', 7)).toBe('equipe_region');
    expect(customFieldKey('123', 42)).toBe('zendesk_42');
    expect(customFieldValue(['a', 'b'])).toBe('a,b');
    expect([customFieldValue(''), customFieldValue(true), customFieldValue(3.5)]).toEqual([null, true, 3.5]);
  });
});
