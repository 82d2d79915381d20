// People and organisation use cases. Each commits its change with a timeline entry and
// announces it to live views after commit.
import { randomBytes } from 'node:crypto';
import { isStaff, type Actor } from '../kernel/actor.ts';
import { conflict, forbidden, invalid, notFound } from '../kernel/errors.ts';
import { newId } from '../kernel/ids.ts';
import { isoUtc, type Temporal } from '../kernel/time.ts';
import { announce, withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Tx } from '../store/tx.ts';
import { checkSubscription, slugify, type Organization, type SubscriptionInput } from './organization.ts';
import { checkPasswordStrength, DUMMY_PASSWORD_HASH, hashPassword, hashSecret, verifyPassword } from './password.ts';
import { findOrganization, findOrganizations, findPasswordHashById, findTeams, findUser, findUsers, type UserFilter } from './store.ts';
import { checkHandle, checkTeamKind, type Team } from './team.ts';
import { checkContact, checkRole, checkTimeZone, checkUser, type ContactMethod, type User, type UserInput } from './user.ts';

const today = (ctx: Ctx) => ctx.clock.now().toZonedDateTimeISO('UTC').toPlainDate();

export async function listUsers(ctx: Ctx, actor: Actor, f: UserFilter = {}, tx?: Tx): Promise<User[]> {
  return withTx(ctx, tx, (tx) => findUsers(tx, isStaff(actor) ? f : { ...f, organizationId: actor.organizationId ?? '-', ids: undefined }));
}

export async function getUser(ctx: Ctx, actor: Actor, id: string, tx?: Tx): Promise<User> {
  const u = await withTx(ctx, tx, (tx) => findUser(tx, { id }));
  if (!u || (!isStaff(actor) && u.id !== actor.userId)) throw notFound('user.not_found', `No user with id ${id}.`);
  return u;
}

export async function createUser(ctx: Ctx, actor: Actor, input: UserInput & { password?: string }, tx?: Tx): Promise<User> {
  const u = checkUser(input);
  if (input.password) checkPasswordStrength(input.password);
  const hash = input.password ? await hashPassword(input.password, randomBytes(16)) : null;
  return withTx(ctx, tx, async (tx) => {
    if (await findUser(tx, { email: u.email })) throw conflict('user.email_taken', `A user with e-mail ${u.email} already exists.`);
    if (u.organizationId && !(await findOrganization(tx, { id: u.organizationId }))) {
      throw notFound('org.not_found', `No organisation with id ${u.organizationId}.`);
    }
    const now = ctx.clock.now();
    const id = newId();
    await tx.db.insertInto('users').values({
      id, email: u.email, name: u.name, role: u.role, kind: u.kind, title: u.title, time_zone: u.timeZone, region: u.region,
      organization_id: u.organizationId, password_hash: hash, active: 1, created_at: isoUtc(now), updated_at: isoUtc(now),
    }).execute();
    await recordTimeline(tx, now, actor, { subjectType: 'user', subjectId: id, action: 'user.created', detail: { email: u.email, role: u.role } });
    announce(ctx, tx, { type: 'user.created', id, organizationId: u.organizationId });
    return (await findUser(tx, { id }))!;
  });
}

export interface UserPatch {
  name?: string;
  role?: string;
  title?: string | null;
  timeZone?: string;
  region?: string | null;
  active?: boolean;
  password?: string;
  /** Needed to change one's own password (a stolen session alone must not take the account over). */
  currentPassword?: string;
}

/**
 * A password change and sign-in state:
 * - by the owner: needs the current password; every other session of theirs ends, the one making
 *   the change stays. API tokens stay: they are separate credentials, listed and revoked one by one.
 * - by an admin for someone else (a reset, recorded as such on the timeline): all the user's
 *   sessions end and their API tokens are revoked, since a reset is what one does to an account
 *   someone else may hold.
 */
