// HTTP surface of the emergency workflow: the board, one emergency, and the engineer's actions.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { MANAGERS, requireActor, STAFF } from '../api/auth.ts';
import { Body, fails, IdParams, Nullable, Str, ThreadEntry } from '../api/schemas.ts';
import { BAD_PERIOD, HistoryFields, pageOf, periodOf } from '../api/history.ts';
import type { Ctx } from '../runtime/context.ts';
import * as svc from './service-actions.ts';
import { resolveEmergencyPage } from './service-page.ts';
import { bridgeOfTicket, setBridge } from './service-bridge.ts';
import { BridgeView, CallAllowed, Emergency, EmergencyActionResult, EmergencyList } from './routes-schemas.ts';

const Lit = <T extends string>(...v: T[]) => Type.Union(v.map((x) => Type.Literal(x)));
const Prio = Lit('low', 'normal', 'high', 'urgent');
const TicketRef = Type.Union([Str(64, 1), Type.Integer({ minimum: 1 })]);
const QualifyBody = Body({
  verdict: Lit('strict', 'exception', 'needs_more_info', 'not_emergency'),
  criterion: Type.Optional(Lit('financial_impact', 'unusable_for_business', 'legal', 'audit', 'security')),
  message: Type.Optional(Str(10000, 1)), relatedTicket: Type.Optional(Type.Union([TicketRef, Type.Null()])), downgradePriority: Type.Optional(Prio),
});
const ResolveBody = Body({
  followUp: Type.Union([
    Type.Object({ kind: Type.Literal('existing'), ticket: TicketRef, priority: Type.Optional(Prio) }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('new'), subject: Str(500, 1), priority: Prio, owner: Type.Optional(Nullable(Str(254, 1))) }, { additionalProperties: false }),
    Type.Object({ kind: Type.Literal('none') }, { additionalProperties: false }),
  ]),
  summary: Type.Optional(Str(10000, 1)), followUpNote: Type.Optional(Str(10000, 1)), pairing: Type.Optional(Type.Array(Str(254, 3), { maxItems: 20 })),
});
const PostCallBody = Body({ summary: Str(10000, 1), internalNotes: Type.Optional(Nullable(Str(10000))), resolved: Type.Boolean(), nonEmergencyTicket: Type.Optional(Type.Union([TicketRef, Type.Null()])) });
const StuckBody = Body({ action: Lit('manager_on_call', 'developer_escalation') });
const HandoffBody = Body({ replacement: Type.Optional(Nullable(Str(254, 3))) });
const NoteBody = Body({ text: Str(10000, 1) });
const BridgeBody = Body({ url: Nullable(Str(4000)) });
const ListQuery = Type.Object({
  all: Type.Optional(Lit('true', 'false')),
  // RP-3 history: any of these lists emergencies newest first, a page at a time, with nextOffset
  state: Type.Optional(Lit('open', 'resolved', 'not_paged', 'ended', 'all')),
  owner: Type.Optional(Str(254, 1)), organizationId: Type.Optional(Str(64, 1)), serviceId: Type.Optional(Str(64, 1)), ...HistoryFields,
}, { additionalProperties: false });
const HISTORY_KEYS = ['state', 'owner', 'organizationId', 'serviceId', 'from', 'to', 'q', 'limit', 'offset'] as const;
const STATES = { open: ['open'], resolved: ['resolved'], not_paged: ['not_paged'], ended: ['resolved', 'not_paged'], all: undefined } as const;


const tags = ['emergencies'];

