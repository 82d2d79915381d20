// Authentication and role checks for every route, in one place. A route declares who may call
// it in `config.access`; everything else (cookie vs token, CSRF, customer scoping of the actor)
// happens here, so no handler can forget it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STAFF_ROLES, type Actor, type Role } from '../kernel/actor.ts';
import { actorFor, authenticateSession, authenticateToken } from '../people/index.ts';
import type { Ctx } from '../runtime/context.ts';
import { errorBody } from './errors.ts';

export const SESSION_COOKIE = 'hotline_session';

/** Who may call a route: nobody signed in needed, any signed-in user, or these roles. */
export type Access = 'public' | 'user' | readonly Role[];
export const STAFF: readonly Role[] = STAFF_ROLES;
export const MANAGERS: readonly Role[] = ['admin', 'manager'];
export const ADMINS: readonly Role[] = ['admin'];

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    authKind: 'session' | 'token' | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new Error('route reached without an actor; check its access config');
  return req.actor;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The token of an "Authorization: Bearer <token>" header, parsed strictly (one space, a token68
 * per RFC 6750; the scheme name is case-insensitive). Anything else is malformed: null. Rate limits
 * key on this value, never on the raw header, so spelling the header differently is no fresh bucket.
 */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(header);
  return m ? m[1] : null;
}

export function registerAuth(app: FastifyInstance, ctx: Ctx): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('authKind', null);

  // onRequest: before the body is even parsed, so an anonymous caller learns nothing from validation
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const access: Access | undefined = req.routeOptions.config?.access;
    if (access === undefined) return; // routes outside /api (static files, ops) declare nothing
    const header = req.headers.authorization;
    if (header) {
      const token = bearerToken(header);
      const user = token ? await authenticateToken(ctx, token) : null;
      if (!user) return reply.status(401).send(errorBody('auth.invalid_token', 'The API token is unknown, revoked or malformed. Create one with `hotline token create`.'));
      req.actor = actorFor(user, 'api');
      req.authKind = 'token';
    } else {
      const cookie = req.cookies?.[SESSION_COOKIE];
      const s = cookie ? await authenticateSession(ctx, cookie) : null;
      if (s) {
        req.actor = actorFor(s.user, 'web');
        req.csrfToken = s.csrfToken;
        req.authKind = 'session';
      }
    }
    if (access === 'public') return;
    if (!req.actor) return reply.status(401).send(errorBody('auth.required', 'Sign in first, or send an API token as "Authorization: Bearer …".'));
    if (req.authKind === 'session' && MUTATING.has(req.method) && req.headers['x-csrf-token'] !== req.csrfToken) {
      return reply.status(403).send(errorBody('auth.csrf', 'Missing or wrong x-csrf-token header; reload the page and try again.'));
    }
    if (access !== 'user' && !access.includes(req.actor.role as Role)) {
      return reply.status(403).send(errorBody('auth.forbidden', `This needs the role ${access.join(' or ')}; you are signed in as ${req.actor.role}.`));
    }
  });
}
