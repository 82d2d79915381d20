// HTTP surface of security incidents (SM-7), beside the widespread incidents': declared with
// POST /api/v1/incidents {kind: 'security'} or here; staff only (customers get 403 at the door).
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireActor, STAFF } from '../api/auth.ts';
import { Body, fails, IdParams, Str } from '../api/schemas.ts';
import type { Ctx } from '../runtime/context.ts';
import { SecurityIncident, SecurityIncidentSummary } from './routes-schemas.ts';
import { addSecurityIncidentTickets, declareSecurityIncident, listSecurityIncidentSummaries, resolveSecurityIncident, respondToSecurityIncident, showSecurityIncident } from './service-security.ts';

const TicketRef = Type.Union([Str(64, 1), Type.Integer({ minimum: 1 })]);
export const CommsManagerT = Type.Object({ email: Type.Optional(Str(254, 3)), name: Type.Optional(Str(200, 1)) }, { additionalProperties: false });
const DeclareBody = Body({ title: Type.Optional(Str(300, 1)), communicationsManager: CommsManagerT, tickets: Type.Optional(Type.Array(TicketRef, { minItems: 1, maxItems: 1000 })), query: Type.Optional(Str(2000, 1)) });
const GatherBody = Body({ tickets: Type.Optional(Type.Array(TicketRef, { minItems: 1, maxItems: 1000 })), query: Type.Optional(Str(2000, 1)) });
const RespondBody = Body({ text: Str(65_536, 1), requestId: Type.Optional(Str(80, 1)) });
const ResolveBody = Body({ note: Type.Optional(Str(2000, 1)) });
const ListQuery = Type.Object({ state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved')])) }, { additionalProperties: false });

export function registerSecurityIncidentRoutes(app: FastifyInstance, ctx: Ctx): void {
  const tags = ['incidents'];
  const config = { access: STAFF };
  const id = (req: { params: unknown }) => (req.params as { id: string }).id;
  app.post('/api/v1/security-incidents', { config, schema: { tags, operationId: 'declareSecurityIncident', summary: 'SM-7: declare a security incident: the communications manager named (staff e-mail or outside contact), the affected tickets by hand or by search; the manager on call coordinates', body: DeclareBody, response: { 201: SecurityIncident, ...fails(404, 409) } } }, async (req, reply) =>
    reply.code(201).send(await declareSecurityIncident(ctx, requireActor(req), req.body as Static<typeof DeclareBody>)));
  app.get('/api/v1/security-incidents', { config, schema: { tags, operationId: 'listSecurityIncidents', summary: 'SM-7: security incidents, newest first', querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(SecurityIncidentSummary) }) } } }, async (req) =>
    ({ items: await listSecurityIncidentSummaries(ctx, requireActor(req), (req.query as Static<typeof ListQuery>).state) }));
  app.get('/api/v1/security-incidents/:id', { config, schema: { tags, operationId: 'showSecurityIncident', summary: 'SM-7: one security incident (number, S-number or id): coordinator, communications manager, tickets, bulk response, timeline', params: IdParams, response: { 200: SecurityIncident, ...fails(404) } } }, async (req) =>
    showSecurityIncident(ctx, requireActor(req), id(req)));
  app.post('/api/v1/security-incidents/:id/tickets', { config, schema: { tags, operationId: 'addSecurityIncidentTickets', summary: 'SM-7: gather more affected tickets, by hand or by search', params: IdParams, body: GatherBody, response: { 200: SecurityIncident, ...fails(404, 409) } } }, async (req) =>
    addSecurityIncidentTickets(ctx, requireActor(req), id(req), req.body as Static<typeof GatherBody>));
  app.post('/api/v1/security-incidents/:id/respond', { config, schema: { tags, operationId: 'respondToSecurityIncident', summary: 'SM-7: the manager on call sends ONE public response to every affected ticket not yet answered (a bulk update job)', params: IdParams, body: RespondBody, response: { 202: SecurityIncident, ...fails(404, 409) } } }, async (req, reply) =>
    reply.code(202).send(await respondToSecurityIncident(ctx, requireActor(req), id(req), req.body as Static<typeof RespondBody>)));
  app.post('/api/v1/security-incidents/:id/resolve', { config, schema: { tags, operationId: 'resolveSecurityIncident', summary: 'SM-7: resolve the security incident', params: IdParams, body: ResolveBody, response: { 200: SecurityIncident, ...fails(404, 409) } } }, async (req) =>
    resolveSecurityIncident(ctx, requireActor(req), id(req), (req.body ?? {}) as Static<typeof ResolveBody>));
}
