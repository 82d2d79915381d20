// Subscription and entitlement facts for display: a glanceable summary for the person on call.
// The authoritative entitlement decision for an emergency is made on the server; this mirrors
// the handbook rules so the list can colour rows. Pure: `today` is an argument.
import type { Subscription } from '../api/types.ts';

/** ENT-5: paid (non-trial) subscriptions keep a grace period after they end. */
export const GRACE_DAYS = 14;
/** ENT-3: the lowest plan tiers with emergency support. */
export const EMERGENCY_TIERS: readonly string[] = ['premium', 'ultimate'];

export type SubscriptionState =
  | { kind: 'none' }
  | { kind: 'not_started'; inDays: number }
  | { kind: 'active'; daysLeft: number | null }
  | { kind: 'trial'; daysLeft: number | null }
  | { kind: 'trial_ended'; daysAgo: number }
  | { kind: 'grace'; daysAgo: number; graceDaysLeft: number }
  | { kind: 'expired'; daysAgo: number };

/** Whole days from `a` to `b` (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  const t = (s: string) => {
    const [y, m, d] = s.split('-').map(Number);
    return Date.UTC(y!, (m ?? 1) - 1, d ?? 1);
  };
  return Math.round((t(b) - t(a)) / 86_400_000);
}

export function subscriptionState(sub: Subscription | null | undefined, today: string, graceDays = GRACE_DAYS): SubscriptionState {
  if (!sub) return { kind: 'none' };
  if (sub.startsOn && daysBetween(today, sub.startsOn) > 0) return { kind: 'not_started', inDays: daysBetween(today, sub.startsOn) };
  if (!sub.endsOn) return sub.trial ? { kind: 'trial', daysLeft: null } : { kind: 'active', daysLeft: null };
  const left = daysBetween(today, sub.endsOn); // the end date is the last day covered
  if (left >= 0) return sub.trial ? { kind: 'trial', daysLeft: left } : { kind: 'active', daysLeft: left };
  const ago = -left;
  if (sub.trial) return { kind: 'trial_ended', daysAgo: ago };
  if (ago <= graceDays) return { kind: 'grace', daysAgo: ago, graceDaysLeft: graceDays - ago };
  return { kind: 'expired', daysAgo: ago };
}

export type Tone = 'ok' | 'warn' | 'bad' | 'neutral';

export interface Glance {
  tone: Tone;
  label: string;
  /** A compact form for table cells; `label` when absent. */
  short?: string;
  detail: string;
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

export function subscriptionGlance(s: SubscriptionState): Glance {
  switch (s.kind) {
    case 'none': return { tone: 'neutral', label: 'No subscription', detail: 'No subscription on record.' };
    case 'not_started': return { tone: 'warn', label: 'Not started', detail: `Starts in ${plural(s.inDays, 'day')}.` };
    case 'active':
      if (s.daysLeft === null) return { tone: 'ok', label: 'Active', detail: 'No end date.' };
      if (s.daysLeft <= 30) return { tone: 'warn', label: s.daysLeft === 0 ? 'Ends today' : `Ends in ${plural(s.daysLeft, 'day')}`, detail: 'Active; renewal due soon.' };
      return { tone: 'ok', label: 'Active', detail: `${plural(s.daysLeft, 'day')} left.` };
    case 'trial':
      return { tone: 'warn', label: s.daysLeft === null ? 'Trial' : s.daysLeft === 0 ? 'Trial ends today' : `Trial · ${plural(s.daysLeft, 'day')} left`,
        detail: 'Trial subscription: exclusions apply.' };
    case 'trial_ended': return { tone: 'bad', label: 'Trial ended', detail: `Trial ended ${plural(s.daysAgo, 'day')} ago; trials have no grace period.` };
    case 'grace': return { tone: 'warn', label: `In grace · ${plural(s.graceDaysLeft, 'day')} left`,
      detail: `Ended ${plural(s.daysAgo, 'day')} ago; inside the ${GRACE_DAYS}-day grace period.` };
    case 'expired': return { tone: 'bad', label: 'Expired', detail: `Ended ${plural(s.daysAgo, 'day')} ago, past the grace period.` };
  }
}

/** Emergency support at a glance: can this customer page us at 3 a.m.? */
export function emergencyGlance(sub: Subscription | null | undefined, today: string, graceDays = GRACE_DAYS): Glance {
  // ENT-2: no subscription means the needs-org path.
  if (!sub) return { tone: 'bad', label: 'No emergency support', short: 'None', detail: 'No subscription: the needs-org path applies.' };
  const tier = String(sub.planTier).toLowerCase();
  if (!EMERGENCY_TIERS.includes(tier)) { // ENT-3
    return { tone: 'bad', label: 'No emergency support', short: 'None', detail: `The ${sub.planTier} plan has no emergency support; priority is lowered.` };
  }
  if (sub.supportPackage === 'standard') {
    return { tone: 'bad', label: 'No emergency support', short: 'None', detail: 'Standard support package: business-hours tickets only.' };
  }
  const state = subscriptionState(sub, today, graceDays);
  if (state.kind === 'expired' || state.kind === 'trial_ended') {
    return { tone: 'bad', label: 'No emergency support: lapsed', short: 'None · lapsed', detail: 'Subscription has lapsed; route to licensing & renewals.' };
  }
  if (state.kind === 'grace') { // ENT-5
    return { tone: 'warn', label: 'Grace period: licensing & renewals case', short: 'Grace · L&R only', detail: 'Expired but inside grace: handle as a licensing & renewals case in business hours.' };
  }
  if (state.kind === 'not_started') {
    return { tone: 'warn', label: 'Not yet entitled', short: 'Not started', detail: 'The subscription has not started.' };
  }
  const hours = sub.supportPackage === 'us_gov_12x5' ? 'US Gov 12×5' : sub.supportPackage === 'us_gov_24x7' ? 'US Gov 24×7' : '24×7';
  if (sub.seats === 1 && sub.purchasedOn === today) { // ENT-4
    return { tone: 'warn', label: `Emergency ${hours}: engage the SM first`, short: `${hours} · SM first`, detail: 'Single seat bought today: engage the support manager before offering a call.' };
  }
  if (state.kind === 'trial') {
    return { tone: 'warn', label: `Emergency ${hours}: trial`, short: `${hours} · trial`, detail: 'Trial: the customer must sign off the trial exclusions first.' };
  }
  return { tone: 'ok', label: `Emergency ${hours}`, short: hours, detail: 'Entitled to emergency support.' };
}

export const TONE_COLOR: Record<Tone, string> = { ok: 'green', warn: 'orange', bad: 'red', neutral: 'gray' };

export const PLAN_LABEL: Record<string, string> = { free: 'Free', starter: 'Starter', premium: 'Premium', ultimate: 'Ultimate' };
export const PACKAGE_LABEL: Record<string, string> = {
  priority_24x7: 'Priority 24×7', us_gov_12x5: 'US Government 12×5', us_gov_24x7: 'US Government 24×7', standard: 'Standard',
};
export const DEPLOYMENT_LABEL: Record<string, string> = { self_managed: 'Self-managed', saas: 'SaaS', dedicated: 'Dedicated' };
