// People queries. Rows in, domain objects out.
import type { Selectable } from 'kysely';
import { containsLike } from '../kernel/like.ts';
import type { ContactMethodsTable, UsersTable } from '../store/schema.ts';
import type { Tx } from '../store/tx.ts';
import { storedContactKind, storedRole, storedUserKind, type ContactMethod, type User } from './user.ts';
import type { Organization, PersonRef } from './organization.ts';
import type { Team } from './team.ts';

export interface UserFilter {
  role?: string;
  q?: string;
  team?: string;
  organizationId?: string;
  ids?: string[];
  /** Exact addresses (stored lower-case). */
  emails?: string[];
}

export async function findUsers(tx: Tx, f: UserFilter = {}): Promise<User[]> {
  let q = tx.db.selectFrom('users').selectAll().orderBy('name');
  if (f.role) q = q.where('role', '=', f.role);
  if (f.organizationId) q = q.where('organization_id', '=', f.organizationId);
  if (f.ids) q = f.ids.length ? q.where('id', 'in', f.ids) : q.where('id', '=', '');
  if (f.emails) q = f.emails.length ? q.where('email', 'in', f.emails.map((e) => e.toLowerCase())) : q.where('id', '=', '');
  if (f.q) {
    const like = containsLike(f.q);
    q = q.where((eb) => eb.or([eb(eb.fn('lower', ['name']), 'like', like), eb('email', 'like', like)]));
  }
  if (f.team) {
    q = q.where('id', 'in', (eb) =>
      eb.selectFrom('team_members as tm').innerJoin('teams as t', 't.id', 'tm.team_id').select('tm.user_id').where('t.handle', '=', f.team!),
    );
  }
  const rows = await q.execute();
  return hydrateUsers(tx, rows);
}

async function hydrateUsers(tx: Tx, rows: Selectable<UsersTable>[]): Promise<User[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [contacts, teams] = await Promise.all([
    tx.db.selectFrom('contact_methods').selectAll().where('user_id', 'in', ids).orderBy('created_at').execute(),
    tx.db.selectFrom('team_members as tm').innerJoin('teams as t', 't.id', 'tm.team_id').select(['tm.user_id', 't.handle']).where('tm.user_id', 'in', ids).orderBy('t.handle').execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: storedRole(r.role),
    kind: storedUserKind(r.kind),
    title: r.title,
    timeZone: r.time_zone,
    region: r.region,
    organizationId: r.organization_id,
    active: r.active === 1,
    teams: teams.filter((t) => t.user_id === r.id).map((t) => t.handle),
    contactMethods: contacts.filter((c) => c.user_id === r.id).map(toContact),
    createdAt: r.created_at,
  }));
}

function toContact(c: Selectable<ContactMethodsTable>): ContactMethod {
  return { id: c.id, kind: storedContactKind(c.kind), address: c.address, label: c.label, verified: c.verified === 1 };
}

export async function findUser(tx: Tx, by: { id?: string; email?: string }): Promise<User | undefined> {
  let q = tx.db.selectFrom('users').selectAll();
  if (by.id) q = q.where('id', '=', by.id);
  else if (by.email) q = q.where('email', '=', by.email.toLowerCase());
  else return undefined;
  const row = await q.executeTakeFirst();
  return row ? (await hydrateUsers(tx, [row]))[0] : undefined;
}

export async function findPasswordHash(tx: Tx, email: string): Promise<{ id: string; hash: string | null; active: boolean } | undefined> {
  const r = await tx.db.selectFrom('users').select(['id', 'password_hash', 'active']).where('email', '=', email.toLowerCase()).executeTakeFirst();
  return r ? { id: r.id, hash: r.password_hash, active: r.active === 1 } : undefined;
}

export async function findPasswordHashById(tx: Tx, id: string): Promise<{ hash: string | null } | undefined> {
  const r = await tx.db.selectFrom('users').select(['password_hash']).where('id', '=', id).executeTakeFirst();
  return r ? { hash: r.password_hash } : undefined;
}

async function refs(tx: Tx, ids: (string | null)[]): Promise<Map<string, PersonRef>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await tx.db.selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, email: r.email }]));
}

export async function findOrganizations(tx: Tx, f: { q?: string; id?: string; ids?: string[] } = {}): Promise<Organization[]> {
  let q = tx.db.selectFrom('organizations').selectAll().orderBy('name');
  if (f.id) q = q.where('id', '=', f.id);
  if (f.ids) q = f.ids.length ? q.where('id', 'in', f.ids) : q.where('id', '=', '');
  if (f.q) q = q.where((eb) => eb(eb.fn('lower', ['name']), 'like', containsLike(f.q!)));
  const rows = await q.execute();
  const people = await refs(tx, rows.flatMap((r) => [r.csm_id, r.ase_id]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    slug: r.slug,
    subscription: {
      planTier: r.plan_tier,
      supportPackage: r.support_package,
      deployment: r.deployment,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      trial: r.trial === 1,
      seats: r.seats,
      purchasedOn: r.purchased_on,
    },
    csm: r.csm_id ? people.get(r.csm_id) ?? null : null,
    ase: r.ase_id ? people.get(r.ase_id) ?? null : null,
    notes: r.notes,
    createdAt: r.created_at,
  }));
}

export async function findOrganization(tx: Tx, by: { id?: string; slug?: string; name?: string }): Promise<Organization | undefined> {
  let q = tx.db.selectFrom('organizations').select('id');
  if (by.id) q = q.where('id', '=', by.id);
  else if (by.slug) q = q.where('slug', '=', by.slug);
  else if (by.name) q = q.where('name', '=', by.name);
  const row = await q.executeTakeFirst();
  return row ? (await findOrganizations(tx, { id: row.id }))[0] : undefined;
}

export async function findTeams(tx: Tx, f: { handle?: string } = {}): Promise<Team[]> {
  let q = tx.db.selectFrom('teams').selectAll().orderBy('handle');
  if (f.handle) q = q.where('handle', '=', f.handle);
  const teams = await q.execute();
  if (!teams.length) return [];
  const members = await tx.db
    .selectFrom('team_members as tm')
    .innerJoin('users as u', 'u.id', 'tm.user_id')
    .select(['tm.team_id', 'u.id', 'u.name', 'u.email'])
    .where('tm.team_id', 'in', teams.map((t) => t.id))
    .orderBy('u.name')
    .execute();
  return teams.map((t) => ({
    id: t.id,
    handle: t.handle,
    name: t.name,
    kind: t.kind,
    members: members.filter((m) => m.team_id === t.id).map((m) => ({ id: m.id, name: m.name, email: m.email })),
  }));
}
