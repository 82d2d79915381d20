// Sign-in for people (password → HTTP-only session cookie + CSRF token) and for scripts (API
// tokens shown once, stored hashed, revocable). Both end in the same Actor.
import type { Actor, Via } from '../kernel/actor.ts';
import { conflict, forbidden, invalid, notFound, unauthenticated } from '../kernel/errors.ts';
import { newId, newSecret } from '../kernel/ids.ts';
import { isoUtc } from '../kernel/time.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import { recordTimeline } from '../store/timeline.ts';
import { readTx, type Tx } from '../store/tx.ts';
import { DUMMY_PASSWORD_HASH, hashSecret, verifyPassword } from './password.ts';
import { findPasswordHash, findUser } from './store.ts';
import type { User } from './user.ts';

export const SESSION_HOURS = 12;

export function actorFor(user: Pick<User, 'id' | 'role' | 'organizationId' | 'name'>, via: Via): Actor {
  return { kind: 'user', userId: user.id, role: user.role, organizationId: user.organizationId, name: user.name, via };
}

export async function login(ctx: Ctx, email: string, password: string): Promise<{ user: User; session: string; csrfToken: string; expiresAt: string }> {
  const wrong = () => unauthenticated('auth.invalid_credentials', 'That e-mail and password do not match an active account. Check both, or ask an admin to reset your password.');
  const found = await withTx(ctx, undefined, (tx) => findPasswordHash(tx, email.trim()));
  // the same scrypt work whether or not the account exists (no e-mail enumeration by timing)
  const usable = !!found && found.active && !!found.hash;
  const matches = await verifyPassword(password, usable ? found.hash : DUMMY_PASSWORD_HASH);
  if (!usable || !matches) throw wrong();
  const session = newSecret(32);
  const csrfToken = newSecret(24);
  const now = ctx.clock.now();
  const expiresAt = isoUtc(now.add({ hours: SESSION_HOURS }));
  return withTx(ctx, undefined, async (tx) => {
    await tx.db.insertInto('sessions').values({ id_hash: hashSecret(session), user_id: found.id, csrf_token: csrfToken, created_at: isoUtc(now), expires_at: expiresAt }).execute();
    const user = (await findUser(tx, { id: found.id }))!;
    await recordTimeline(tx, now, actorFor(user, 'web'), { subjectType: 'user', subjectId: user.id, action: 'auth.login' });
    return { user, session, csrfToken, expiresAt };
  });
}

export async function logout(ctx: Ctx, session: string): Promise<void> {
  await ctx.db.kysely.deleteFrom('sessions').where('id_hash', '=', hashSecret(session)).execute();
}

export async function authenticateSession(ctx: Ctx, session: string): Promise<{ user: User; csrfToken: string } | null> {
  const row = await ctx.db.kysely
    .selectFrom('sessions')
    .select(['user_id', 'csrf_token', 'expires_at'])
    .where('id_hash', '=', hashSecret(session))
    .executeTakeFirst();
  if (!row || row.expires_at <= isoUtc(ctx.clock.now())) return null;
  const user = await findUser(readTx(ctx.db), { id: row.user_id });
  if (!user?.active) return null;
  return { user, csrfToken: row.csrf_token };
}

const TOKEN_PREFIX = 'hl_';

export async function authenticateToken(ctx: Ctx, token: string): Promise<User | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await ctx.db.kysely
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'revoked_at', 'last_used_at'])
    .where('token_hash', '=', hashSecret(token))
    .executeTakeFirst();
  if (!row || row.revoked_at) return null;
  const user = await findUser(readTx(ctx.db), { id: row.user_id });
  if (!user?.active) return null;
  const now = ctx.clock.now();
  // last use is for people auditing tokens, minute precision is enough and spares a write per call
  if (!row.last_used_at || minutesSince(row.last_used_at, now.epochMilliseconds) >= 1) {
    await ctx.db.kysely.updateTable('api_tokens').set({ last_used_at: isoUtc(now) }).where('id', '=', row.id).execute();
  }
  return user;
}

function minutesSince(iso: string, nowMs: number): number {
  return (nowMs - Date.parse(iso)) / 60_000;
}