export async function updateUser(ctx: Ctx, actor: Actor, id: string, patch: UserPatch, tx?: Tx, opts: { session?: string } = {}): Promise<User> {
  const self = actor.userId === id;
  if (!self && actor.role !== 'admin' && actor.role !== 'system') throw forbidden('user.not_allowed', 'Only an admin can change another user.');
  if (self && actor.role !== 'admin' && (patch.role !== undefined || patch.active !== undefined)) {
    throw forbidden('user.not_allowed', 'Only an admin can change a role or deactivate a user.');
  }
  const set: Record<string, unknown> = {};
  if (patch.name !== undefined) {
    if (!patch.name.trim()) throw invalid('user.bad_name', 'A user needs a name.');
    set.name = patch.name.trim();
  }
  if (patch.role !== undefined) set.role = checkRole(patch.role);
  if (patch.title !== undefined) set.title = patch.title;
  if (patch.timeZone !== undefined) set.time_zone = checkTimeZone(patch.timeZone);
  if (patch.region !== undefined) set.region = patch.region;
  if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
  if (patch.password !== undefined) {
    checkPasswordStrength(patch.password);
    if (self && patch.currentPassword === undefined) {
      throw invalid('user.current_password_required', 'To change your password, give your current password too (currentPassword).');
    }
    set.password_hash = await hashPassword(patch.password, randomBytes(16));
  } else if (patch.currentPassword !== undefined) {
    throw invalid('user.current_password_alone', 'currentPassword only goes with a new password.');
  }
  // checked before the write transaction opens: scrypt work must not hold it (and its locks) open
  const oldHash = self && patch.password !== undefined ? (await withTx(ctx, tx, (tx) => findPasswordHashById(tx, id)))?.hash ?? null : null;
  if (self && patch.password !== undefined && !(await verifyPassword(patch.currentPassword!, oldHash ?? DUMMY_PASSWORD_HASH))) {
    throw forbidden('user.wrong_current_password', 'The current password is not right; nothing was changed.');
  }
  return withTx(ctx, tx, async (tx) => {
    const before = await findUser(tx, { id });
    if (!before) throw notFound('user.not_found', `No user with id ${id}.`);
    if (set.role && set.role !== 'customer' && before.organizationId) throw invalid('user.staff_in_org', 'Only customers belong to a customer organisation.');
    const now = ctx.clock.now();
    if (Object.keys(set).length) {
      await tx.db.updateTable('users').set({ ...set, updated_at: isoUtc(now) }).where('id', '=', id).execute();
      const changed = Object.keys(set).map((k) => (k === 'password_hash' ? 'password' : k));
      await recordTimeline(tx, now, actor, { subjectType: 'user', subjectId: id, action: 'user.updated', detail: { changed } });
      if (set.active === 0) await tx.db.deleteFrom('sessions').where('user_id', '=', id).execute();
      if (set.password_hash) await endSignInsAfterPasswordChange(tx, actor, id, self, opts.session, now);
      announce(ctx, tx, { type: 'user.updated', id, organizationId: before.organizationId });
    }
    return (await findUser(tx, { id }))!;
  });
}

async function endSignInsAfterPasswordChange(tx: Tx, actor: Actor, id: string, self: boolean, session: string | undefined, now: Temporal.Instant): Promise<void> {
  let ended = tx.db.deleteFrom('sessions').where('user_id', '=', id);
  if (self && session) ended = ended.where('id_hash', '!=', hashSecret(session));
  await ended.execute();
  if (self) return;
  const revoked = await tx.db.updateTable('api_tokens').set({ revoked_at: isoUtc(now) }).where('user_id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  await recordTimeline(tx, now, actor, { subjectType: 'user', subjectId: id, action: 'user.password_reset', detail: { tokensRevoked: Number(revoked.numUpdatedRows) } });
}

export async function addContactMethod(
  ctx: Ctx, actor: Actor, userId: string, input: { kind: string; address: string; label?: string | null; verified?: boolean }, tx?: Tx,
): Promise<ContactMethod> {
  if (actor.userId !== userId && actor.role !== 'admin' && actor.role !== 'system') {
    throw forbidden('contact.not_allowed', 'You can only change your own contact methods.');
  }
  const c = checkContact(input.kind, input.address);
  return withTx(ctx, tx, async (tx) => {
    const user = await findUser(tx, { id: userId });
    if (!user) throw notFound('user.not_found', `No user with id ${userId}.`);
    if (user.contactMethods.some((m) => m.kind === c.kind && m.address === c.address)) {
      throw conflict('contact.exists', `${user.name} already has ${c.kind} ${c.address}.`);
    }
    const now = ctx.clock.now();
    const id = newId();
    // Verification arrives with the notify capability; until then only an admin or an import marks one verified.
    // A browser method needs none: it only ever reaches the person's own signed-in tabs.
    const verified = c.kind === 'browser' || (input.verified === true && (actor.role === 'admin' || actor.role === 'system'));
    await tx.db.insertInto('contact_methods').values({ id, user_id: userId, kind: c.kind, address: c.address, label: input.label ?? null, verified: verified ? 1 : 0, created_at: isoUtc(now) }).execute();
    await recordTimeline(tx, now, actor, { subjectType: 'user', subjectId: userId, action: 'contact.added', detail: { kind: c.kind, address: c.address } });
    announce(ctx, tx, { type: 'user.updated', id: userId, organizationId: user.organizationId });
    return { id, kind: c.kind, address: c.address, label: input.label ?? null, verified };
  });
}

export async function removeContactMethod(ctx: Ctx, actor: Actor, userId: string, contactId: string, tx?: Tx): Promise<void> {
  if (actor.userId !== userId && actor.role !== 'admin' && actor.role !== 'system') {
    throw forbidden('contact.not_allowed', 'You can only change your own contact methods.');
  }
  await withTx(ctx, tx, async (tx) => {
    const r = await tx.db.deleteFrom('contact_methods').where('id', '=', contactId).where('user_id', '=', userId).executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) throw notFound('contact.not_found', `No contact method ${contactId} on user ${userId}.`);
    await recordTimeline(tx, ctx.clock.now(), actor, { subjectType: 'user', subjectId: userId, action: 'contact.removed', detail: { id: contactId } });
    announce(ctx, tx, { type: 'user.updated', id: userId });
  });
}

