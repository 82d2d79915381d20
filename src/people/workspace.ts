// The people part of a workspace file: defaults, users (staff and bots), teams, and
// organisations with their subscription and requesters.
import { randomBytes } from 'node:crypto';
import type { Role } from '../kernel/actor.ts';
import { hashPassword } from './password.ts';
import { findOrganizations, findTeams, findUser, findUsers } from './store.ts';
import { addContactMethod, createUser, saveOrganization, saveTeam, updateUser } from './service.ts';
import { allowOnly, at, bool, int, list, strings, text, type Obj, type ApplyContext, type WorkspaceSection } from '../workspace/index.ts';
import type { User } from './user.ts';
import { peopleSchema } from './workspace-schema.ts';

const USER_FIELDS = ['email', 'name', 'role', 'kind', 'title', 'time_zone', 'region', 'contact', 'password'];
const ORG_FIELDS = ['name', 'slug', 'plan_tier', 'support_package', 'deployment', 'starts_on', 'ends_on', 'trial', 'seats', 'purchased_on', 'csm', 'ase', 'notes', 'requesters'];

async function applyUser(a: ApplyContext, o: Obj, path: string, organizationId: string | null, defaults: { password?: string; time_zone?: string }, hashes: Map<string, string>) {
  allowOnly(o, path, USER_FIELDS);
  const email = text(o, 'email', path, { required: true })!;
  const input = {
    email,
    name: text(o, 'name', path, { required: true })!,
    role: (text(o, 'role', path) ?? (organizationId ? 'customer' : 'engineer')) as Role,
    kind: (text(o, 'kind', path) ?? 'person') as 'person' | 'bot',
    title: text(o, 'title', path) ?? null,
    timeZone: text(o, 'time_zone', path) ?? defaults.time_zone ?? 'UTC',
    region: text(o, 'region', path) ?? null,
    organizationId,
  };
  const password = text(o, 'password', path) ?? (input.kind === 'person' ? defaults.password : undefined);
  await at(path, async () => {
    let user: User | undefined = await findUser(a.tx, { email });
    if (!user) {
      user = await createUser(a.ctx, a.actor, input, a.tx);
      if (password) await setHash(a, user.id, password, hashes);
      a.count('users', 'created');
    } else {
      const patch: Record<string, unknown> = {};
      if (user.name !== input.name) patch.name = input.name;
      if (user.role !== input.role) patch.role = input.role;
      if (user.title !== input.title) patch.title = input.title;
      if (user.timeZone !== input.timeZone) patch.timeZone = input.timeZone;
      if (user.region !== input.region) patch.region = input.region;
      const moved = user.organizationId !== organizationId;
      if (moved) await a.tx.db.updateTable('users').set({ organization_id: organizationId }).where('id', '=', user.id).execute();
      if (Object.keys(patch).length) await updateUser(a.ctx, a.actor, user.id, patch, a.tx);
      a.count('users', Object.keys(patch).length || moved ? 'updated' : 'unchanged');
    }
    for (const [i, c] of list(o, 'contact').entries()) {
      allowOnly(c, `${path}.contact[${i}]`, ['kind', 'address', 'label', 'verified']);
      const kind = text(c, 'kind', `${path}.contact[${i}]`, { required: true })!;
      const address = text(c, 'address', `${path}.contact[${i}]`, { required: true })!;
      const current = (await findUser(a.tx, { id: user.id }))!;
      if (current.contactMethods.some((m) => m.kind === kind && m.address.toLowerCase() === address.toLowerCase())) continue;
      await addContactMethod(a.ctx, a.actor, user.id, { kind, address, label: text(c, 'label', path) ?? null, verified: bool(c, 'verified', path) ?? true }, a.tx);
    }
  });
}

/** Passwords from a file are set once, never reset on re-apply: people change theirs. */
async function setHash(a: ApplyContext, userId: string, password: string, hashes: Map<string, string>) {
  // one hash per distinct password in a file: a demo file gives forty people the same one
  let h = hashes.get(password);
  if (!h) {
    h = await hashPassword(password, randomBytes(16));
    hashes.set(password, h);
  }
  await a.tx.db.updateTable('users').set({ password_hash: h }).where('id', '=', userId).execute();
}

