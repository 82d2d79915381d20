// The "nobody has been reached" verdict, situation by situation.
import { describe, expect, it } from 'vitest';
import { reachOf, type ReachInput } from './reached.ts';

const alice = { id: 'u-alice', name: 'Alice Nguyen' };
const at = (status: string, channel = 'email', error: string | null = null) => ({ status, channel, userId: alice.id, error });
const base: ReachInput = { status: 'triggered', targets: [alice], attempts: [], pending: 0 };

describe('reachOf: has anyone been reached for a page?', () => {
  it.each([
    ['acknowledged: reached, whatever the log says', { status: 'acknowledged' as const, attempts: [at('failed')] }, 'reached', 'closed'],
    ['one delivery sent among failures: reached', { attempts: [at('failed'), at('sent', 'browser')] }, 'reached', 'delivered'],
    ['an attempt in flight: pending, no banner yet', { attempts: [at('failed'), at('sending', 'sms')] }, 'pending', 'pending'],
    ['a node died mid-send (unknown): it may have arrived', { attempts: [at('unknown')] }, 'pending', 'pending'],
    ['nothing tried yet but queued: pending', { pending: 2 }, 'pending', 'pending'],
    ['nothing tried and nothing queued: no contact method', {}, 'not_reached', 'no_contact_method'],
    ['only the outbox: not reached', { attempts: [at('outbox'), at('outbox', 'sms')] }, 'not_reached', 'outbox_only'],
    ['every attempt failed: not reached, even with a retry queued', { attempts: [at('failed', 'email', 'ECONNREFUSED')], pending: 1 }, 'not_reached', 'all_failed'],
    ['failures and the outbox: not reached', { attempts: [at('outbox', 'sms'), at('failed', 'email', 'ECONNREFUSED')] }, 'not_reached', 'all_failed'],
  ])('%s', (_n, over, state, code) => {
    const r = reachOf({ ...base, ...over });
    expect([r.state, r.code, r.reached]).toEqual([state, code, state === 'reached']);
  });

  it('the fix is one click away: the person\'s contact methods, or the outbox', () => {
    expect(reachOf({ ...base, attempts: [at('failed', 'email', 'ECONNREFUSED 127.0.0.1:1')] })).toMatchObject({
      reason: 'Nobody has been reached: every notification failed (e-mail: ECONNREFUSED 127.0.0.1:1).',
      fix: { label: 'Check Alice Nguyen\'s contact methods', href: '/people/u-alice' },
    });
    expect(reachOf(base).fix).toEqual({ label: 'Add a contact method for Alice Nguyen', href: '/people/u-alice' });
    expect(reachOf({ ...base, attempts: [at('outbox')] })).toMatchObject({ reason: expect.stringContaining('no e-mail channel is configured'), fix: { href: '/outbox' } });
  });
});
