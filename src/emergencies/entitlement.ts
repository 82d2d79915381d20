// ENT-1..5, WF-3: is this requester entitled to emergency support right now, and what follows.
import type { Temporal } from '../kernel/time.ts';
import { localDate, parseDate } from './calendar.ts';
import type { EmergencyConfig } from './config.ts';
import { DecisionBuilder, type Decision, type EmergencyTicket, type Region } from './decision.ts';

export type SupportPackage = 'priority_24x7' | 'us_gov_12x5' | 'us_gov_24x7' | 'standard';
export type Deployment = 'self-managed' | 'saas' | 'dedicated';

/** ENT-1, narrowed to what the rules read. Dates are ISO calendar dates (YYYY-MM-DD). */
export interface SubscriptionInput {
  tier: string;
  supportPackage: SupportPackage | null;
  startsOn: string;
  /** Last day of the subscription; null = open-ended. */
  endsOn: string | null;
  trial: boolean;
  seats: number;
  purchasedAt: Temporal.Instant;
  deployment: Deployment;
}

export interface OrganisationInput {
  id: string;
  name: string;
  subscription: SubscriptionInput | null;
  csm: string | null;
  ase: string | null;
  region?: Region | null;
}

export interface EntitlementInput {
  ticket: EmergencyTicket;
  org: OrganisationInput | null;
  /** ENT-2: set once the engineer learns a requester without organisation is a free user. */
  requesterIsFreeUser?: boolean;
  managerOnCall?: string | null;
}

export type EntitlementKind =
  | 'entitled'
  | 'needs_org'
  | 'free_user'
  | 'below_tier'
  | 'single_seat_same_day'
  | 'expired_in_grace'
  | 'expired_beyond_grace'
  | 'trial_active'
  | 'trial_expired';

export interface EntitlementVerdict {
  kind: EntitlementKind;
  /** Whether the emergency is worked as an emergency. */
  emergencySupport: boolean;
  /** Whether the on-call engineer should be paged for it. */
  page: boolean;
  message: string;
  daysSinceExpiry: number | null;
  /** Last day of the ENT-5 grace period, when one applies. */
  graceEndsOn: string | null;
}

export function entitlementVerdict(input: EntitlementInput, now: Temporal.Instant, config: EmergencyConfig): EntitlementVerdict {
  const c = config.entitlement;
  const licensing = input.ticket.form === 'licensing';
  const v = (kind: EntitlementKind, emergencySupport: boolean, message: string, extra: Partial<EntitlementVerdict> = {}): EntitlementVerdict => ({
    kind,
    emergencySupport,
    // Licence emergencies are worked by WF-12 even when the subscription has lapsed.
    page: emergencySupport || kind === 'needs_org' || !c.autoApplyNotEntitled || (licensing && kind !== 'free_user' && kind !== 'below_tier'),
    message,
    daysSinceExpiry: null,
    graceEndsOn: null,
    ...extra,
  });

  // ENT-2
  if (!input.org) {
    if (input.requesterIsFreeUser) return v('free_user', false, 'Requester is a free user: no emergency support.');
    return v('needs_org', false, 'Requester is not linked to an organisation: emergency help waits until linked to an entitled account.');
  }
  const sub = input.org.subscription;
  if (!sub || c.freeTiers.includes(sub.tier)) return v('below_tier', false, `${input.org.name} is on the free plan, which has no emergency support.`);

  const today = localDate(now, c.sameDayZone);
  const endsOn = sub.endsOn ? parseDate(sub.endsOn) : null;
  const daysSinceExpiry = endsOn && today.since(endsOn, { largestUnit: 'days' }).days > 0 ? today.since(endsOn, { largestUnit: 'days' }).days : null;

  if (sub.trial) {
    if (daysSinceExpiry === null) {
      return v('trial_active', c.trialsIncludeEmergencySupport, `${input.org.name} is on a ${sub.tier} trial (ends ${sub.endsOn ?? 'open'}); trials carry no emergency support.`);
    }
    // ENT-5: trials get no grace unless configured.
    const grace = c.graceForTrials && daysSinceExpiry <= c.graceDays;
    return v('trial_expired', grace, `${input.org.name}'s trial ended ${daysSinceExpiry} days ago.`, { daysSinceExpiry });
  }
  if (!c.emergencyTiers.includes(sub.tier)) {
    return v('below_tier', false, `${input.org.name}'s ${sub.tier} plan does not include emergency support.`);
  }
  if (daysSinceExpiry !== null && endsOn) {
    const graceEndsOn = endsOn.add({ days: c.graceDays }).toString();
    if (daysSinceExpiry <= c.graceDays) {
      return v('expired_in_grace', true, `Subscription ended ${daysSinceExpiry} days ago; inside the ${c.graceDays}-day grace period (until ${graceEndsOn}).`, { daysSinceExpiry, graceEndsOn });
    }
    return v('expired_beyond_grace', false, `Subscription ended ${daysSinceExpiry} days ago; the ${c.graceDays}-day grace period ended ${graceEndsOn}.`, { daysSinceExpiry, graceEndsOn });
  }
  // ENT-4
  if (sub.seats <= c.singleSeatMax && localDate(sub.purchasedAt, c.sameDayZone).equals(today)) {
    return v('single_seat_same_day', true, `Single-seat subscription bought today: engage the support manager on call before offering a call.`);
  }
  return v('entitled', true, `${input.org.name}: ${sub.tier}, emergency support included.`);
}

