// HTTP surface of cover requests (SM-9): ask, list (state=open for the On call page), show, accept,
// decline, withdraw. Staff only; the rules say who may ask and who may answer.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireActor, STAFF } from '../api/auth.ts';
import { Body, fails, IdParams, Str } from '../api/schemas.ts';
import { invalid } from '../kernel/errors.ts';
import { Temporal } from '../kernel/time.ts';
import type { Ctx } from '../runtime/context.ts';
import { COVER_STATES } from './cover.ts';
import { answerCoverRequest, listCoverRequests, requestCover, showCoverRequest, withdrawCoverRequest } from './service-cover.ts';

const Lit = <T extends string>(...v: T[]) => Type.Union(v.map((x) => Type.Literal(x)));
const RequestBody = Body({ start: Str(40, 1), end: Str(40, 1), ask: Type.Optional(Str(254, 3)), note: Type.Optional(Str(2000)) });
const DeclineBody = Body({ reason: Type.Optional(Str(2000)) });
const ListQuery = Type.Object({ state: Type.Optional(Lit(...COVER_STATES)) }, { additionalProperties: false });
const NStr = Type.Union([Type.String(), Type.Null()]);
const Person = Type.Union([Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }), Type.Null()]);
const Cover = Type.Object({
  id: Type.String(), number: Type.Integer(), schedule: Type.String(), state: Lit(...COVER_STATES), open: Type.Boolean(),
  requester: Person, asked: Person, answeredBy: Person, start: Type.String(), end: Type.String(), note: NStr, reason: NStr,
  overrideId: NStr, createdAt: Type.String(), answeredAt: NStr, url: Type.String(),
}, { title: 'CoverRequest' });

function instant(v: string, field: string): Temporal.Instant {
  try {
    return Temporal.Instant.from(v);
  } catch {
    throw invalid('cover.bad_instant', `${field}: "${v}" is not an instant; write ISO-8601 with a zone, e.g. 2026-11-24T18:00:00Z.`, { field, value: v });
  }
}

export function registerCoverRoutes(app: FastifyInstance, ctx: Ctx): void {
  const tags = ['escalations'];
  const config = { access: STAFF };
  const id = (req: { params: unknown }) => (req.params as { id: string }).id;
  app.post('/api/v1/cover-requests', { config, schema: { tags, operationId: 'requestCover', summary: 'SM-9: ask a named manager (ask: e-mail) or, without one, any manager to cover your support-manager on-call hours', body: RequestBody, response: { 201: Cover, ...fails(404, 409) } } }, async (req, reply) => {
    const b = req.body as Static<typeof RequestBody>;
    const c = await requestCover(ctx, requireActor(req), { start: instant(b.start, 'start'), end: instant(b.end, 'end'), ask: b.ask, note: b.note });
    return reply.code(201).send(await showCoverRequest(ctx, requireActor(req), c.id));
  });
  app.get('/api/v1/cover-requests', { config, schema: { tags, operationId: 'listCoverRequests', summary: 'SM-9: cover requests; state=open lists the unanswered ones, soonest first', querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(Cover) }) } } }, async (req) =>
    ({ items: await listCoverRequests(ctx, requireActor(req), req.query as Static<typeof ListQuery>) }));
  app.get('/api/v1/cover-requests/:id', { config, schema: { tags, operationId: 'showCoverRequest', summary: 'SM-9: one cover request (number or id)', params: IdParams, response: { 200: Cover, ...fails(404) } } }, async (req) => showCoverRequest(ctx, requireActor(req), id(req)));
  app.post('/api/v1/cover-requests/:id/accept', { config, schema: { tags, operationId: 'acceptCoverRequest', summary: 'SM-9: accept: an override makes you the support manager on call for those hours; the requester is told', params: IdParams, response: { 200: Cover, ...fails(404, 409) } } }, async (req) => {
    const c = await answerCoverRequest(ctx, requireActor(req), id(req), 'accept');
    return showCoverRequest(ctx, requireActor(req), c.id);
  });
  app.post('/api/v1/cover-requests/:id/decline', { config, schema: { tags, operationId: 'declineCoverRequest', summary: 'SM-9: the manager asked declines (optional reason); the requester is told', params: IdParams, body: DeclineBody, response: { 200: Cover, ...fails(404, 409) } } }, async (req) => {
    const c = await answerCoverRequest(ctx, requireActor(req), id(req), 'decline', (req.body as Static<typeof DeclineBody>) ?? {});
    return showCoverRequest(ctx, requireActor(req), c.id);
  });
  app.post('/api/v1/cover-requests/:id/withdraw', { config, schema: { tags, operationId: 'withdrawCoverRequest', summary: 'SM-9: the requester withdraws an unanswered request; the manager asked (or, for an open one, every manager) is told', params: IdParams, response: { 200: Cover, ...fails(404, 409) } } }, async (req) => {
    const c = await withdrawCoverRequest(ctx, requireActor(req), id(req));
    return showCoverRequest(ctx, requireActor(req), c.id);
  });
}
