// Demo roster (examples/demo.yaml) as rule inputs, shared by the emergency rule tests.
import { instant, type Temporal } from '../kernel/time.ts';
import type { EmergencyTicket, OnCallAnswer } from './decision.ts';
import type { OrganisationInput, SubscriptionInput } from './entitlement.ts';

/** Saturday 2026-11-21 15:00 UTC (10:00 New York, Sunday 02:00 Sydney). */
export const SATURDAY = instant('2026-11-21T15:00:00Z');
/** Tuesday 2026-11-24 17:00 UTC (12:00 New York). */
export const TUESDAY = instant('2026-11-24T17:00:00Z');

export function ticket(over: Partial<EmergencyTicket> = {}): EmergencyTicket {
  return {
    id: 't-101',
    number: 101,
    form: 'self-managed',
    priority: 'urgent',
    status: 'new',
    tags: [],
    assignee: null,
    requesterEmail: 'rita@acme.example',
    orgId: 'org-acme',
    createdAt: TUESDAY,
    ...over,
  };
}

function sub(over: Partial<SubscriptionInput>): SubscriptionInput {
  return {
    tier: 'premium',
    supportPackage: 'priority_24x7',
    startsOn: '2026-01-01',
    endsOn: '2027-12-31',
    trial: false,
    seats: 50,
    purchasedAt: instant('2025-12-15T10:00:00Z'),
    deployment: 'self-managed',
    ...over,
  };
}

function org(id: string, name: string, s: Partial<SubscriptionInput> | null, extra: Partial<OrganisationInput> = {}): OrganisationInput {
  return { id, name, subscription: s ? sub(s) : null, csm: null, ase: null, ...extra };
}

export function orgs(now: Temporal.Instant) {
  const today = now.toZonedDateTimeISO('UTC').toPlainDate();
  const daysAgo = (n: number) => today.subtract({ days: n }).toString();
  return {
    acme: org('org-acme', 'Acme Robotics', {}, { csm: 'zoe.adams@example.com', ase: 'bella.cruz@example.com' }),
    globex: org('org-globex', 'Globex Cloud', { tier: 'ultimate', deployment: 'saas' }, { csm: 'aaron.blake@example.com' }),
    initech: org('org-initech', 'Initech Dedicated', { tier: 'ultimate', deployment: 'dedicated' }),
    hooli: org('org-hooli', 'Hooli Community', { tier: 'free', supportPackage: null }),
    umbrella: org('org-umbrella', 'Umbrella Starter', { tier: 'starter', supportPackage: 'standard' }),
    cyberdyne: org('org-cyberdyne', 'Cyberdyne Federal', { supportPackage: 'us_gov_12x5' }),
    tyrell: org('org-tyrell', 'Tyrell Federal', { tier: 'ultimate', supportPackage: 'us_gov_24x7' }),
    solo: org('org-solo', 'Solo Dev LLC', { seats: 1, purchasedAt: now.subtract({ hours: 2 }), startsOn: today.toString() }),
    wayne: org('org-wayne', 'Wayne Enterprises', { endsOn: daysAgo(10) }),
    stark: org('org-stark', 'Stark Industries', { endsOn: daysAgo(20) }),
    soylent: org('org-soylent', 'Soylent Trial', { tier: 'ultimate', trial: true, endsOn: today.add({ days: 5 }).toString(), deployment: 'saas' }),
  };
}

export const AMER_ONCALL: OnCallAnswer = {
  engineers: ['alice.nguyen@example.com', 'bruno.costa@example.com', 'carmen.diaz@example.com'],
  dri: 'bruno.costa@example.com',
  manager: 'tara.brooks@example.com',
  singleEngineer: false,
  region: 'AMER',
};

export const AMER_SINGLE: OnCallAnswer = {
  engineers: ['alice.nguyen@example.com'],
  dri: 'alice.nguyen@example.com',
  manager: 'tara.brooks@example.com',
  singleEngineer: true,
  region: 'AMER',
};

export const APAC_WEEKEND: OnCallAnswer = {
  engineers: ['kenji.sato@example.com'],
  dri: 'kenji.sato@example.com',
  manager: 'valerie.ng@example.com',
  singleEngineer: true,
  region: 'APAC',
};