export interface EntitlementOutcome {
  verdict: EntitlementVerdict;
  decision: Decision;
}

/** WF-3: runs automatically at intake; applies the verdict's consequences. */
export function decideEntitlement(input: EntitlementInput, now: Temporal.Instant, config: EmergencyConfig): EntitlementOutcome {
  const verdict = entitlementVerdict(input, now, config);
  const t = input.ticket;
  const b = new DecisionBuilder().tick(t.id, 'entitlement_checked').comment(t.id, 'internal', `Entitlement check: ${verdict.kind}. ${verdict.message}`);
  const autoApply = config.entitlement.autoApplyNotEntitled;
  switch (verdict.kind) {
    case 'needs_org':
      b.change(t.id, { addTags: [config.tags.needsOrg] }).comment(
        t.id,
        'public',
        'Thank you for contacting us. We cannot deliver emergency assistance until your e-mail address is linked to an account that is currently entitled to priority support. We are working on linking it now; please reply with your organisation name or subscription details to speed this up.',
      );
      break;
    case 'free_user':
      b.change(t.id, { status: 'solved', addTags: [config.tags.belowTier] }).comment(
        t.id,
        'public',
        'Thank you for reaching out. Your account is on the free plan, which does not include emergency support, so we are marking this request as solved. Our community forum and documentation are the best places to find help.',
      );
      break;
    case 'below_tier':
    case 'trial_active':
    case 'trial_expired':
    case 'expired_beyond_grace':
      if (verdict.emergencySupport || verdict.page) {
        b.notice(t.id, `entitlement.${verdict.kind}`, verdict.message);
        break;
      }
      // ENT-3: lower the priority and tell the customer kindly.
      if (autoApply) {
        b.change(t.id, { priority: config.entitlement.notEntitledPriority, addTags: [config.tags.belowTier] }).comment(
          t.id,
          'public',
          `Thank you for contacting us, and we are sorry you are having trouble. ${verdict.message} We have set this ticket to ${config.entitlement.notEntitledPriority} priority and an engineer will respond according to your plan's support terms.`,
        );
      }
      break;
    case 'single_seat_same_day':
      b.change(t.id, { addTags: [config.tags.singleSeatSameDay] })
        .record({ kind: 'guard', ticketId: t.id, guard: 'call_needs_manager', active: true })
        .notice(t.id, 'entitlement.single_seat_same_day', verdict.message);
      if (input.managerOnCall) b.mention(t.id, input.managerOnCall, 'ENT-4: single-seat same-day purchase; engage before any call');
      break;
    case 'expired_in_grace':
    case 'entitled':
      if (verdict.kind === 'expired_in_grace') b.notice(t.id, 'entitlement.expired_in_grace', verdict.message);
      break;
  }
  return { verdict, decision: b.build() };
}