export function registerEmergencyRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.get('/api/v1/emergencies', { config: { access: STAFF }, schema: { tags, operationId: 'listEmergencies', summary: 'Emergency board: open emergencies with age, owner and next due step, oldest first; with any RP-3 history filter (state=open|resolved|not_paged|ended|all, owner, organizationId, serviceId, from, to, q, limit, offset) every state, newest first, with nextOffset', querystring: ListQuery, response: { 200: EmergencyList, ...fails(400) } } }, async (req, reply) => {
    const q = req.query as Static<typeof ListQuery>;
    if (!HISTORY_KEYS.some((k) => q[k] !== undefined)) return { items: await svc.listBoard(ctx, requireActor(req), { all: q.all === 'true' }) };
    const period = periodOf(q);
    if (!period) return reply.status(400).send({ error: { code: 'emergency.bad_period', message: BAD_PERIOD } });
    const states = STATES[q.state ?? 'all'];
    return svc.listEmergencyHistory(ctx, requireActor(req), {
      states: states ? [...states] : undefined, owner: q.owner, organizationId: q.organizationId, serviceId: q.serviceId, text: q.q, ...period, ...pageOf(q, 50),
    });
  });
  app.get('/api/v1/emergencies/:id', { config: { access: STAFF }, schema: { tags, operationId: 'showEmergency', summary: 'One emergency (by id, ticket id or ticket number): ticket, thread, runbook, entitlement, timers', params: IdParams, response: { 200: Emergency, ...fails(404) } } }, async (req) =>
    svc.showEmergency(ctx, requireActor(req), (req.params as { id: string }).id));
  // every action answers the emergency after it (EmergencyActionResult) unless it names its own answer
  const action = <B>(path: string, operationId: string, summary: string, body: unknown, run: (actor: ReturnType<typeof requireActor>, id: string, b: B) => Promise<unknown>, access: readonly string[] = STAFF, answer: unknown = EmergencyActionResult) =>
    app.post(`/api/v1/emergencies/:id/${path}`, { config: { access }, schema: { tags, operationId, summary, params: IdParams, ...(body ? { body } : {}), response: { 200: answer, ...fails(404, 409) } } } as never, async (req: any) => run(requireActor(req), req.params.id, req.body as B));
  action('acknowledge', 'acknowledgeEmergency', 'WF-6: acknowledge and own the emergency', null, (a, id) => svc.acknowledge(ctx, a, id));
  action('escalate', 'escalateEmergency', 'PG-4: escalate to the manager instead of acknowledging', null, (a, id) => svc.escalateInsteadOfAck(ctx, a, id));
  action('resolve-page', 'resolveEmergencyPage', 'PG-2/WF-2: resolve the page once the customer has a public reply; ticks the runbook', null, (a, id) => resolveEmergencyPage(ctx, a, id));
  action<Static<typeof QualifyBody>>('qualify', 'qualifyEmergency', 'WF-4: strict, exception, needs more info or not an emergency', QualifyBody, (a, id, b) => svc.qualify(ctx, a, id, b as svc.QualifyInput));
  action<Static<typeof PostCallBody>>('post-call', 'recordEmergencyPostCall', 'WF-8: post-call notes and the next engineer', PostCallBody, (a, id, b) => svc.postCall(ctx, a, id, b));
  action<Static<typeof ResolveBody>>('resolve', 'resolveEmergency', 'WF-9: solve with a follow-up ticket', ResolveBody, (a, id, b) => svc.resolve(ctx, a, id, b as svc.ResolveInput));
  action<Static<typeof StuckBody>>('stuck', 'emergencyStuck', 'WF-15: bring in the manager on call or a developer escalation', StuckBody, (a, id, b) => svc.stuck(ctx, a, id, b));
  action<Static<typeof HandoffBody>>('handoff', 'answerEmergencyHandoff', 'SCH-10: accept the hand-off or name a replacement DRI', HandoffBody, (a, id, b) => svc.handoff(ctx, a, id, b));
  action<Static<typeof NoteBody>>('notes', 'addEmergencyNote', 'Add a note to the emergency thread; answers the thread entry', NoteBody, (a, id, b) => svc.addNote(ctx, a, id, b.text), STAFF, ThreadEntry);
  action('compromised', 'flagEmergencyCompromised', 'WF-13: likely compromised instance — guidance, call guarded until the manager is engaged', null, (a, id) => svc.compromised(ctx, a, id));
  action('manager-engaged', 'emergencyManagerEngaged', 'WF-13/ENT-4: the manager on call is engaged; lifts the call guard', null, (a, id) => svc.managerEngaged(ctx, a, id), MANAGERS);
  app.get('/api/v1/emergencies/:id/call-allowed', { config: { access: STAFF }, schema: { tags, operationId: 'emergencyCallAllowed', summary: 'WF-13: whether a call may be offered now (ok; else the code and reason)', params: IdParams, response: { 200: CallAllowed, ...fails(404) } } }, async (req) =>
    svc.callAllowed(ctx, requireActor(req), (req.params as { id: string }).id));
  action<Static<typeof BridgeBody>>('bridge', 'setEmergencyBridge', 'WF-5: set, change (url) or remove (null) the bridge link; http(s) only; answers the emergency', BridgeBody, async (a, id, b) => svc.showEmergency(ctx, a, (await setBridge(ctx, a, id, b.url)).id), STAFF, Emergency);
  app.get('/api/v1/emergencies/:id/bridge', { config: { access: 'user' }, schema: { tags, operationId: 'showEmergencyBridge', summary: 'WF-5: the bridge link of a ticket\'s emergency (by ticket id or number); customers: their own, while it is live', params: IdParams, response: { 200: BridgeView, ...fails(404) } } }, async (req) =>
    bridgeOfTicket(ctx, requireActor(req), (req.params as { id: string }).id));
  action('backup-pool', 'pageEmergencyBackupPool', 'PG-3/WF-6: the manager pages the backup pool', null, (a, id) => svc.pageBackupPool(ctx, a, id), MANAGERS);
}
