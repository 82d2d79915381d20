// HTTP surface of support escalations (SM-1..SM-3). Staff only: a customer is refused (403) at the door.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireActor, STAFF } from '../api/auth.ts';
import { Body, fails, IdParams, Str, ThreadEntry, TimelineEntry } from '../api/schemas.ts';
import { BAD_PERIOD, HistoryFields, pageOf, periodOf } from '../api/history.ts';
import type { Ctx } from '../runtime/context.ts';
import { URGENCIES, URGENCY_DEFINITIONS, SUGGESTED_LABELS } from './escalation.ts';
import { fileEscalation } from './service-file.ts';
import { acknowledgeEscalation, applyEscalatedTicketMacro, assignEscalation, noteOnEscalation, openHelpThread, rejectEscalation, resolveEscalation } from './service-handle.ts';
import { listEscalationHistory, showEscalation, suggestOwners } from './service-view.ts';
import { firstResponseStatus } from './service-watch.ts';

const Lit = <T extends string>(...v: T[]) => Type.Union(v.map((x) => Type.Literal(x)));
const UrgencyT = Lit(...URGENCIES);
const FileBody = Body({
  ticket: Type.Optional(Type.Union([Str(64, 1), Type.Integer({ minimum: 1 })])), title: Type.Optional(Str(300, 1)),
  need: Str(4000, 1), businessCase: Str(4000, 1), urgency: UrgencyT,
});
const ListQuery = Type.Object({
  state: Type.Optional(Lit('open', 'ended', 'filed', 'acknowledged', 'assigned', 'resolved', 'rejected')), ticket: Type.Optional(Str(64, 1)),
  // RP-3 history: the person who filed, the manager or the owner; the ticket's organisation; the period filed in; words or number
  userId: Type.Optional(Str(64, 1)), organizationId: Type.Optional(Str(64, 1)), ...HistoryFields,
}, { additionalProperties: false });
const NoteBody = Body({ text: Str(8000, 1) });
const HelpBody = Body({ text: Str(8000, 1), channel: Type.Optional(Str(80, 1)) });
const AssignBody = Body({ owner: Str(254, 1) });
const ResolveBody = Body({ comment: Type.Optional(Str(8000)), labels: Type.Optional(Type.Array(Str(60, 1), { maxItems: 20 })) });
const RejectBody = Body({ reason: Type.Optional(Str(4000)) });
const SuggestQuery = Type.Object({ subject: Type.Optional(Str(400, 1)), region: Type.Optional(Str(40, 1)), limit: Type.Optional(Type.String({ pattern: '^([1-9]|[1-4][0-9]|50)$', description: '1 to 50' })) }, { additionalProperties: false });

const Person = Type.Union([Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }), Type.Null()]);
const NStr = Type.Union([Type.String(), Type.Null()]);
const Summary = Type.Object({
  id: Type.String(), number: Type.Integer(), kind: Lit('ticket', 'internal'),
  ticket: Type.Union([Type.Object({ id: Type.String(), number: Type.Union([Type.Integer(), Type.Null()]), subject: NStr }), Type.Null()]),
  title: Type.String(), need: Type.String(), businessCase: Type.String(), urgency: UrgencyT,
  state: Lit('filed', 'acknowledged', 'assigned', 'resolved', 'rejected'), channel: Type.String(),
  initiator: Person, manager: Person, owner: Person, labels: Type.Array(Type.String()), reason: NStr,
  createdAt: Type.String(), acknowledgedAt: NStr, assignedAt: NStr, closedAt: NStr, updatedAt: Type.String(), version: Type.Integer(), url: Type.String(),
}, { title: 'EscalationSummary' });
const Detail = Type.Composite([Summary, Type.Object({
  urgencyDefinition: Type.String(), thread: Type.Array(ThreadEntry), helpThreads: Type.Array(Type.Object({ channel: Type.String(), entries: Type.Array(ThreadEntry) })),
  timeline: Type.Array(TimelineEntry),
})], { title: 'Escalation' });
const Suggestions = Type.Object({
  subjects: Type.Array(Type.String()),
  items: Type.Array(Type.Object({ userId: Type.String(), email: Type.String(), name: Type.String(), region: NStr, subject: Type.String(), level: Lit('expert', 'proficient', 'learning'), onShift: Type.Boolean(), inWorkingHours: Type.Boolean(), why: Type.String() })),
});
const FirstResponse = Type.Object({
  marginMinutes: Type.Integer(),
  regions: Type.Array(Type.Object({ region: Type.String(), count: Type.Integer(), threshold: Type.Integer(), channel: Type.String(), building: Type.Boolean(), toldAt: NStr, tickets: Type.Array(Type.Object({ number: Type.Integer(), dueAt: Type.String() })) })),
});
const Definitions = Type.Object({ urgencies: Type.Array(Type.Object({ urgency: UrgencyT, definition: Type.String() })), labels: Type.Array(Type.String()) });