export const peopleSection: WorkspaceSection = {
  schema: peopleSchema,
  order: 10,
  async apply(a) {
    const defaults = (a.doc.defaults ?? {}) as Obj;
    allowOnly(defaults, 'defaults', ['password', 'time_zone']);
    const d = { password: text(defaults, 'password', 'defaults'), time_zone: text(defaults, 'time_zone', 'defaults') };
    const hashes = new Map<string, string>();
    for (const [i, u] of list(a.doc, 'users').entries()) await applyUser(a, u, `users[${i}]`, null, d, hashes);
    for (const [i, o] of list(a.doc, 'organizations').entries()) {
      const path = `organizations[${i}]`;
      allowOnly(o, path, ORG_FIELDS);
      const r = await at(path, () =>
        saveOrganization(a.ctx, a.actor, {
          name: text(o, 'name', path, { required: true })!,
          slug: text(o, 'slug', path),
          subscription: {
            planTier: text(o, 'plan_tier', path),
            supportPackage: o.support_package === null ? null : text(o, 'support_package', path),
            deployment: text(o, 'deployment', path),
            startsOn: text(o, 'starts_on', path),
            endsOn: text(o, 'ends_on', path),
            trial: bool(o, 'trial', path),
            seats: int(o, 'seats', path),
            purchasedOn: text(o, 'purchased_on', path),
          },
          csm: o.csm === null ? null : text(o, 'csm', path),
          ase: o.ase === null ? null : text(o, 'ase', path),
          notes: text(o, 'notes', path),
        }, a.tx),
      );
      a.count('organizations', r.created ? 'created' : r.changed ? 'updated' : 'unchanged');
      for (const [j, u] of list(o, 'requesters').entries()) await applyUser(a, { role: 'customer', ...u }, `${path}.requesters[${j}]`, r.org.id, d, hashes);
    }
    for (const [i, t] of list(a.doc, 'teams').entries()) {
      const path = `teams[${i}]`;
      allowOnly(t, path, ['handle', 'name', 'kind', 'members']);
      const r = await at(path, () =>
        saveTeam(a.ctx, a.actor, {
          handle: text(t, 'handle', path, { required: true })!,
          name: text(t, 'name', path, { required: true })!,
          kind: text(t, 'kind', path) ?? 'team',
          members: strings(t, 'members', path),
        }, a.tx),
      );
      a.count('teams', r.created ? 'created' : r.changed ? 'updated' : 'unchanged');
    }
  },
  async export(_ctx, tx) {
    const staff = (await findUsers(tx)).filter((u) => u.role !== 'customer');
    const orgs = await findOrganizations(tx);
    const customers = await findUsers(tx, { role: 'customer' });
    const userOut = (u: User) => ({
      email: u.email, name: u.name, role: u.role, ...(u.kind !== 'person' ? { kind: u.kind } : {}), ...(u.title ? { title: u.title } : {}),
      time_zone: u.timeZone, ...(u.region ? { region: u.region } : {}),
      ...(u.contactMethods.length ? { contact: u.contactMethods.map((c) => ({ kind: c.kind, address: c.address, ...(c.label ? { label: c.label } : {}), verified: c.verified })) } : {}),
    });
    return {
      users: staff.map(userOut),
      organizations: orgs.map((o) => ({
        name: o.name, slug: o.slug, plan_tier: o.subscription.planTier, support_package: o.subscription.supportPackage,
        deployment: o.subscription.deployment, starts_on: o.subscription.startsOn, ends_on: o.subscription.endsOn,
        trial: o.subscription.trial, seats: o.subscription.seats, purchased_on: o.subscription.purchasedOn,
        csm: o.csm?.email ?? null, ase: o.ase?.email ?? null, ...(o.notes ? { notes: o.notes } : {}),
        requesters: customers.filter((c) => c.organizationId === o.id).map((c) => {
          const { role: _r, ...rest } = userOut(c);
          return rest;
        }),
      })),
      teams: (await findTeams(tx)).map((t) => ({ handle: t.handle, name: t.name, kind: t.kind, members: t.members.map((m) => m.email) })),
    };
  },
};
