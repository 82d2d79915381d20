// HTTP surface for paging: services, escalation policies, pages, maintenance windows and
// notification rules. Thin: schema, access, call the use case. Intake and notification actions
// (which read raw bodies) live in routes-intake.ts.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { MANAGERS, requireActor, STAFF } from '../api/auth.ts';
import { Body, fails, IdParams, Nullable, Str } from '../api/schemas.ts';
import { EscalationPolicy, MaintenanceWindow, NotificationRules, Page, PageBulkResult, PageDetail, PageList, Service } from './routes-schemas.ts';
import type { Ctx } from '../runtime/context.ts';
import { Temporal } from '../kernel/time.ts';
import { getNotificationRules, setNotificationRules } from '../notify/index.ts';
import * as pages from './service.ts';
import * as admin from './service-admin.ts';
import { registerIntakeRoutes } from './routes-intake.ts';

const Id = Str(64, 1);
const TargetT = Type.Object({
  type: Type.Union([Type.Literal('user'), Type.Literal('team'), Type.Literal('schedule'), Type.Literal('rotation_group'), Type.Literal('group_dri')]),
  id: Str(254, 1),
}, { additionalProperties: false });
const PolicyBody = Body({
  id: Type.Optional(Id), name: Str(120, 1), repeat: Type.Optional(Type.Integer({ minimum: 0, maximum: 9 })),
  pageableBy: Type.Optional(Type.Array(Type.Union([Type.Literal('admin'), Type.Literal('manager'), Type.Literal('engineer')]), { maxItems: 3 })),
  levels: Type.Array(Type.Object({
    delayMinutes: Type.Integer({ minimum: 1, maximum: 1440 }), targets: Type.Array(TargetT, { minItems: 1, maxItems: 20 }), roundRobin: Type.Optional(Type.Boolean()),
  }, { additionalProperties: false }), { minItems: 1, maxItems: 10 }),
});
const ServiceBody = Body({
  id: Type.Optional(Id), name: Str(120, 1), description: Type.Optional(Nullable(Str(2000))), escalationPolicyId: Type.Optional(Nullable(Id)),
  integrationKey: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{32}$' })),
});
const TriggerBody = Body({
  serviceId: Type.Optional(Id), title: Type.Optional(Str(1024, 1)), ticketId: Type.Optional(Nullable(Id)), ticketNumber: Type.Optional(Type.Union([Str(40, 1), Type.Integer({ minimum: 1 })])),
  dedupKey: Type.Optional(Str(255, 1)), urgency: Type.Optional(Type.Union([Type.Literal('high'), Type.Literal('low')])),
  escalationPolicyId: Type.Optional(Id), targetUserIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 50 })),
});
const ReassignBody = Body({ userIds: Type.Array(Id, { minItems: 1, maxItems: 50 }) });
const BulkBody = Body({ action: Type.Union([Type.Literal('acknowledge'), Type.Literal('resolve')]), pageIds: Type.Array(Id, { minItems: 1, maxItems: 500 }) });
const WindowBody = Body({
  serviceIds: Type.Array(Id, { minItems: 1, maxItems: 100 }), start: Type.Optional(Str(40, 1)), end: Type.Optional(Str(40, 1)),
  minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 10080 })), reason: Type.Optional(Str(500)), onEnd: Type.Optional(Type.Union([Type.Literal('notify'), Type.Literal('digest')])),
});
const RulesBody = Body({
  rules: Type.Array(Type.Object({
    contactMethodId: Id, delayMinutes: Type.Integer({ minimum: 0, maximum: 9000 }), urgency: Type.Optional(Type.Union([Type.Literal('high'), Type.Literal('low'), Type.Literal('any')])),
  }, { additionalProperties: false }), { maxItems: 20 }),
});
const PageQuery = Type.Object({
  mine: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('triggered'), Type.Literal('acknowledged'), Type.Literal('resolved'), Type.Literal('any')])),
  serviceId: Type.Optional(Id),
  limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })),
  // History filters: the person paged (or who acknowledged/resolved), the ticket's organisation,
  // the period the page was triggered in, and words of the title (or the page number).
  userId: Type.Optional(Id),
  organizationId: Type.Optional(Id),
  from: Type.Optional(Str(40, 1)),
  to: Type.Optional(Str(40, 1)),
  q: Type.Optional(Str(200)),
  offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,7}$' })),
}, { additionalProperties: false });

const tags = ['paging'];

/** An ISO-8601 instant from a query string, or null when it is not one (a 400, never a 500). */
function instantOrNull(s: string): Temporal.Instant | null {
  try {
    return Temporal.Instant.from(s);
  } catch {
    return null;
  }
}

