// The organisation badges in the web app: what the on-call engineer reads at a glance.
import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../web/src/api/types.ts';
import { emergencyGlance, subscriptionGlance, subscriptionState } from '../../web/src/orgs/subscription.ts';

const TODAY = '2026-11-23';
const paid = (over: Partial<Subscription> = {}): Subscription => ({
  planTier: 'premium', supportPackage: 'priority_24x7', deployment: 'self_managed',
  startsOn: '2026-01-01', endsOn: '2027-06-30', trial: false, seats: 50, purchasedOn: '2026-01-01', ...over,
});

describe('subscription state', () => {
  const cases: [string, Subscription, string, string][] = [
    ['ENT-1: active paid subscription', paid(), 'active', 'ok'],
    ['ENT-1: last covered day is still active', paid({ endsOn: TODAY }), 'active', 'warn'],
    ['ENT-5: ended 10 days ago → in grace, 4 days left', paid({ endsOn: '2026-11-13' }), 'grace', 'warn'],
    ['ENT-5: ended 14 days ago → last grace day', paid({ endsOn: '2026-11-09' }), 'grace', 'warn'],
    ['ENT-5: ended 15 days ago → expired', paid({ endsOn: '2026-11-08' }), 'expired', 'bad'],
    ['ENT-5: ended 20 days ago → expired', paid({ endsOn: '2026-11-03' }), 'expired', 'bad'],
    ['ENT-5: a trial has no grace', paid({ trial: true, endsOn: '2026-11-22' }), 'trial_ended', 'bad'],
    ['ENT-1: trial ending in 5 days', paid({ trial: true, planTier: 'ultimate', endsOn: '2026-11-28' }), 'trial', 'warn'],
  ];
  it.each(cases)('%s', (_name, sub, kind, tone) => {
    const s = subscriptionState(sub, TODAY);
    expect(s.kind).toBe(kind);
    expect(subscriptionGlance(s).tone).toBe(tone);
  });

  it('ENT-5: grace label counts the days left', () => {
    expect(subscriptionGlance(subscriptionState(paid({ endsOn: '2026-11-13' }), TODAY)).label).toBe('In grace · 4 days left');
  });
});

describe('emergency support at a glance', () => {
  const cases: [string, Subscription, string, string][] = [
    ['ENT-1: premium priority 24x7 → entitled', paid(), 'ok', '24×7'],
    ['ENT-1: US government 12x5', paid({ supportPackage: 'us_gov_12x5' }), 'ok', 'US Gov 12×5'],
    ['ENT-3: free plan → none', paid({ planTier: 'free', supportPackage: null, endsOn: null }), 'bad', 'None'],
    ['ENT-3: starter is below premium → none', paid({ planTier: 'starter', supportPackage: 'standard' }), 'bad', 'None'],
    ['ENT-4: single seat bought today → engage SM', paid({ seats: 1, purchasedOn: TODAY }), 'warn', '24×7 · SM first'],
    ['ENT-4: single seat bought earlier → entitled', paid({ seats: 1, purchasedOn: '2026-11-01' }), 'ok', '24×7'],
    ['ENT-5: in grace → L&R case', paid({ endsOn: '2026-11-13' }), 'warn', 'Grace · L&R only'],
    ['ENT-5: past grace → none', paid({ endsOn: '2026-11-03' }), 'bad', 'None · lapsed'],
    ['ENT-1: ultimate trial → trial exclusions', paid({ planTier: 'ultimate', trial: true, endsOn: '2026-11-28' }), 'warn', '24×7 · trial'],
  ];
  it.each(cases)('%s', (_name, sub, tone, short) => {
    const g = emergencyGlance(sub, TODAY);
    expect(g.tone).toBe(tone);
    expect(g.short).toBe(short);
  });
});