export interface TokenInfo {
  id: string;
  name: string;
  prefix: string;
  userId: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function createToken(ctx: Ctx, actor: Actor, input: { name: string; userId?: string }, tx?: Tx): Promise<TokenInfo & { token: string }> {
  const name = input.name?.trim();
  if (!name) throw invalid('token.bad_name', 'A token needs a name that says what uses it, e.g. "ci" or "alertmanager".');
  const userId = input.userId ?? actor.userId;
  if (!userId) throw invalid('token.no_user', 'Say which user the token acts as.');
  if (userId !== actor.userId && actor.role !== 'admin' && actor.role !== 'system') throw forbidden('token.not_allowed', 'Only an admin can create tokens for someone else.');
  const secret = `${TOKEN_PREFIX}${newSecret(30)}`;
  return withTx(ctx, tx, (tx) => insertToken(ctx, tx, actor, userId, name, secret));
}

async function insertToken(ctx: Ctx, tx: Tx, actor: Actor, userId: string, name: string, secret: string): Promise<TokenInfo & { token: string }> {
  if (!(await findUser(tx, { id: userId }))) throw notFound('user.not_found', `No user with id ${userId}.`);
  const hash = hashSecret(secret);
  if (await tx.db.selectFrom('api_tokens').select('id').where('token_hash', '=', hash).executeTakeFirst()) {
    throw conflict('token.exists', 'That token is already registered.');
  }
  const now = ctx.clock.now();
  const id = newId();
  const prefix = secret.slice(0, 9);
  await tx.db.insertInto('api_tokens').values({ id, user_id: userId, name, token_hash: hash, prefix, created_at: isoUtc(now) }).execute();
  await recordTimeline(tx, now, actor, { subjectType: 'user', subjectId: userId, action: 'token.created', detail: { name, prefix } });
  return { id, name, prefix, userId, createdAt: isoUtc(now), lastUsedAt: null, revokedAt: null, token: secret };
}

export async function listTokens(ctx: Ctx, actor: Actor, userId?: string): Promise<TokenInfo[]> {
  const target = userId ?? actor.userId;
  if (target !== actor.userId && actor.role !== 'admin') throw forbidden('token.not_allowed', "Only an admin can see other people's tokens.");
  const rows = await ctx.db.kysely.selectFrom('api_tokens').selectAll().where('user_id', '=', target).orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, prefix: r.prefix, userId: r.user_id, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
}

export async function revokeToken(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  await withTx(ctx, undefined, async (tx) => {
    const row = await tx.db.selectFrom('api_tokens').select(['user_id', 'revoked_at', 'name']).where('id', '=', id).executeTakeFirst();
    if (!row || (row.user_id !== actor.userId && actor.role !== 'admin')) throw notFound('token.not_found', `No token with id ${id}.`);
    if (row.revoked_at) throw conflict('token.already_revoked', 'That token is already revoked.');
    const now = ctx.clock.now();
    await tx.db.updateTable('api_tokens').set({ revoked_at: isoUtc(now) }).where('id', '=', id).execute();
    await recordTimeline(tx, now, actor, { subjectType: 'user', subjectId: row.user_id, action: 'token.revoked', detail: { name: row.name } });
  });
}

/**
 * Unattended installs: the first admin from the environment. Idempotent; the given token is
 * registered as-is so the operator's automation already knows it. Secrets are never logged.
 */
export async function bootstrapAdmin(
  ctx: Ctx, actor: Actor, env: { email?: string; password?: string; token?: string },
  create: (tx: Tx) => Promise<User>,
): Promise<{ created: boolean; tokenRegistered: boolean } | null> {
  if (!env.email) return null;
  return withTx(ctx, undefined, async (tx) => {
    let user = await findUser(tx, { email: env.email! });
    const created = !user;
    if (!user) user = await create(tx);
    if (user.role !== 'admin') throw conflict('bootstrap.not_admin', `${user.email} exists and is not an admin.`);
    let tokenRegistered = false;
    if (env.token) {
      if (!env.token.startsWith(TOKEN_PREFIX) || env.token.length < 24) {
        throw invalid('bootstrap.bad_token', `HOTLINE_ADMIN_TOKEN must start with "${TOKEN_PREFIX}" and have at least 24 characters.`);
      }
      const known = await tx.db.selectFrom('api_tokens').select('id').where('token_hash', '=', hashSecret(env.token)).executeTakeFirst();
      if (!known) {
        await insertToken(ctx, tx, actor, user.id, 'bootstrap', env.token);
        tokenRegistered = true;
      }
    }
    return { created, tokenRegistered };
  });
}
