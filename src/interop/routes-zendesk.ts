// The Zendesk-compatible API under /api/v2, so scripts written for Zendesk keep working against
// Hotline: tickets, comments, search, bulk updates with job statuses, users/me, organisations.
// Its own room of the HTTP app: Zendesk's authentication forms (mapped to Hotline API tokens) and
// Zendesk's error bodies apply here only; the rest of the API keeps Hotline's.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireActor } from '../api/auth.ts';
import { handleError } from '../api/errors.ts';
import { isDomainError } from '../kernel/errors.ts';
import type { Ctx } from '../runtime/context.ts';
import { actorFor, authenticateToken } from '../people/index.ts';
import { parseZendeskAuth } from './zendesk-auth.ts';
import { UNAUTHENTICATED, zendeskError, type ZendeskErrorBody } from './zendesk-error.ts';
import { planPage, type PageQuery } from './zendesk-page.ts';
import * as zd from './service-zendesk.ts';
import {
  BulkBody, CursorPage, IdsQs, JobParams, NumParams, OffsetPage, PageQs, SearchQs, TicketBody, ZAudit, ZComment, zErrors, ZJobStatus,
  ZOrganization, ZSearchResult, ZTicket, ZUser,
} from './routes-zendesk-schemas.ts';

const TAGS = ['zendesk-compatible'];
const base = (req: FastifyRequest) => `${req.protocol}://${req.host}/api/v2`;
const num = (req: FastifyRequest) => Number((req.params as { id: string }).id);

/** Zendesk's answer to any credentials it does not accept. */
async function authenticate(ctx: Ctx, req: FastifyRequest, reply: FastifyReply) {
  const creds = parseZendeskAuth(req.headers.authorization);
  if (!creds) return reply.status(401).send(UNAUTHENTICATED);
  if (creds.kind === 'password') {
    return reply.status(401).send({ ...UNAUTHENTICATED, description: 'Password access is not accepted; use {email}/token:{api_token} with a Hotline API token, or the token as Bearer.' });
  }
  const user = await authenticateToken(ctx, creds.token);
  // the e-mail before /token must be the token owner's, as Zendesk checks it
  if (!user || (creds.kind === 'api_token' && user.email.toLowerCase() !== creds.email.toLowerCase())) return reply.status(401).send(UNAUTHENTICATED);
  req.actor = actorFor(user, 'api');
  req.authKind = 'token';
}

function onError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (isDomainError(err)) {
    const { status, body } = zendeskError(err);
    return reply.status(status).send(body);
  }
  if (err.validation) {
    // a malformed id in the URL names no record
    if (err.validationContext === 'params') return reply.status(404).send({ error: 'RecordNotFound', description: 'Not found' } satisfies ZendeskErrorBody);
    const v = err.validation[0] as { instancePath?: string; message?: string; keyword?: string; params?: Record<string, string> };
    const path = (v.instancePath ?? '').split('/').filter((p) => p && p !== 'ticket');
    const field = v.params?.additionalProperty ?? v.params?.missingProperty ?? path[0] ?? err.validationContext ?? 'base';
    const description = v.keyword === 'additionalProperties' ? `${field}: not supported by Hotline's Zendesk-compatible API` : `${field}: ${v.message ?? 'is invalid'}`;
    const status = err.validationContext === 'querystring' ? 400 : 422;
    return reply.status(status).send({ error: status === 400 ? 'InvalidParameter' : 'RecordInvalid', description: status === 400 ? description : 'Record validation errors', details: { [field]: [{ description, error: v.keyword === 'additionalProperties' ? 'Unsupported' : 'InvalidValue' }] } } satisfies ZendeskErrorBody);
  }
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err instanceof SyntaxError) {
    return reply.status(400).send({ error: 'InvalidJSON', description: 'The request body is not valid JSON.' } satisfies ZendeskErrorBody);
  }
  return handleError(err, req, reply);
}

const paged = <T extends Record<string, ReturnType<typeof Type.Array>>>(items: T) => Type.Object({ ...items, ...CursorPage, ...Object.fromEntries(Object.entries(OffsetPage).map(([k, v]) => [k, Type.Optional(v)])) });

