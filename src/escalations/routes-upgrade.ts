// HTTP surface of upgrade-assistance requests (SM-8): a customer files one from the portal (staff may
// file for a customer), everyone lists and reads what they may see, and a manager reassigns or
// reschedules. Customers reach only their organisation's requests (others answer 404).
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireActor, STAFF } from '../api/auth.ts';
import { Body, fails, IdParams, Str, TimelineEntry } from '../api/schemas.ts';
import type { Ctx } from '../runtime/context.ts';
import { reassignUpgrade, requestUpgradeAssistance, rescheduleUpgrade } from './service-upgrade.ts';
import { listUpgradeRequests, showUpgradeRequest } from './service-upgrade-view.ts';

const Lit = <T extends string>(...v: T[]) => Type.Union(v.map((x) => Type.Literal(x)));
const Minutes = Type.Integer({ description: 'session length in minutes (15 to 720)' });
const FileBody = Body({
  start: Str(80, 1), durationMinutes: Minutes, scope: Str(4000, 1),
  form: Type.Optional(Str(40, 1)), subject: Type.Optional(Str(300, 1)), note: Type.Optional(Str(8000)),
  requesterEmail: Type.Optional(Str(254, 3)),
});
const ReassignBody = Body({ engineer: Str(254, 1), note: Type.Optional(Str(4000)) });
const RescheduleBody = Body({ start: Str(80, 1), durationMinutes: Type.Optional(Minutes), note: Type.Optional(Str(4000)) });
const ListQuery = Type.Object({ flagged: Type.Optional(Lit('true', 'false')) }, { additionalProperties: false });

const NStr = Type.Union([Type.String(), Type.Null()]);
const Person = Type.Union([Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }), Type.Null()]);
const Flag = Type.Object({ code: Lit('outside_hours', 'short_notice'), reason: Type.String() });
const Upgrade = Type.Object({
  id: Type.String(), number: Type.Integer(), state: Lit('requested', 'reassigned', 'rescheduled'),
  ticket: Type.Object({ id: Type.String(), number: Type.Integer(), subject: NStr }),
  requester: Person, organization: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  start: Type.String(), end: Type.String(), durationMinutes: Type.Integer(), zone: Type.String(), startLocal: Type.String(), scope: Type.String(),
  assignee: Person,
  /** Staff only: whether and why the request needs a manager, and which manager was told. */
  flagged: Type.Optional(Type.Boolean()), flags: Type.Optional(Type.Array(Flag)), manager: Type.Optional(Person),
  createdAt: Type.String(), updatedAt: Type.String(), version: Type.Integer(), url: Type.String(),
  timeline: Type.Optional(Type.Array(TimelineEntry)),
}, { title: 'UpgradeRequest' });

export function registerUpgradeRoutes(app: FastifyInstance, ctx: Ctx): void {
  const tags = ['escalations'];
  const id = (req: { params: unknown }) => (req.params as { id: string }).id;
  app.post('/api/v1/upgrade-requests', { config: { access: 'user' }, schema: { tags, operationId: 'requestUpgradeAssistance', summary: 'SM-8: ask for upgrade assistance (start as ISO-8601 with a zone, duration, scope); opens a ticket, flagged for the manager on call when outside support hours or on short notice', body: FileBody, response: { 201: Upgrade, ...fails(404) } } }, async (req, reply) => {
    const u = await requestUpgradeAssistance(ctx, requireActor(req), req.body as Static<typeof FileBody>);
    return reply.code(201).send(await showUpgradeRequest(ctx, requireActor(req), u.id));
  });
  app.get('/api/v1/upgrade-requests', { config: { access: 'user' }, schema: { tags, operationId: 'listUpgradeRequests', summary: 'SM-8: upgrade-assistance requests, newest first (flagged=true for those needing a manager); customers see their organisation\'s', querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(Upgrade) }) } } }, async (req) => {
    const q = req.query as Static<typeof ListQuery>;
    return { items: await listUpgradeRequests(ctx, requireActor(req), { flagged: q.flagged === undefined ? undefined : q.flagged === 'true' }) };
  });
  app.get('/api/v1/upgrade-requests/:id', { config: { access: 'user' }, schema: { tags, operationId: 'showUpgradeRequest', summary: 'SM-8: one upgrade-assistance request (number or id); staff also get its steps from the ticket timeline', params: IdParams, response: { 200: Upgrade, ...fails(404) } } }, async (req) =>
    showUpgradeRequest(ctx, requireActor(req), id(req)));
  app.post('/api/v1/upgrade-requests/:id/reassign', { config: { access: STAFF }, schema: { tags, operationId: 'reassignUpgradeRequest', summary: 'SM-8: a manager gives the session to another engineer (e-mail); the ticket is assigned to them and the requester told by a public reply', params: IdParams, body: ReassignBody, response: { 200: Upgrade, ...fails(404) } } }, async (req) => {
    await reassignUpgrade(ctx, requireActor(req), id(req), req.body as Static<typeof ReassignBody>);
    return showUpgradeRequest(ctx, requireActor(req), id(req));
  });
  app.post('/api/v1/upgrade-requests/:id/reschedule', { config: { access: STAFF }, schema: { tags, operationId: 'rescheduleUpgradeRequest', summary: 'SM-8: a manager proposes a new time (and duration); the requester is told by a public reply in their own time zone', params: IdParams, body: RescheduleBody, response: { 200: Upgrade, ...fails(404) } } }, async (req) => {
    await rescheduleUpgrade(ctx, requireActor(req), id(req), req.body as Static<typeof RescheduleBody>);
    return showUpgradeRequest(ctx, requireActor(req), id(req));
  });
}