// ── teams ─────────────────────────────────────────────────────────────────────

export async function listTeams(ctx: Ctx, tx?: Tx): Promise<Team[]> {
  return withTx(ctx, tx, (tx) => findTeams(tx));
}

async function resolveMembers(tx: Tx, members: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const m of members) {
    const u = m.includes('@') ? await findUser(tx, { email: m }) : await findUser(tx, { id: m });
    if (!u) throw notFound('user.not_found', `No user "${m}".`, { member: m });
    if (u.role === 'customer') throw invalid('team.customer_member', `${u.email} is a customer; teams are for staff.`);
    ids.push(u.id);
  }
  return [...new Set(ids)];
}

export async function saveTeam(
  ctx: Ctx, actor: Actor, input: { handle: string; name: string; kind: string; members: string[] }, tx?: Tx,
): Promise<{ team: Team; created: boolean; changed: boolean }> {
  const handle = checkHandle(input.handle);
  const kind = checkTeamKind(input.kind);
  if (!input.name.trim()) throw invalid('team.bad_name', 'A team needs a name.');
  return withTx(ctx, tx, async (tx) => {
    const memberIds = await resolveMembers(tx, input.members);
    const now = ctx.clock.now();
    const [existing] = await findTeams(tx, { handle });
    const id = existing?.id ?? newId();
    if (!existing) {
      await tx.db.insertInto('teams').values({ id, handle, name: input.name.trim(), kind, created_at: isoUtc(now) }).execute();
    }
    const before = new Set(existing?.members.map((m) => m.id) ?? []);
    const same = existing && existing.name === input.name.trim() && existing.kind === kind && before.size === memberIds.length && memberIds.every((m) => before.has(m));
    if (same) return { team: existing, created: false, changed: false };
    if (existing) await tx.db.updateTable('teams').set({ name: input.name.trim(), kind }).where('id', '=', id).execute();
    await tx.db.deleteFrom('team_members').where('team_id', '=', id).execute();
    if (memberIds.length) await tx.db.insertInto('team_members').values(memberIds.map((user_id) => ({ team_id: id, user_id }))).execute();
    await recordTimeline(tx, now, actor, { subjectType: 'team', subjectId: id, action: existing ? 'team.updated' : 'team.created', detail: { handle, members: memberIds.length } });
    announce(ctx, tx, { type: existing ? 'team.updated' : 'team.created', id });
    return { team: (await findTeams(tx, { handle }))[0], created: !existing, changed: true };
  });
}

// ── organisations ─────────────────────────────────────────────────────────────

/** The organisation's notes are the staff's (ENT-1): its own customers get the rest, never them. */
const forViewer = <T extends Organization>(actor: Actor, org: T): T => (isStaff(actor) ? org : { ...org, notes: null });

export async function listOrganizations(ctx: Ctx, actor: Actor, f: { q?: string } = {}, tx?: Tx): Promise<Organization[]> {
  if (isStaff(actor)) return withTx(ctx, tx, (tx) => findOrganizations(tx, f));
  const own = await withTx(ctx, tx, (tx) => findOrganizations(tx, { ...f, ids: actor.organizationId ? [actor.organizationId] : [] }));
  return own.map((o) => forViewer(actor, o));
}

