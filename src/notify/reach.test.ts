import { describe, expect, it } from 'vitest';
import { chooseRoutes, type Reachable } from './reach.ts';

const person = (over: Partial<Reachable> = {}): Reachable => ({
  id: 'u1',
  email: 'ana@example.com',
  kind: 'person',
  active: true,
  contactMethods: [
    { id: 'm-mail', kind: 'email', address: 'ana.pager@example.com', verified: true },
    { id: 'm-sms', kind: 'sms', address: '+15550100', verified: true },
    { id: 'm-voice', kind: 'voice', address: '+15550100', verified: true },
    { id: 'm-chat', kind: 'chat', address: '@ana', verified: false },
    { id: 'm-browser', kind: 'browser', address: 'signed-in browsers', verified: true },
  ],
  ...over,
});

describe('reaching a person outside a page (SCH-10 reminders, WF-1 mentions, TK-2 replies)', () => {
  it.each([
    ['preferred: their 0-minute rules, in order', [{ contactMethodId: 'm-sms', delayMinutes: 0 }, { contactMethodId: 'm-mail', delayMinutes: 0 }, { contactMethodId: 'm-voice', delayMinutes: 5 }], ['m-sms', 'm-mail']],
    ['preferred: a later rule is not used for a message', [{ contactMethodId: 'm-sms', delayMinutes: 2 }], ['m-mail']],
    ['preferred: voice is never used for a message', [{ contactMethodId: 'm-voice', delayMinutes: 0 }], ['m-mail']],
    ['preferred: the browser\'s alert is kept for pages', [{ contactMethodId: 'm-mail', delayMinutes: 0 }, { contactMethodId: 'm-browser', delayMinutes: 0 }], ['m-mail']],
    ['preferred: an unverified method is skipped', [{ contactMethodId: 'm-chat', delayMinutes: 0 }], ['m-mail']],
    ['preferred: a method named twice is used once', [{ contactMethodId: 'm-sms', delayMinutes: 0, urgency: 'high' as const }, { contactMethodId: 'm-sms', delayMinutes: 0, urgency: 'low' as const }], ['m-sms']],
    ['preferred: no rules → verified e-mail', [], ['m-mail']],
  ])('%s', (_name, rules, want) => {
    expect(chooseRoutes(person(), rules, 'preferred').map((r) => r.methodId)).toEqual(want);
  });

  it('email: only e-mail, whatever the rules say', () => {
    expect(chooseRoutes(person(), [{ contactMethodId: 'm-sms', delayMinutes: 0 }], 'email')).toEqual([{ methodId: 'm-mail', kind: 'email', address: 'ana.pager@example.com' }]);
  });

  it('a customer without contact methods is written to at their login address', () => {
    expect(chooseRoutes(person({ contactMethods: [] }), [], 'email')).toEqual([{ methodId: 'login', kind: 'email', address: 'ana@example.com' }]);
    expect(chooseRoutes(person({ contactMethods: [] }), [], 'preferred').map((r) => r.address)).toEqual(['ana@example.com']);
  });

  it('bots and deactivated accounts are not written to', () => {
    expect(chooseRoutes(person({ kind: 'bot' }), [], 'preferred')).toEqual([]);
    expect(chooseRoutes(person({ active: false }), [], 'email')).toEqual([]);
  });
});
