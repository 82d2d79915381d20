// People's answers as the API document names them (components User, Team, Organization …).
// Fastify serialises with these and drops what they leave out: every field a client reads is here.
import { Type } from '@sinclair/typebox';
import { DEPLOYMENTS, SUPPORT_PACKAGES } from './organization.ts';
import { TEAM_KINDS } from './team.ts';
import { CONTACT_KINDS } from './user.ts';

const NStr = Type.Union([Type.String(), Type.Null()]);
const oneOf = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));

export const RoleT = oneOf(['admin', 'manager', 'engineer', 'customer'] as const);

export const ContactMethod = Type.Object({ id: Type.String(), kind: oneOf(CONTACT_KINDS), address: Type.String(), label: NStr, verified: Type.Boolean() }, { title: 'ContactMethod' });

export const User = Type.Object({
  id: Type.String(), email: Type.String(), name: Type.String(), role: RoleT, kind: oneOf(['person', 'bot'] as const), title: NStr, timeZone: Type.String(),
  region: NStr, organizationId: NStr, active: Type.Boolean(), teams: Type.Array(Type.String()), contactMethods: Type.Array(ContactMethod), createdAt: Type.String(),
}, { title: 'User' });

export const Session = Type.Object({ user: User, csrfToken: Type.String({ description: 'send as X-CSRF-Token with every change made with the session cookie' }) }, { title: 'Session' });

export const PersonRef = Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }, { title: 'PersonRef' });

export const Team = Type.Object({ id: Type.String(), handle: Type.String(), name: Type.String(), kind: oneOf(TEAM_KINDS), members: Type.Array(PersonRef) }, { title: 'Team' });

export const Subscription = Type.Object({
  planTier: Type.String(), supportPackage: Type.Union([oneOf(SUPPORT_PACKAGES), Type.Null()]), deployment: oneOf(DEPLOYMENTS),
  startsOn: NStr, endsOn: NStr, trial: Type.Boolean(), seats: Type.Union([Type.Integer(), Type.Null()]), purchasedOn: NStr,
}, { title: 'Subscription' });

const orgFields = {
  id: Type.String(), name: Type.String(), slug: Type.String(), subscription: Subscription,
  csm: Type.Union([PersonRef, Type.Null()]), ase: Type.Union([PersonRef, Type.Null()]), notes: NStr, createdAt: Type.String(),
};
export const Organization = Type.Object(orgFields, { title: 'Organization' });
export const OrganizationDetail = Type.Object({ ...orgFields, requesters: Type.Array(User) }, { title: 'OrganizationDetail' });

export const ApiToken = Type.Object({
  id: Type.String(), name: Type.String(), prefix: Type.String({ description: 'the first characters of the secret, to tell tokens apart' }), userId: Type.String(),
  createdAt: Type.String(), lastUsedAt: NStr, revokedAt: NStr,
}, { title: 'ApiToken' });
export const NewApiToken = Type.Object({ ...ApiToken.properties, token: Type.String({ description: 'the secret, shown this once' }) }, { title: 'NewApiToken' });
