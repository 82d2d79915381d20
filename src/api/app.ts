// The HTTP application: every capability registers its routes here, behind one error mapper,
// one auth/role check, OpenAPI and rate limiting.
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger, { type FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Ctx } from '../runtime/context.ts';
import type { Capability } from '../runtime/capability.ts';
import { registerWorkspaceRoutes } from '../workspace/index.ts';
import { hashSecret } from '../people/index.ts';
import { openApiWebhooks } from '../webhooks/index.ts';
import { bearerToken, registerAuth, type Access } from './auth.ts';
import { errorBody, handleClientError, handleError, handleFrameworkError } from './errors.ts';
import { registerLive } from './live.ts';
import { declareCommonErrors, namedComponents, namedWildcards, type OpenApiDoc } from './openapi.ts';
import { registerOps } from './ops.ts';
import { registerWeb } from './web.ts';
import { Meta } from './schemas.ts';

export interface AppOptions {
  /** The node's capabilities, whose routes are registered in this order. */
  plugs: readonly Capability[];
  version: string;
  webDir: string;
  logLevel?: string;
  engineRunning: () => boolean;
  rateLimits?: { login?: { max: number; timeWindow: string }; token?: { max: number; timeWindow: string } };
  /** Where the request log goes (default: standard output). */
  logStream?: { write(line: string): void };
}

/**
 * Request logs never carry a secret that sits in the URL: a calendar feed's address is its only
 * credential (SCH-11, /cal/<secret>.ics), so it is logged as /cal/[redacted].
 */
export function redactUrl(url: string): string {
  return url.replace(/^\/cal\/[^?#]*/, '/cal/[redacted]');
}

export interface RouteInfo {
  method: string;
  url: string;
  access: Access | undefined;
}

export async function buildApp(ctx: Ctx, opts: AppOptions): Promise<FastifyInstance & { routeTable: RouteInfo[] }> {
  const app = Fastify({
    logger: {
      level: opts.logLevel ?? 'info',
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      serializers: {
        req: (req) => ({ method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort }),
      },
      ...(opts.logStream ? { stream: opts.logStream } : {}),
    },
    bodyLimit: 1024 * 1024,
    // every error, even those met before routing, is `{error:{code,message}}`
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: handleClientError,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: false } },
  });
  const routeTable: RouteInfo[] = [];
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const m of methods) if (m !== 'HEAD') routeTable.push({ method: m, url: r.url, access: (r.config as any)?.access });
    declareCommonErrors(r);
  });
  app.setErrorHandler(handleError);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Hotline API', version: opts.version, license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' }, description: 'On-call schedules, paging, the emergency helpdesk and its thread. Errors are `{error:{code,message}}`.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'hotline_session' } } },
      security: [{ bearer: [] }, { session: [] }],
      servers: [{ url: '/', description: 'This Hotline server (paths are relative to where this document is served)' }],
    },
    // OpenAPI 3.1 describes what Hotline sends as well as what it answers: the event webhooks' bodies
    transformObject: (d) => ({ ...namedComponents(namedWildcards(('openapiObject' in d ? d.openapiObject : d.swaggerObject) as unknown as OpenApiDoc)), webhooks: openApiWebhooks() }) as ReturnType<NonNullable<FastifyDynamicSwaggerOptions['transformObject']>>,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: true,
    max: opts.rateLimits?.token?.max ?? 6000,
    timeWindow: opts.rateLimits?.token?.timeWindow ?? '1 minute',
    // tokens are limited per token; browsers and unauthenticated calls only where a route says so.
    // The key is the parsed token, never the raw header (another spelling must not be a fresh
    // bucket); a malformed header counts against the caller's address.
    // Sign-in-free requests, and Opsgenie-style intake (a GenieKey is an integration key, not a
    // token: the intake limits each key itself and answers in Opsgenie's shape).
    allowList: (req) => (!req.headers.authorization || (req.url.startsWith('/v2/alerts') && /^GenieKey\s/i.test(req.headers.authorization))) && !(req.routeOptions.config as any)?.rateLimit,
    keyGenerator: (req) => {
      const token = bearerToken(req.headers.authorization);
      return token ? `token:${hashSecret(token)}` : `ip:${req.ip}`;
    },
    errorResponseBuilder: (_req, c) => ({ statusCode: 429, ...errorBody('rate_limited', `Too many requests; try again in ${Math.ceil(c.ttl / 1000)} s.`) }),
  });
  registerAuth(app, ctx);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/api/v1/meta', { config: { access: 'public' }, schema: { tags: ['meta'], operationId: 'getMeta', summary: 'Name, version and database engine', response: { 200: Meta } } }, async () => ({
    name: 'Hotline', version: opts.version, database: ctx.db.engine,
  }));
  registerOps(app, ctx, opts.engineRunning);
  registerLive(app, ctx);
  app.decorate('hotlineLoginRateLimit', opts.rateLimits?.login ?? { max: 10, timeWindow: '1 minute' });
  for (const c of opts.plugs) await c.routes?.(app, ctx);
  registerWorkspaceRoutes(app, ctx);
  await registerWeb(app, opts.webDir);
  await app.ready();
  return Object.assign(app, { routeTable }) as unknown as FastifyInstance & { routeTable: RouteInfo[] };
}
