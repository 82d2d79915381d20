// HTTP surface for people, teams, organisations, sign-in and tokens. Thin: schema, access,
// call the use case.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ADMINS, MANAGERS, requireActor, SESSION_COOKIE, STAFF } from '../api/auth.ts';
import { Body, errors, fails, IdParams, Nullable, Str } from '../api/schemas.ts';
import { ApiToken, ContactMethod, NewApiToken, Organization, OrganizationDetail, Session, Team, User } from './routes-schemas.ts';
import type { Ctx } from '../runtime/context.ts';
import { CONTACT_KINDS } from './user.ts';
import { DEPLOYMENTS, SUPPORT_PACKAGES } from './organization.ts';
import { TEAM_KINDS } from './team.ts';
import { createToken, listTokens, login, logout, revokeToken, SESSION_HOURS } from './service-auth.ts';
import * as people from './service.ts';
import { errorBody } from '../api/errors.ts';

const RoleT = Type.Union([Type.Literal('admin'), Type.Literal('manager'), Type.Literal('engineer'), Type.Literal('customer')]);
const Email = Type.String({ minLength: 3, maxLength: 254 });
const Date = Type.String({ maxLength: 10 });

const LoginBody = Body({ email: Email, password: Str(200, 1) });
const UserCreate = Body({
  email: Email, name: Str(120, 1), role: RoleT, kind: Type.Optional(Type.Union([Type.Literal('person'), Type.Literal('bot')])),
  title: Type.Optional(Nullable(Str(80))), timeZone: Type.Optional(Str(64)), region: Type.Optional(Nullable(Str(40))),
  organizationId: Type.Optional(Nullable(Str(64))), password: Type.Optional(Str(200, 10)),
});
const UserPatch = Body({
  name: Type.Optional(Str(120, 1)), role: Type.Optional(RoleT), title: Type.Optional(Nullable(Str(80))), timeZone: Type.Optional(Str(64)),
  region: Type.Optional(Nullable(Str(40))), active: Type.Optional(Type.Boolean()), password: Type.Optional(Str(200, 10)),
  currentPassword: Type.Optional(Str(200, 1)),
});
const ContactBody = Body({
  kind: Type.Union(CONTACT_KINDS.map((k) => Type.Literal(k))), address: Str(500, 1), label: Type.Optional(Nullable(Str(80))),
  verified: Type.Optional(Type.Boolean()),
});
const TeamBody = Body({
  handle: Str(64, 2), name: Str(120, 1), kind: Type.Union(TEAM_KINDS.map((k) => Type.Literal(k))), members: Type.Array(Str(254, 1), { maxItems: 500 }),
});
const SubscriptionBody = Body({
  planTier: Type.Optional(Str(40, 1)),
  supportPackage: Type.Optional(Type.Union([...SUPPORT_PACKAGES.map((k) => Type.Literal(k)), Type.Null()])),
  deployment: Type.Optional(Type.Union(DEPLOYMENTS.map((k) => Type.Literal(k)))),
  startsOn: Type.Optional(Nullable(Date)), endsOn: Type.Optional(Nullable(Date)), trial: Type.Optional(Type.Boolean()),
  seats: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 10_000_000 }), Type.Null()])), purchasedOn: Type.Optional(Nullable(Date)),
});
const OrgCreate = Body({
  name: Str(200, 1), slug: Type.Optional(Str(80, 1)), subscription: Type.Optional(SubscriptionBody),
  csm: Type.Optional(Nullable(Str(254))), ase: Type.Optional(Nullable(Str(254))), notes: Type.Optional(Nullable(Str(4000))),
});
const OrgPatch = Body({
  name: Type.Optional(Str(200, 1)), slug: Type.Optional(Str(80, 1)), subscription: Type.Optional(SubscriptionBody),
  csm: Type.Optional(Nullable(Str(254))), ase: Type.Optional(Nullable(Str(254))), notes: Type.Optional(Nullable(Str(4000))),
});
const TokenBody = Body({ name: Str(80, 1), userId: Type.Optional(Str(64, 1)) });
const Query = Type.Object({ q: Type.Optional(Str(200)), role: Type.Optional(RoleT), team: Type.Optional(Str(64)) }, { additionalProperties: false });