/** SM-1..SM-3: file, list, show, acknowledge, macro, thread, help thread, suggestions, assign, resolve, reject. */
export function registerEscalationRoutes(app: FastifyInstance, ctx: Ctx): void {
  const tags = ['escalations'];
  const id = (req: { params: unknown }) => (req.params as { id: string }).id;
  const show = (req: { params: unknown; actor?: unknown }, a = requireActor(req as never)) => showEscalation(ctx, a, id(req));
  const config = { access: STAFF };
  app.get('/api/v1/escalations/definitions', { config, schema: { tags, operationId: 'escalationDefinitions', summary: 'SM-1: the urgency definitions the form shows, and the suggested resolution labels', response: { 200: Definitions } } }, async () =>
    ({ urgencies: URGENCIES.map((u) => ({ urgency: u, definition: URGENCY_DEFINITIONS[u] })), labels: [...SUGGESTED_LABELS] }));
  app.post('/api/v1/escalations', { config, schema: { tags, operationId: 'fileEscalation', summary: 'SM-1: file an escalation for a ticket (or an internal request); 409 escalation.already_open names the open one', body: FileBody, response: { 201: Detail, ...fails(404, 409) } } }, async (req, reply) => {
    const e = await fileEscalation(ctx, requireActor(req), req.body as Static<typeof FileBody>);
    return reply.code(201).send(await showEscalation(ctx, requireActor(req), e.id));
  });
  app.get('/api/v1/escalations', { config, schema: { tags, operationId: 'listEscalations', summary: 'Escalations in any state, newest first (state open = filed, acknowledged or assigned; ended = resolved or rejected), with the RP-3 history filters, search and nextOffset', querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(Summary), nextOffset: Type.Union([Type.Integer(), Type.Null()]) }), ...fails(400) } } }, async (req, reply) => {
    const q = req.query as Static<typeof ListQuery>;
    const period = periodOf(q);
    if (!period) return reply.status(400).send({ error: { code: 'escalation.bad_period', message: BAD_PERIOD } });
    return listEscalationHistory(ctx, requireActor(req), { state: q.state, ticket: q.ticket, userId: q.userId, organizationId: q.organizationId, text: q.q, ...period, ...pageOf(q) });
  });
  app.get('/api/v1/escalations/first-response', { config, schema: { tags, operationId: 'firstResponseWatch', summary: 'SM-10: per region, the new tickets without a first reply within the margin of their target, the threshold, and whether a build-up was told', response: { 200: FirstResponse } } }, async () => firstResponseStatus(ctx));
  app.get('/api/v1/escalations/:id', { config, schema: { tags, operationId: 'showEscalation', summary: 'One escalation (number or id): its thread, help threads and timeline', params: IdParams, response: { 200: Detail, ...fails(404) } } }, async (req) => show(req));
  const action = (path: string, operationId: string, summary: string, body: ReturnType<typeof Body> | null, run: (req: any) => Promise<unknown>) =>
    app.post(`/api/v1/escalations/:id/${path}`, { config, schema: { tags, operationId, summary, params: IdParams, ...(body ? { body } : {}), response: { 200: Detail, ...fails(404, 409) } } }, async (req) => {
      await run(req);
      return show(req);
    });
  action('acknowledge', 'acknowledgeEscalation', 'SM-2: the manager acknowledges ("eyes") and becomes its manager', null, (req) => acknowledgeEscalation(ctx, requireActor(req), id(req)));
  action('macro', 'applyEscalatedTicketMacro', 'SM-2: the escalated-ticket macro: tag the ticket `escalated` and cross-link it, in one step', null, (req) => applyEscalatedTicketMacro(ctx, requireActor(req), id(req)));
  action('thread', 'noteOnEscalation', 'SM-2: a question or answer in the escalation thread (any staff member)', NoteBody, (req) => noteOnEscalation(ctx, requireActor(req), id(req), req.body.text));
  action('help-thread', 'openEscalationHelpThread', 'SM-2: open a help thread in a product channel; the escalation thread says where technical discussion lives', HelpBody, (req) => openHelpThread(ctx, requireActor(req), id(req), req.body));
  action('assign', 'assignEscalation', 'SM-2: assign an owner (the ticket is assigned to them too)', AssignBody, (req) => assignEscalation(ctx, requireActor(req), id(req), req.body));
  action('resolve', 'resolveEscalation', 'SM-3: resolve: the next step is under way; optional labels (License-Issue, Response-Time) and a closing comment', ResolveBody, (req) => resolveEscalation(ctx, requireActor(req), id(req), req.body ?? {}));
  action('reject', 'rejectEscalation', 'SM-3: reject with a reason (required); the initiator is told in the thread and directly', RejectBody, (req) => rejectEscalation(ctx, requireActor(req), id(req), req.body ?? {}));
  app.get('/api/v1/escalations/:id/suggestions', { config, schema: { tags, operationId: 'suggestEscalationOwners', summary: 'SM-2: owners from the skills directory, ranked for the ticket\'s form (or ?subject=a,b) and who is working now', params: IdParams, querystring: SuggestQuery, response: { 200: Suggestions, ...fails(404) } } }, async (req) => {
    const q = req.query as Static<typeof SuggestQuery>;
    return suggestOwners(ctx, requireActor(req), id(req), { subjects: q.subject?.split(',').map((s) => s.trim()).filter(Boolean), region: q.region, limit: q.limit === undefined ? undefined : Number(q.limit) });
  });
}