export async function registerZendeskRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  await app.register(async (z) => {
    z.setErrorHandler(onError);
    z.addHook('onRequest', (req, reply) => authenticate(ctx, req, reply));
    const page = (req: FastifyRequest) => {
      const plan = planPage(req.query as PageQuery);
      if (!plan) throw zd.badCursor();
      return plan;
    };

    z.get('/api/v2/tickets.json', {
      schema: { operationId: 'zendeskListTickets', tags: TAGS, summary: 'Zendesk: list tickets (agents), oldest first; offset or cursor pages', querystring: PageQs, response: { 200: paged({ tickets: Type.Array(ZTicket) }), ...zErrors } },
    }, async (req) => zd.listTickets(ctx, requireActor(req), page(req), base(req), `${base(req)}/tickets.json`));

    z.post('/api/v2/tickets.json', {
      schema: { operationId: 'zendeskCreateTicket', tags: TAGS, summary: 'Zendesk: create a ticket (agents); the comment is its description', body: TicketBody, response: { 201: Type.Object({ ticket: ZTicket }), ...zErrors } },
    }, async (req, reply) => reply.status(201).send(await zd.createZendeskTicket(ctx, requireActor(req), (req.body as Static<typeof TicketBody>).ticket, base(req))));

    z.get('/api/v2/tickets/show_many.json', {
      schema: { operationId: 'zendeskShowManyTickets', tags: TAGS, summary: 'Zendesk: several tickets by number (those the caller may not see are left out)', querystring: IdsQs, response: { 200: Type.Object({ tickets: Type.Array(ZTicket) }), ...zErrors } },
    }, async (req) => zd.showManyTickets(ctx, requireActor(req), (req.query as Static<typeof IdsQs>).ids.split(',').map(Number), base(req)));

    z.put('/api/v2/tickets/update_many.json', {
      schema: { operationId: 'zendeskUpdateManyTickets', tags: TAGS, summary: 'Zendesk: update many tickets as one job (status, priority, tags, one comment)', querystring: IdsQs, body: BulkBody, response: { 200: Type.Object({ job_status: ZJobStatus }), ...zErrors } },
    }, async (req) => zd.startZendeskBulk(ctx, requireActor(req), (req.query as Static<typeof IdsQs>).ids.split(',').map(Number), (req.body as Static<typeof BulkBody>).ticket, base(req)));

    z.get('/api/v2/tickets/:id.json', {
      schema: { operationId: 'zendeskShowTicket', tags: TAGS, summary: 'Zendesk: one ticket by number', params: NumParams, response: { 200: Type.Object({ ticket: ZTicket }), ...zErrors } },
    }, async (req) => zd.showTicket(ctx, requireActor(req), num(req), base(req)));

    z.put('/api/v2/tickets/:id.json', {
      schema: { operationId: 'zendeskUpdateTicket', tags: TAGS, summary: 'Zendesk: change a ticket and/or add a comment (end-users: public comments only)', params: NumParams, body: TicketBody, response: { 200: Type.Object({ ticket: ZTicket, audit: ZAudit }), ...zErrors } },
    }, async (req) => zd.updateZendeskTicket(ctx, requireActor(req), num(req), (req.body as Static<typeof TicketBody>).ticket, base(req)));

    z.get('/api/v2/tickets/:id/comments.json', {
      schema: { operationId: 'zendeskListTicketComments', tags: TAGS, summary: "Zendesk: a ticket's comments (end-users: public ones)", params: NumParams, response: { 200: Type.Object({ comments: Type.Array(ZComment), ...OffsetPage }), ...zErrors } },
    }, async (req) => zd.listTicketComments(ctx, requireActor(req), num(req), base(req)));

    z.get('/api/v2/job_statuses/:id.json', {
      schema: { operationId: 'zendeskShowJobStatus', tags: TAGS, summary: 'Zendesk: progress of an update_many job', params: JobParams, response: { 200: Type.Object({ job_status: ZJobStatus }), ...zErrors } },
    }, async (req) => zd.showJobStatus(ctx, requireActor(req), (req.params as Static<typeof JobParams>).id, base(req)));

    z.get('/api/v2/search.json', {
      schema: { operationId: 'zendeskSearch', tags: TAGS, summary: "Zendesk: search tickets with Hotline's search language (Zendesk's)", querystring: SearchQs, response: { 200: Type.Object({ results: Type.Array(ZSearchResult), facets: Type.Null(), ...OffsetPage }), ...zErrors } },
    }, async (req) => {
      const qs = req.query as Static<typeof SearchQs>;
      const extra = `${qs.sort_by ? `&sort_by=${encodeURIComponent(qs.sort_by)}` : ''}${qs.sort_order ? `&sort_order=${qs.sort_order}` : ''}`;
      return zd.searchZendesk(ctx, requireActor(req), qs.query, { by: qs.sort_by, order: qs.sort_order }, page(req), base(req), `${base(req)}/search.json?query=${encodeURIComponent(qs.query)}${extra}`);
    });

    z.get('/api/v2/users/me.json', {
      schema: { operationId: 'zendeskShowMe', tags: TAGS, summary: 'Zendesk: the authenticated user', response: { 200: Type.Object({ user: ZUser }), ...zErrors } },
    }, async (req) => zd.showUser(ctx, requireActor(req), 'me', base(req)));

    z.get('/api/v2/users/:id.json', {
      schema: { operationId: 'zendeskShowUser', tags: TAGS, summary: 'Zendesk: one user (end-users: themselves)', params: NumParams, response: { 200: Type.Object({ user: ZUser }), ...zErrors } },
    }, async (req) => zd.showUser(ctx, requireActor(req), num(req), base(req)));

    z.get('/api/v2/organizations.json', {
      schema: { operationId: 'zendeskListOrganizations', tags: TAGS, summary: 'Zendesk: organisations (end-users: their own)', querystring: PageQs, response: { 200: paged({ organizations: Type.Array(ZOrganization) }), ...zErrors } },
    }, async (req) => zd.listOrganizations(ctx, requireActor(req), page(req), base(req), `${base(req)}/organizations.json`));

    z.get('/api/v2/organizations/:id.json', {
      schema: { operationId: 'zendeskShowOrganization', tags: TAGS, summary: 'Zendesk: one organisation (end-users: their own)', params: NumParams, response: { 200: Type.Object({ organization: ZOrganization }), ...zErrors } },
    }, async (req) => zd.showOrganization(ctx, requireActor(req), num(req), base(req)));

    // Any other Zendesk endpoint: Zendesk's own answer for an endpoint it does not have, so a
    // script learns at once that Hotline does not offer it (rather than Hotline's 404 shape). The
    // events intake's aliases under /api/v2 (enqueue, change/enqueue) are exact routes and still win.
    z.all('/api/v2/*', { schema: { hide: true } }, async (_req, reply) =>
      reply.status(404).send({ error: 'InvalidEndpoint', description: "Not found: Hotline's Zendesk-compatible API does not offer this endpoint (see the README's /api/v2 row)" } satisfies ZendeskErrorBody));
  });
}
