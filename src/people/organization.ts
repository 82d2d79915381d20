// Customer organisations and their subscription (ENT-1). Dates are calendar dates (YYYY-MM-DD);
// the demo workspace may write them relative to today ("today", "-10d", "+5d").
import { invalid } from '../kernel/errors.ts';
import { Temporal } from '../kernel/time.ts';

export const DEPLOYMENTS = ['self_managed', 'saas', 'dedicated'] as const;
export type Deployment = (typeof DEPLOYMENTS)[number];
export const SUPPORT_PACKAGES = ['priority_24x7', 'us_gov_12x5', 'us_gov_24x7', 'standard'] as const;
export type SupportPackage = (typeof SUPPORT_PACKAGES)[number];

export interface Subscription {
  planTier: string;
  supportPackage: SupportPackage | null;
  deployment: Deployment;
  startsOn: string | null;
  endsOn: string | null;
  trial: boolean;
  seats: number | null;
  purchasedOn: string | null;
}

export interface PersonRef {
  id: string;
  name: string;
  email: string;
}

export interface Organization {
  id: string;
  name: string;
  slug: string;
  subscription: Subscription;
  csm: PersonRef | null;
  ase: PersonRef | null;
  notes: string | null;
  createdAt: string;
}

export function slugify(name: string): string {
  const s = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  if (!s) throw invalid('org.bad_name', `"${name}" cannot be turned into a slug; use letters or digits.`);
  return s.slice(0, 80);
}

/** A calendar date, or a date relative to `today` ("today", "-10d", "+5d"). */
export function resolveDate(value: string | null | undefined, today: Temporal.PlainDate, field: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  const v = String(value).trim();
  if (v === 'today') return today.toString();
  const rel = /^([+-])(\d{1,5})d$/.exec(v);
  if (rel) return today.add({ days: (rel[1] === '-' ? -1 : 1) * Number(rel[2]) }).toString();
  try {
    return Temporal.PlainDate.from(v, { overflow: 'reject' }).toString();
  } catch {
    throw invalid('org.bad_date', `${field}: "${v}" is not a date. Use YYYY-MM-DD, "today", or a relative "-10d"/"+5d".`, { field });
  }
}

export interface SubscriptionInput {
  planTier?: string;
  supportPackage?: string | null;
  deployment?: string;
  startsOn?: string | null;
  endsOn?: string | null;
  trial?: boolean;
  seats?: number | null;
  purchasedOn?: string | null;
}

export function checkSubscription(s: SubscriptionInput, today: Temporal.PlainDate, base?: Subscription): Subscription {
  const planTier = (s.planTier ?? base?.planTier ?? 'free').trim().toLowerCase();
  if (!/^[a-z][a-z0-9_-]{0,39}$/.test(planTier)) throw invalid('org.bad_plan_tier', `"${s.planTier}" is not a plan tier name.`);
  const pkg = s.supportPackage === undefined ? base?.supportPackage ?? null : s.supportPackage;
  if (pkg !== null && !(SUPPORT_PACKAGES as readonly string[]).includes(pkg)) {
    throw invalid('org.bad_support_package', `Unknown support package "${pkg}". Use one of: ${SUPPORT_PACKAGES.join(', ')}.`);
  }
  const deployment = s.deployment ?? base?.deployment ?? 'self_managed';
  if (!(DEPLOYMENTS as readonly string[]).includes(deployment)) {
    throw invalid('org.bad_deployment', `Unknown deployment "${deployment}". Use one of: ${DEPLOYMENTS.join(', ')}.`);
  }
  const pick = <K extends keyof SubscriptionInput>(k: K) => (s[k] === undefined ? (base as any)?.[k] : s[k]);
  const startsOn = resolveDate(pick('startsOn'), today, 'startsOn');
  const endsOn = resolveDate(pick('endsOn'), today, 'endsOn');
  if (startsOn && endsOn && endsOn < startsOn) throw invalid('org.bad_dates', `The subscription ends (${endsOn}) before it starts (${startsOn}).`);
  const seats = pick('seats') ?? null;
  if (seats !== null && (!Number.isInteger(seats) || seats < 0)) throw invalid('org.bad_seats', 'Seats must be a whole number of at least 0.');
  return {
    planTier,
    supportPackage: pkg as SupportPackage | null,
    deployment: deployment as Deployment,
    startsOn,
    endsOn,
    trial: Boolean(pick('trial') ?? false),
    seats,
    purchasedOn: resolveDate(pick('purchasedOn'), today, 'purchasedOn'),
  };
}
