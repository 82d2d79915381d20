// HTTP surface of widespread incidents (WF-10 / PG-7).
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireActor, STAFF } from '../api/auth.ts';
import { Body, fails, IdParams, Nullable, Str } from '../api/schemas.ts';
import { invalid } from '../kernel/errors.ts';
import type { Ctx } from '../runtime/context.ts';
import { declareIncident } from './service-declare.ts';
import { CommsManagerT, registerSecurityIncidentRoutes } from './routes-security.ts';
import { DeclaredIncident, Incident, IncidentJoined, IncidentResolved, IncidentSplit, IncidentSummary } from './routes-schemas.ts';
import { declareSecurityIncident } from './service-security.ts';
import { joinIncident, resolveIncident, respondToIncident, splitFromIncident } from './service.ts';
import { listIncidentSummaries, showIncident } from './service-view.ts';

const Lit = <T extends string>(...v: T[]) => Type.Union(v.map((x) => Type.Literal(x)));
const TicketRef = Type.Union([Str(64, 1), Type.Integer({ minimum: 1 })]);
const Url = Str(2000, 8);
const DeclareBody = Body({
  number: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999_999 })), title: Type.Optional(Str(300, 1)),
  statusPageUrl: Type.Optional(Nullable(Url)), incidentIssueUrl: Type.Optional(Nullable(Url)),
  tickets: Type.Optional(Type.Array(TicketRef, { minItems: 1, maxItems: 1000 })), query: Type.Optional(Str(2000, 1)),
  // SM-7: a security incident instead of a widespread one (then communicationsManager is required)
  kind: Type.Optional(Lit('widespread', 'security')), communicationsManager: Type.Optional(CommsManagerT),
});
const RespondBody = Body({ statusPageUrl: Type.Optional(Nullable(Url)), incidentIssueUrl: Type.Optional(Nullable(Url)), requestId: Type.Optional(Str(80, 1)) });
const SplitBody = Body({ ticketIds: Type.Array(TicketRef, { minItems: 1, maxItems: 1000 }) });
const JoinBody = Body({ ticketIds: Type.Array(TicketRef, { minItems: 1, maxItems: 1000 }) });
const ResolveIncidentBody = Body({ note: Type.Optional(Str(2000, 1)) });
const IncidentListQuery = Type.Object({ state: Type.Optional(Lit('open', 'resolved')) }, { additionalProperties: false });

/** WF-10 / PG-7: widespread incidents — declare, look, join, one bulk response, split unrelated tickets out, resolve. */
export function registerIncidentRoutes(app: FastifyInstance, ctx: Ctx): void {
  const t = ['incidents'];
  app.post('/api/v1/incidents', { config: { access: STAFF }, schema: { tags: t, operationId: 'declareIncident', summary: 'WF-10: declare a widespread incident over the named tickets, a search, or the recent emergencies; kind security (SM-7) declares a security incident', body: DeclareBody, response: { 201: DeclaredIncident, ...fails(404, 409) } } }, async (req, reply) => {
    const { kind, communicationsManager, ...rest } = req.body as Static<typeof DeclareBody>;
    if (kind === 'security') {
      if (rest.number !== undefined || rest.statusPageUrl !== undefined || rest.incidentIssueUrl !== undefined) throw invalid('security_incident.bad_field', 'A security incident takes title, communicationsManager, tickets or query.');
      return reply.code(201).send(await declareSecurityIncident(ctx, requireActor(req), { ...rest, communicationsManager }));
    }
    if (communicationsManager) throw invalid('incident.bad_field', 'communicationsManager belongs to a security incident: add kind: security.');
    return reply.code(201).send(await declareIncident(ctx, requireActor(req), rest));
  });
  registerSecurityIncidentRoutes(app, ctx); // SM-7
  app.get('/api/v1/incidents', { config: { access: STAFF }, schema: { tags: t, operationId: 'listIncidents', summary: 'Widespread incidents, newest first', querystring: IncidentListQuery, response: { 200: Type.Object({ items: Type.Array(IncidentSummary) }) } } }, async (req) =>
    ({ items: await listIncidentSummaries(ctx, requireActor(req), req.query as Static<typeof IncidentListQuery>) }));
  app.get('/api/v1/incidents/:id', { config: { access: STAFF }, schema: { tags: t, operationId: 'showIncident', summary: 'One incident (id or number): its page, tickets and bulk response progress', params: IdParams, response: { 200: Incident, ...fails(404) } } }, async (req) =>
    showIncident(ctx, requireActor(req), (req.params as { id: string }).id));
  app.post('/api/v1/incidents/:id/respond', { config: { access: STAFF }, schema: { tags: t, operationId: 'respondToIncident', summary: 'WF-10: one public response to every related ticket (a bulk update job); 202 with the incident and the job\'s progress', params: IdParams, body: RespondBody, response: { 202: Incident, ...fails(404, 409) } } }, async (req, reply) =>
    reply.code(202).send(await respondToIncident(ctx, requireActor(req), (req.params as { id: string }).id, req.body as Static<typeof RespondBody>)));
  app.post('/api/v1/incidents/:id/split', { config: { access: STAFF }, schema: { tags: t, operationId: 'splitFromIncident', summary: 'WF-10 → WF-6: split unrelated tickets out; each is paged as its own emergency', params: IdParams, body: SplitBody, response: { 200: IncidentSplit, ...fails(404, 409) } } }, async (req) =>
    splitFromIncident(ctx, requireActor(req), (req.params as { id: string }).id, req.body as Static<typeof SplitBody>));
  app.post('/api/v1/incidents/:id/join', { config: { access: STAFF }, schema: { tags: t, operationId: 'joinIncident', summary: 'WF-10, PG-7: emergencies paged on their own join; their pages are acknowledged together with the incident\'s', params: IdParams, body: JoinBody, response: { 200: IncidentJoined, ...fails(404, 409) } } }, async (req) =>
    joinIncident(ctx, requireActor(req), (req.params as { id: string }).id, req.body as Static<typeof JoinBody>));
  app.post('/api/v1/incidents/:id/resolve', { config: { access: STAFF }, schema: { tags: t, operationId: 'resolveIncident', summary: 'WF-10, PG-2: resolve the incident and its page once every related ticket has a public reply (409 incident.public_reply_required)', params: IdParams, body: ResolveIncidentBody, response: { 200: IncidentResolved, ...fails(404, 409) } } }, async (req) =>
    resolveIncident(ctx, requireActor(req), (req.params as { id: string }).id, (req.body ?? {}) as Static<typeof ResolveIncidentBody>));
}