export async function getOrganization(ctx: Ctx, actor: Actor, id: string, tx?: Tx): Promise<Organization & { requesters: User[] }> {
  if (!isStaff(actor) && actor.organizationId !== id) throw notFound('org.not_found', `No organisation with id ${id}.`);
  return withTx(ctx, tx, async (tx) => {
    const org = await findOrganization(tx, { id });
    if (!org) throw notFound('org.not_found', `No organisation with id ${id}.`);
    return { ...forViewer(actor, org), requesters: await findUsers(tx, { organizationId: id }) };
  });
}

export interface OrganizationInput {
  name: string;
  slug?: string;
  subscription?: SubscriptionInput;
  csm?: string | null; // e-mail or id
  ase?: string | null;
  notes?: string | null;
}

async function staffRef(tx: Tx, who: string | null | undefined, field: string): Promise<string | null | undefined> {
  if (who === undefined) return undefined;
  if (who === null || who === '') return null;
  const u = who.includes('@') ? await findUser(tx, { email: who }) : await findUser(tx, { id: who });
  if (!u) throw notFound('user.not_found', `${field}: no user "${who}".`, { field });
  if (u.role === 'customer') throw invalid('org.bad_staff', `${field}: ${u.email} is a customer, not staff.`, { field });
  return u.id;
}

export async function saveOrganization(
  ctx: Ctx, actor: Actor, input: OrganizationInput & { id?: string }, tx?: Tx,
): Promise<{ org: Organization; created: boolean; changed: boolean }> {
  const name = input.name?.trim();
  if (!name) throw invalid('org.bad_name', 'An organisation needs a name.');
  if (name.length > 200) throw invalid('org.bad_name', 'An organisation name has at most 200 characters.');
  return withTx(ctx, tx, async (tx) => {
    const existing = input.id ? await findOrganization(tx, { id: input.id }) : await findOrganization(tx, { slug: input.slug ?? slugify(name) });
    if (input.id && !existing) throw notFound('org.not_found', `No organisation with id ${input.id}.`);
    const sub = checkSubscription(input.subscription ?? {}, today(ctx), existing?.subscription);
    const csm = await staffRef(tx, input.csm, 'csm');
    const ase = await staffRef(tx, input.ase, 'ase');
    const slug = input.slug ? slugify(input.slug) : existing?.slug ?? slugify(name);
    const row = {
      name, slug, plan_tier: sub.planTier, support_package: sub.supportPackage, deployment: sub.deployment, starts_on: sub.startsOn,
      ends_on: sub.endsOn, trial: sub.trial ? 1 : 0, seats: sub.seats, purchased_on: sub.purchasedOn,
      csm_id: csm === undefined ? existing?.csm?.id ?? null : csm,
      ase_id: ase === undefined ? existing?.ase?.id ?? null : ase,
      notes: input.notes === undefined ? existing?.notes ?? null : input.notes,
    };
    const now = ctx.clock.now();
    if (existing) {
      const old = {
        name: existing.name, slug: existing.slug, plan_tier: existing.subscription.planTier, support_package: existing.subscription.supportPackage,
        deployment: existing.subscription.deployment, starts_on: existing.subscription.startsOn, ends_on: existing.subscription.endsOn,
        trial: existing.subscription.trial ? 1 : 0, seats: existing.subscription.seats, purchased_on: existing.subscription.purchasedOn,
        csm_id: existing.csm?.id ?? null, ase_id: existing.ase?.id ?? null, notes: existing.notes,
      } as Record<string, unknown>;
      const changed = Object.keys(row).filter((k) => (row as any)[k] !== old[k]);
      if (!changed.length) return { org: existing, created: false, changed: false };
      if (changed.includes('slug') && (await findOrganization(tx, { slug }))) throw conflict('org.slug_taken', `Another organisation already uses the slug "${slug}".`);
      await tx.db.updateTable('organizations').set({ ...row, updated_at: isoUtc(now) }).where('id', '=', existing.id).execute();
      await recordTimeline(tx, now, actor, { subjectType: 'organization', subjectId: existing.id, action: 'org.updated', detail: { changed } });
      announce(ctx, tx, { type: 'org.updated', id: existing.id, organizationId: existing.id });
      return { org: (await findOrganization(tx, { id: existing.id }))!, created: false, changed: true };
    }
    const id = newId();
    await tx.db.insertInto('organizations').values({ id, ...row, created_at: isoUtc(now), updated_at: isoUtc(now) }).execute();
    await recordTimeline(tx, now, actor, { subjectType: 'organization', subjectId: id, action: 'org.created', detail: { name } });
    announce(ctx, tx, { type: 'org.created', id, organizationId: id });
    return { org: (await findOrganization(tx, { id }))!, created: true, changed: true };
  });
}

