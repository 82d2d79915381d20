// Wire types of the Hotline HTTP API (v1). Mirrors the API contract; keep in step with src/api.

export type Role = 'admin' | 'manager' | 'engineer' | 'customer';
export const ROLES: readonly Role[] = ['admin', 'manager', 'engineer', 'customer'];
export const STAFF_ROLES: readonly Role[] = ['admin', 'manager', 'engineer'];

export type ContactKind = 'email' | 'sms' | 'voice' | 'chat' | 'push' | 'webhook' | 'browser';

export interface ContactMethod {
  id: string;
  kind: ContactKind;
  address: string;
  label: string | null;
  verified: boolean;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  kind: 'person' | 'bot';
  title: string | null;
  timeZone: string;
  region: string | null;
  organizationId: string | null;
  active: boolean;
  teams: string[];
  contactMethods: ContactMethod[];
  createdAt: string;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Meta {
  name: string;
  version: string;
  database: 'sqlite' | 'postgres' | string;
  /** Optional: the workspace's own name (e.g. from the applied workspace file). */
  workspace?: string;
  /** Optional: true when the demo workspace is loaded. */
  demo?: boolean;
}

export interface PersonRef {
  id: string;
  name: string;
  email: string;
}

export interface Team {
  id: string;
  handle: string;
  name: string;
  kind: 'team' | 'regional_group' | 'pool';
  members: PersonRef[];
}

export type PlanTier = 'free' | 'starter' | 'premium' | 'ultimate' | (string & {});
export type SupportPackage = 'priority_24x7' | 'us_gov_12x5' | 'us_gov_24x7' | 'standard' | null;
export type Deployment = 'self_managed' | 'saas' | 'dedicated';

export interface Subscription {
  planTier: PlanTier;
  supportPackage: SupportPackage;
  deployment: Deployment;
  startsOn: string | null;
  endsOn: string | null;
  trial: boolean;
  seats: number | null;
  purchasedOn: string | null;
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

export interface OrganizationDetail extends Organization {
  requesters: User[];
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  timeZone: string;
  region?: string;
  title?: string;
  organizationId?: string;
  password?: string;
}

export interface ListResponse<T> {
  items: T[];
}

/** One `event: change` message of /api/v1/stream. */
export interface ChangeEvent {
  type: string;
  id?: string;
}

export type ContactInput = { kind: ContactKind; address: string; label?: string | null };

export type UserPatch = Partial<Pick<User, 'name' | 'role' | 'timeZone' | 'region' | 'title' | 'active'>>;

export interface TeamInput {
  handle: string;
  name: string;
  kind: Team['kind'];
  /** E-mail addresses or user ids; staff only. */
  members: string[];
}

export interface OrganizationInput {
  name: string;
  slug?: string;
  subscription?: Partial<Subscription>;
  /** A staff user's id or e-mail; null clears. */
  csm?: string | null;
  ase?: string | null;
  notes?: string | null;
}

export interface ApiToken {
  id: string;
  name: string;
  /** The first characters of the secret, to tell tokens apart. */
  prefix: string;
  userId: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The answer to creating a token: the only time the secret is shown. */
export interface NewApiToken extends ApiToken {
  token: string;
}