export function registerPagingRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.get('/api/v1/services', { config: { access: STAFF }, schema: { tags, operationId: 'listServices', summary: 'List services with their integration (routing) keys', response: { 200: Type.Object({ items: Type.Array(Service) }) } } }, async () => ({ items: await admin.listServices(ctx) }));
  app.post('/api/v1/services', { config: { access: MANAGERS }, schema: { tags, operationId: 'saveService', summary: 'Create or update a service', body: ServiceBody, response: { 200: Service, 201: Service, ...fails(404, 409) } } }, async (req, reply) => {
    const r = await admin.saveService(ctx, requireActor(req), req.body as Static<typeof ServiceBody>);
    return reply.status(r.created ? 201 : 200).send(r.service);
  });
  app.get('/api/v1/escalation-policies', { config: { access: STAFF }, schema: { tags, operationId: 'listEscalationPolicies', summary: 'List escalation policies', response: { 200: Type.Object({ items: Type.Array(EscalationPolicy) }) } } }, async () => ({ items: await admin.listPolicies(ctx) }));
  app.post('/api/v1/escalation-policies', { config: { access: MANAGERS }, schema: { tags, operationId: 'saveEscalationPolicy', summary: 'Create or update an escalation policy', body: PolicyBody, response: { 200: EscalationPolicy, 201: EscalationPolicy, ...fails(404) } } }, async (req, reply) => {
    const r = await admin.savePolicy(ctx, requireActor(req), { repeat: 0, ...(req.body as Static<typeof PolicyBody>) });
    return reply.status(r.created ? 201 : 200).send(r.policy);
  });

  app.get('/api/v1/pages', { config: { access: STAFF }, schema: { tags, summary: 'List pages (open by default; status=any for the history; mine=true for pages assigned to me), newest first, with filters, search and nextOffset', operationId: 'listPages', querystring: PageQuery, response: { 200: PageList, ...fails(400) } } }, async (req, reply) => {
    const q = req.query as Static<typeof PageQuery>;
    const from = q.from ? instantOrNull(q.from) : undefined;
    const to = q.to ? instantOrNull(q.to) : undefined;
    if (from === null || to === null || (from && to && Temporal.Instant.compare(from, to) >= 0)) {
      return reply.status(400).send({ error: { code: 'page.bad_period', message: 'from and to are ISO-8601 instants (e.g. 2026-11-17T00:00:00Z), from before to.' } });
    }
    return pages.listPageHistory(ctx, requireActor(req), {
      mine: q.mine === 'true', status: q.status, serviceId: q.serviceId, limit: q.limit ? Math.min(Number(q.limit), 500) || 1 : undefined,
      userId: q.userId, organizationId: q.organizationId, from, to, text: q.q, offset: q.offset ? Number(q.offset) : undefined,
    });
  });
  app.get('/api/v1/pages/:id', { config: { access: STAFF }, schema: { tags, operationId: 'getPage', summary: 'One page (id or number) with its timeline and delivery log', params: IdParams, response: { 200: PageDetail, ...fails(404) } } }, async (req) =>
    pages.getPage(ctx, requireActor(req), (req.params as { id: string }).id));
  app.post('/api/v1/pages', { config: { access: STAFF }, schema: { tags, summary: 'Trigger a page: on a service, for a ticket (managers, PG-5) or to named engineers', operationId: 'triggerPage', body: TriggerBody, response: { 200: Page, 201: Page, ...fails(400, 404, 409) } } }, async (req, reply) => {
    const b = req.body as Static<typeof TriggerBody>;
    const actor = requireActor(req);
    let r;
    if (!b.serviceId && b.ticketNumber !== undefined) {
      r = b.targetUserIds?.length
        ? await pages.triggerManualPage(ctx, actor, { kind: 'engineer', targetUserId: b.targetUserIds[0], ticketNumber: b.ticketNumber, ticketId: b.ticketId ?? null })
        : await pages.triggerManualPage(ctx, actor, { kind: 'ticket_emergency', ticketId: b.ticketId ?? String(b.ticketNumber), ticketNumber: b.ticketNumber });
    } else {
      if (!b.serviceId || !b.title) {
        return reply.status(400).send({ error: { code: 'page.bad_trigger', message: 'Give serviceId and title, or ticketNumber for a manual page (PG-5).' } });
      }
      r = await pages.triggerPage(ctx, actor, { serviceId: b.serviceId, title: b.title, ticketId: b.ticketId, dedupKey: b.dedupKey, urgency: b.urgency, escalationPolicyId: b.escalationPolicyId, targetUserIds: b.targetUserIds });
    }
    return reply.status(r.created ? 201 : 200).send(r.page);
  });
  app.post('/api/v1/pages/:id/acknowledge', { config: { access: STAFF }, schema: { tags, operationId: 'acknowledgePage', summary: 'Acknowledge a page (PG-1)', params: IdParams, response: { 200: Page, ...fails(404, 409) } } }, async (req) =>
    pages.acknowledgePage(ctx, requireActor(req), (req.params as { id: string }).id));
  // The body is optional ({note}), so it is checked here rather than by a schema that would demand one.
  app.post('/api/v1/pages/:id/resolve', { config: { access: STAFF }, schema: { tags, summary: 'Resolve a page (PG-1, PG-2: needs a public reply on its ticket); optional body {note}', operationId: 'resolvePage', params: IdParams, response: { 200: Page, ...fails(400, 404, 409) } } }, async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const extra = Object.keys(b).filter((k) => k !== 'note');
    if (extra.length || (b.note !== undefined && (typeof b.note !== 'string' || b.note.length > 2000))) {
      return reply.status(400).send({ error: { code: 'request.invalid', message: 'The body may only hold "note", text of at most 2000 characters.' } });
    }
    return pages.resolvePage(ctx, requireActor(req), (req.params as { id: string }).id, { note: b.note as string | undefined });
  });
  app.post('/api/v1/pages/:id/escalate', { config: { access: STAFF }, schema: { tags, operationId: 'escalatePage', summary: 'Escalate to the next level instead of acknowledging (PG-4)', params: IdParams, response: { 200: Page, ...fails(404, 409) } } }, async (req) =>
    pages.escalatePage(ctx, requireActor(req), (req.params as { id: string }).id));
  app.post('/api/v1/pages/:id/reassign', { config: { access: STAFF }, schema: { tags, operationId: 'reassignPage', summary: 'Reassign a page to other people', params: IdParams, body: ReassignBody, response: { 200: Page, ...fails(404, 409) } } }, async (req) =>
    pages.reassignPage(ctx, requireActor(req), (req.params as { id: string }).id, (req.body as Static<typeof ReassignBody>).userIds));
  app.post('/api/v1/pages/bulk', { config: { access: STAFF }, schema: { tags, summary: 'Acknowledge or resolve many pages; one result per page (PG-7)', operationId: 'bulkUpdatePages', body: BulkBody, response: { 200: PageBulkResult } } }, async (req) =>
    pages.bulkPages(ctx, requireActor(req), req.body as Static<typeof BulkBody>));

  app.get('/api/v1/maintenance-windows', { config: { access: STAFF }, schema: { tags, operationId: 'listMaintenanceWindows', summary: 'Current and future maintenance windows', response: { 200: Type.Object({ items: Type.Array(MaintenanceWindow) }) } } }, async () => ({ items: await admin.listMaintenanceWindows(ctx) }));
  app.post('/api/v1/maintenance-windows', { config: { access: MANAGERS }, schema: { tags, summary: 'Silence services: pages are kept, notifications wait (PG-7)', operationId: 'createMaintenanceWindow', body: WindowBody, response: { 201: MaintenanceWindow, ...fails(404) } } }, async (req, reply) =>
    reply.status(201).send(await admin.createMaintenanceWindow(ctx, requireActor(req), req.body as Static<typeof WindowBody>)));
  app.post('/api/v1/maintenance-windows/:id/end', { config: { access: MANAGERS }, schema: { tags, operationId: 'endMaintenanceWindow', summary: 'End a maintenance window now', params: IdParams, response: { 200: MaintenanceWindow, ...fails(404, 409) } } }, async (req) =>
    admin.endMaintenanceWindow(ctx, requireActor(req), (req.params as { id: string }).id));

  app.get('/api/v1/users/:id/notification-rules', { config: { access: STAFF }, schema: { tags, summary: 'A person\'s notification rules (PG-6)', operationId: 'getNotificationRules', params: IdParams, response: { 200: NotificationRules, ...fails(404) } } }, async (req) =>
    ({ rules: await getNotificationRules(ctx, requireActor(req), (req.params as { id: string }).id) }));
  app.put('/api/v1/users/:id/notification-rules', { config: { access: STAFF }, schema: { tags, summary: 'Replace a person\'s notification rules (PG-6)', operationId: 'setNotificationRules', params: IdParams, body: RulesBody, response: { 200: NotificationRules, ...fails(404) } } }, async (req) =>
    ({ rules: await setNotificationRules(ctx, requireActor(req), (req.params as { id: string }).id, (req.body as Static<typeof RulesBody>).rules) }));

  registerIntakeRoutes(app, ctx);
}