export function registerPeopleRoutes(app: FastifyInstance, ctx: Ctx, opts: { loginRateLimit: { max: number; timeWindow: string } }): void {
  const secure = process.env.HOTLINE_COOKIE_SECURE === '1';

  // Password guessing is limited twice: per address (whatever Authorization header comes along,
  // so a valid token spelt differently is no fresh bucket) and per account (spreading the guesses
  // over addresses does not help either).
  const perAccount = app.createRateLimit({
    ...opts.loginRateLimit,
    allowList: () => false,
    keyGenerator: (req) => `login-account:${String((req.body as { email?: unknown })?.email ?? '').trim().toLowerCase()}`,
  });
  const currentPasswordLimit = app.createRateLimit({
    ...opts.loginRateLimit,
    allowList: () => false,
    keyGenerator: (req) => `current-password:${(req.params as { id?: string })?.id ?? ''}`,
  });
  app.post('/api/v1/auth/login', {
    config: { access: 'public', rateLimit: { ...opts.loginRateLimit, keyGenerator: (req) => `login-ip:${req.ip}` } },
    schema: { tags: ['auth'], operationId: 'login', summary: 'Sign in with e-mail and password (sets the session cookie)', body: LoginBody, response: { 200: Session, 401: errors[401], 429: errors[429] } },
  }, async (req, reply) => {
    const { email, password } = req.body as Static<typeof LoginBody>;
    const limit = await perAccount(req);
    if (!limit.isAllowed && limit.isExceeded) {
      return reply.status(429).header('retry-after', String(limit.ttlInSeconds))
        .send(errorBody('rate_limited', `Too many sign-in attempts for this account; try again in ${limit.ttlInSeconds} s.`));
    }
    const r = await login(ctx, email, password);
    reply.setCookie(SESSION_COOKIE, r.session, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_HOURS * 3600 });
    return { user: r.user, csrfToken: r.csrfToken };
  });

  app.get('/api/v1/auth/me', { config: { access: 'user' }, schema: { tags: ['auth'], operationId: 'getSession', summary: 'The signed-in user', response: { 200: Session } } }, async (req) => {
    const actor = requireActor(req);
    return { user: await people.getUser(ctx, actor, actor.userId!), csrfToken: req.csrfToken };
  });

  app.post('/api/v1/auth/logout', { config: { access: 'user' }, schema: { tags: ['auth'], operationId: 'logout', summary: 'Sign out', response: { 204: { description: 'Signed out', type: 'null' } } } }, async (req, reply) => {
    const cookie = req.cookies[SESSION_COOKIE];
    if (cookie) await logout(ctx, cookie);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/v1/users', { config: { access: STAFF }, schema: { tags: ['people'], operationId: 'listUsers', summary: 'List users', querystring: Query, response: { 200: Type.Object({ items: Type.Array(User) }) } } }, async (req) => ({
    items: await people.listUsers(ctx, requireActor(req), req.query as Static<typeof Query>),
  }));
  app.get('/api/v1/users/:id', { config: { access: 'user' }, schema: { tags: ['people'], operationId: 'getUser', summary: 'One user', params: IdParams, response: { 200: User, ...fails(404) } } }, async (req) =>
    people.getUser(ctx, requireActor(req), (req.params as any).id));
  app.post('/api/v1/users', { config: { access: ADMINS }, schema: { tags: ['people'], operationId: 'createUser', summary: 'Create a user', body: UserCreate, response: { 201: User, ...fails(409) } } }, async (req, reply) =>
    reply.status(201).send(await people.createUser(ctx, requireActor(req), req.body as Static<typeof UserCreate>)));
  app.patch('/api/v1/users/:id', {
    config: { access: 'user' },
    schema: { tags: ['people'], summary: 'Change a user (admins: anyone; others: themselves). Your own password needs currentPassword; it ends your other sessions', operationId: 'updateUser', params: IdParams, body: UserPatch, response: { 200: User, ...fails(403, 404, 429) } },
  }, async (req, reply) => {
    const body = req.body as Static<typeof UserPatch>;
    // guessing the current password through a stolen session is limited like sign-in
    if (body.currentPassword !== undefined) {
      const limit = await currentPasswordLimit(req);
      if (!limit.isAllowed && limit.isExceeded) {
        return reply.status(429).header('retry-after', String(limit.ttlInSeconds))
          .send(errorBody('rate_limited', `Too many password change attempts; try again in ${limit.ttlInSeconds} s.`));
      }
    }
    // the session making the change (if any) is the one kept
    return people.updateUser(ctx, requireActor(req), (req.params as any).id, body, undefined,
      { session: req.authKind === 'session' ? req.cookies[SESSION_COOKIE] : undefined });
  });
  app.post('/api/v1/users/:id/contact-methods', { config: { access: STAFF }, schema: { tags: ['people'], operationId: 'addContactMethod', summary: 'Add a contact method', params: IdParams, body: ContactBody, response: { 201: ContactMethod, ...fails(404, 409) } } }, async (req, reply) =>
    reply.status(201).send(await people.addContactMethod(ctx, requireActor(req), (req.params as any).id, req.body as Static<typeof ContactBody>)));
  app.delete('/api/v1/users/:id/contact-methods/:cmId', {
    config: { access: STAFF },
    schema: { tags: ['people'], operationId: 'removeContactMethod', summary: 'Remove a contact method', params: Type.Object({ id: Str(64, 1), cmId: Str(64, 1) }, { additionalProperties: false }), response: { 204: { description: 'Removed', type: 'null' }, ...fails(404) } },
  }, async (req, reply) => {
    const p = req.params as { id: string; cmId: string };
    await people.removeContactMethod(ctx, requireActor(req), p.id, p.cmId);
    return reply.status(204).send();
  });

  app.get('/api/v1/teams', { config: { access: STAFF }, schema: { tags: ['people'], operationId: 'listTeams', summary: 'Teams, regional groups and pools', response: { 200: Type.Object({ items: Type.Array(Team) }) } } }, async () => ({ items: await people.listTeams(ctx) }));
  app.post('/api/v1/teams', { config: { access: MANAGERS }, schema: { tags: ['people'], operationId: 'saveTeam', summary: 'Create or replace a team by handle', body: TeamBody, response: { 200: Team, 201: Team, ...fails(404) } } }, async (req, reply) => {
    const r = await people.saveTeam(ctx, requireActor(req), req.body as Static<typeof TeamBody>);
    return reply.status(r.created ? 201 : 200).send(r.team);
  });

  app.get('/api/v1/orgs', { config: { access: 'user' }, schema: { tags: ['organisations'], summary: 'Customer organisations (customers: their own)', operationId: 'listOrganizations', querystring: Type.Object({ q: Type.Optional(Str(200)) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(Organization) }) } } }, async (req) => ({
    items: await people.listOrganizations(ctx, requireActor(req), req.query as { q?: string }),
  }));
  app.get('/api/v1/orgs/:id', { config: { access: 'user' }, schema: { tags: ['organisations'], operationId: 'getOrganization', summary: 'One organisation with its requesters', params: IdParams, response: { 200: OrganizationDetail, ...fails(404) } } }, async (req) =>
    people.getOrganization(ctx, requireActor(req), (req.params as any).id));
  app.post('/api/v1/orgs', { config: { access: MANAGERS }, schema: { tags: ['organisations'], operationId: 'createOrganization', summary: 'Create an organisation', body: OrgCreate, response: { 201: Organization, ...fails(409) } } }, async (req, reply) => {
    const body = req.body as Static<typeof OrgCreate>;
    const r = await people.saveOrganization(ctx, requireActor(req), body);
    if (!r.created) return reply.status(409).send({ error: { code: 'org.exists', message: `An organisation with slug "${r.org.slug}" already exists; PATCH /api/v1/orgs/${r.org.id} to change it.` } });
    return reply.status(201).send(r.org);
  });
  app.patch('/api/v1/orgs/:id', { config: { access: MANAGERS }, schema: { tags: ['organisations'], operationId: 'updateOrganization', summary: 'Change an organisation', params: IdParams, body: OrgPatch, response: { 200: Organization, ...fails(404, 409) } } }, async (req) => {
    const id = (req.params as any).id;
    const body = req.body as Static<typeof OrgPatch>;
    const current = await people.getOrganization(ctx, requireActor(req), id);
    return (await people.saveOrganization(ctx, requireActor(req), { ...body, id, name: body.name ?? current.name })).org;
  });

  app.get('/api/v1/tokens', { config: { access: 'user' }, schema: { tags: ['auth'], operationId: 'listTokens', summary: 'Your API tokens (never the secrets)', response: { 200: Type.Object({ items: Type.Array(ApiToken) }) } } }, async (req) => ({ items: await listTokens(ctx, requireActor(req)) }));
  app.post('/api/v1/tokens', { config: { access: 'user' }, schema: { tags: ['auth'], operationId: 'createToken', summary: 'Create an API token (the secret is shown once)', body: TokenBody, response: { 201: NewApiToken, ...fails(404) } } }, async (req, reply) =>
    reply.status(201).send(await createToken(ctx, requireActor(req), req.body as Static<typeof TokenBody>)));
  app.delete('/api/v1/tokens/:id', { config: { access: 'user' }, schema: { tags: ['auth'], operationId: 'revokeToken', summary: 'Revoke an API token', params: IdParams, response: { 204: { description: 'Revoked', type: 'null' }, ...fails(404) } } }, async (req, reply) => {
    await revokeToken(ctx, requireActor(req), (req.params as any).id);
    return reply.status(204).send();
  });
}
