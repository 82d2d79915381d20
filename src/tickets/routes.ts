// HTTP surface of the helpdesk (TK-1..TK-8). Thin: schema, access, call the use case. Customers
// may call the read and reply routes; every answer to them goes through the same visibility
// rules as search (own organisation, public comments only).
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireActor, STAFF } from '../api/auth.ts';
import { routeWithFormerPaths } from '../api/openapi.ts';
import { Body, fails, IdParams, Nullable, Str } from '../api/schemas.ts';
import { CreatedTicket, Macro, MacroApplied, MacroPreview, SavedView, TicketBulkUpdate, TicketMerge, Ticket, TicketChange, TicketDetail, TicketSearchResult, Timeline } from './routes-schemas.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import { listTimeline } from '../store/timeline.ts';
import * as svc from './service.ts';
import { applyMacro, listMacros, previewMacro } from './service-macros.ts';
import { listViews, searchTickets } from './service-search.ts';
import { createFollowUp, linkTickets, mergeTickets, type LinkKind } from './service-links.ts';
import { getBulkUpdate, startBulkUpdate } from './service-bulk.ts';
import { listComments, loadTicketRecord } from './store.ts';
import type { TicketChanges, TicketPriority, TicketStage, TicketStatus } from './ticket.ts';
import { MAX_ATTACHMENTS_PER_COMMENT } from './attachment.ts';

const Tag = Str(80, 1);
const Tags = Type.Array(Tag, { maxItems: 100 });
const Id = Str(64, 1);
const CustomFields = Type.Record(Type.String({ maxLength: 64 }), Type.Union([Type.String({ maxLength: 10_000 }), Type.Number(), Type.Boolean(), Type.Null()]));
const Version = Type.Integer({ minimum: 1 });

const CreateBody = Body({
  subject: Str(500, 1), form: Str(40, 1), priority: Type.Optional(Str(20, 1)), status: Type.Optional(Str(20, 1)),
  requesterId: Type.Optional(Id), requesterEmail: Type.Optional(Str(254, 3)), organizationId: Type.Optional(Nullable(Id)),
  assigneeId: Type.Optional(Nullable(Id)), tags: Type.Optional(Tags), followerIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
  customFields: Type.Optional(CustomFields), isEmergency: Type.Optional(Type.Boolean()), description: Type.Optional(Str(65_536, 1)),
});
const PatchBody = Body({
  version: Type.Optional(Version), subject: Type.Optional(Str(500, 1)), status: Type.Optional(Str(20, 1)), priority: Type.Optional(Str(20, 1)),
  form: Type.Optional(Str(40, 1)), stage: Type.Optional(Str(20, 1)), assigneeId: Type.Optional(Nullable(Id)), organizationId: Type.Optional(Nullable(Id)),
  requesterId: Type.Optional(Id), isEmergency: Type.Optional(Type.Boolean()), tags: Type.Optional(Tags), addTags: Type.Optional(Tags),
  removeTags: Type.Optional(Tags), addFollowers: Type.Optional(Type.Array(Id, { maxItems: 100 })), removeFollowers: Type.Optional(Type.Array(Id, { maxItems: 100 })),
  customFields: Type.Optional(CustomFields),
});
// TK-2: attachments travel as base64 in JSON; the per-file limit is checked on the decoded bytes.
export const AttachmentBody = Type.Object({
  filename: Str(255, 1), contentType: Type.Optional(Str(255, 1)), contentBase64: Type.String({ pattern: '^[A-Za-z0-9+/=\\s]*$' }),
}, { additionalProperties: false });
const CommentBody = Body({
  body: Str(65_536, 1), public: Type.Optional(Type.Boolean()), version: Type.Optional(Version), status: Type.Optional(Str(20, 1)),
  attachments: Type.Optional(Type.Array(AttachmentBody, { maxItems: MAX_ATTACHMENTS_PER_COMMENT })),
});
const AttachmentParams = Type.Object({ id: Id, attId: Id }, { additionalProperties: false });
/** Room for a few files at the per-file limit once base64 (4/3) is counted; each file is checked after decoding. */
export const commentBodyLimit = (ctx: Ctx) => Math.ceil((svc.maxAttachmentBytes(ctx) * 4) / 3) * 3 + 1024 * 1024;

/** Uploads as the services take them; the per-file limit is checked there, on the decoded bytes. */
export const decodeAttachments = (list: Static<typeof AttachmentBody>[] | undefined) =>
  (list ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType ?? 'application/octet-stream', content: Buffer.from(a.contentBase64, 'base64') }));

/** RFC 6266: an ASCII fallback name and the exact name in UTF-8. */
export function contentDisposition(filename: string | null): string {
  const name = filename || 'attachment';
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
const MacroBody = Body({ values: Type.Optional(Type.Record(Type.String({ maxLength: 80 }), Type.String({ maxLength: 4000 }))), version: Type.Optional(Version) });
const MacroParams = Type.Object({ id: Id, macroId: Id }, { additionalProperties: false });
const SearchQs = Type.Object({
  q: Type.Optional(Str(1000)), limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })), offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,7}$' })),
  count: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
}, { additionalProperties: false });
const BulkBody = Body({
  id: Type.Optional(Str(100, 1)), query: Type.Optional(Str(1000, 1)), ticketIds: Type.Optional(Type.Array(Id, { maxItems: 1000 })),
  addTags: Type.Optional(Tags), removeTags: Type.Optional(Tags), status: Type.Optional(Str(20, 1)), priority: Type.Optional(Str(20, 1)),
  publicReply: Type.Optional(Str(65_536)), internalNote: Type.Optional(Str(65_536)),
});
const LinkBody = Body({ ticket: Id, kind: Type.Optional(Type.Union([Type.Literal('related'), Type.Literal('follow_up')])) });
const FollowUpBody = Body({ subject: Type.Optional(Str(500, 1)), description: Type.Optional(Str(65_536, 1)), priority: Type.Optional(Str(20, 1)) });
const LinkAnswer = Type.Object({ created: Type.Boolean() });
const MergeBody = Body({ into: Id, message: Type.Optional(Str(65_536, 1)) });

// Query strings arrive as text (no type coercion): numbers are checked by pattern, read here.
const pageOf = (qs: Static<typeof SearchQs>) => ({
  limit: qs.limit !== undefined ? Number(qs.limit) : undefined, offset: qs.offset !== undefined ? Number(qs.offset) : undefined, count: qs.count === 'true',
});

export function patchToChanges(b: Static<typeof PatchBody>): TicketChanges {
  const c: TicketChanges = {};
  if (b.subject !== undefined) c.subject = b.subject;
  if (b.status !== undefined) c.status = b.status as TicketStatus;
  if (b.priority !== undefined) c.priority = b.priority as TicketPriority;
  if (b.form !== undefined) c.form = b.form;
  if (b.stage !== undefined) c.stage = b.stage as TicketStage;
  if (b.assigneeId !== undefined) c.assigneeId = b.assigneeId;
  if (b.organizationId !== undefined) c.organizationId = b.organizationId;
  if (b.requesterId !== undefined) c.requesterId = b.requesterId;
  if (b.isEmergency !== undefined) c.isEmergency = b.isEmergency;
  if (b.tags || b.addTags || b.removeTags) c.tags = { set: b.tags, add: b.addTags, remove: b.removeTags };
  if (b.addFollowers || b.removeFollowers) c.followers = { add: b.addFollowers, remove: b.removeFollowers };
  if (b.customFields) c.customFields = b.customFields;
  return c;
}

const changed = (r: svc.ChangeResult, actor: ReturnType<typeof requireActor>) => ({
  ticket: svc.ticketView(r.ticket, actor), changes: actor.role === 'customer' ? undefined : r.diff, comments: r.comments,
});

export function registerTicketRoutes(app: FastifyInstance, ctx: Ctx): void {
  const id = (req: { params: unknown }) => (req.params as { id: string }).id;
  // TK-8: opened directly, an emergency ticket is hidden from an engineer who is neither its
  // assignee nor on call, as it is in search (svc.assertMaySee). Runs after validation, so the
  // other ticket a link or merge names is checked too.
  const mayOpen = (...refs: Array<(req: FastifyRequest) => string | undefined>) => async (req: FastifyRequest) => {
    const actor = requireActor(req);
    if (actor.role !== 'engineer') return;
    await withTx(ctx, undefined, async (tx) => {
      for (const ref of [id, ...refs]) {
        const r = ref(req);
        if (r) await svc.assertMaySee(ctx, tx, actor, (await loadTicketRecord(tx, r)).ticket);
      }
    });
  };
  const guard = mayOpen();

  app.post('/api/v1/tickets', { config: { access: STAFF }, schema: { tags: ['tickets'], operationId: 'createTicket', summary: 'Create a ticket for a requester', body: CreateBody, response: { 201: CreatedTicket, ...fails(404) } } }, async (req, reply) => {
    const r = await svc.createTicket(ctx, requireActor(req), req.body as Static<typeof CreateBody> as svc.CreateTicketInput);
    return reply.status(201).send({ ticket: r.ticket, comment: r.comment });
  });

  app.get('/api/v1/tickets', { config: { access: 'user' }, schema: { tags: ['tickets'], operationId: 'searchTickets', summary: 'Search tickets (q: status:new priority:urgent order_by:created_at …)', querystring: SearchQs, response: { 200: TicketSearchResult } } }, async (req) => {
    const qs = req.query as Static<typeof SearchQs>;
    const r = await searchTickets(ctx, requireActor(req), qs.q ?? '', pageOf(qs));
    return { items: r.items, total: r.total, nextOffset: r.nextOffset };
  });

  app.get('/api/v1/tickets/export', { config: { access: 'user' }, schema: { tags: ['tickets'], operationId: 'exportTickets', summary: 'Export a search as NDJSON: one ticket with its comments per line', querystring: SearchQs, response: { 200: { description: 'One JSON object per line: {ticket, comments}', content: { 'application/x-ndjson': { schema: Type.String() } } } } } }, async (req, reply) => {
    const actor = requireActor(req);
    const qs = req.query as Static<typeof SearchQs>;
    const r = await searchTickets(ctx, actor, qs.q ?? '', { ...pageOf(qs), limit: qs.limit ? Number(qs.limit) : 200 });
    const lines: string[] = [];
    await withTx(ctx, undefined, async (tx) => {
      for (const t of r.tickets) lines.push(JSON.stringify({ ticket: svc.ticketView(t, actor), comments: await listComments(tx, t.id, actor.role === 'customer') }));
    });
    if (r.nextOffset !== null) reply.header('x-next-offset', String(r.nextOffset));
    return reply.type('application/x-ndjson').send(lines.join('\n') + (lines.length ? '\n' : ''));
  });

  app.get('/api/v1/tickets/:id', { preHandler: guard, config: { access: 'user' }, schema: { tags: ['tickets'], operationId: 'getTicket', summary: 'One ticket with its comments (customers: public replies only)', params: IdParams, response: { 200: TicketDetail, ...fails(404) } } }, async (req) =>
    svc.getTicket(ctx, requireActor(req), id(req)));

  app.patch('/api/v1/tickets/:id', { preHandler: guard, config: { access: STAFF }, schema: { tags: ['tickets'], operationId: 'updateTicket', summary: 'Change ticket fields (send version to avoid overwriting a newer change)', params: IdParams, body: PatchBody, response: { 200: TicketChange, ...fails(404, 409) } } }, async (req) => {
    const b = req.body as Static<typeof PatchBody>;
    return changed(await svc.updateTicket(ctx, requireActor(req), id(req), { changes: patchToChanges(b), expectedVersion: b.version }), requireActor(req));
  });

  app.post('/api/v1/tickets/:id/comments', { preHandler: guard, bodyLimit: commentBodyLimit(ctx), config: { access: 'user' }, schema: { tags: ['tickets'], operationId: 'addTicketComment', summary: 'Public reply or internal note (customers: public replies), with attachments as base64', params: IdParams, body: CommentBody, response: { 201: TicketChange, ...fails(404, 409, 413) } } }, async (req, reply) => {
    const b = req.body as Static<typeof CommentBody>;
    const actor = requireActor(req);
    const isPublic = b.public ?? actor.role === 'customer';
    const files = decodeAttachments(b.attachments);
    const r = await svc.addComment(ctx, actor, id(req), { body: b.body, isPublic, files, expectedVersion: b.version, changes: b.status ? { status: b.status as TicketStatus } : undefined });
    return reply.status(201).send(changed(r, actor));
  });

  app.get('/api/v1/tickets/:id/attachments/:attId', { preHandler: guard, config: { access: 'user' }, schema: { tags: ['tickets'], operationId: 'getTicketAttachment', summary: 'Download an attachment (customers: public comments of their tickets)', params: AttachmentParams, response: { 200: { description: 'The file, with its own content type', content: { 'application/octet-stream': { schema: Type.String({ format: 'binary' }) } } }, ...fails(404) } } }, async (req, reply) => {
    const p = req.params as Static<typeof AttachmentParams>;
    const a = await svc.getAttachment(ctx, requireActor(req), p.id, p.attId);
    return reply
      .header('content-type', a.contentType)
      .header('content-disposition', contentDisposition(a.filename))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(a.content);
  });

  app.get('/api/v1/tickets/:id/timeline', { preHandler: guard, config: { access: STAFF }, schema: { tags: ['tickets'], operationId: 'getTicketTimeline', summary: 'Audit trail of a ticket (field diffs, comments, SLA)', params: IdParams, response: { 200: Timeline, ...fails(404) } } }, async (req) =>
    withTx(ctx, undefined, async (tx) => ({ items: await listTimeline(tx, 'ticket', (await loadTicketRecord(tx, id(req))).ticket.id) })));

  app.get('/api/v1/macros', { config: { access: STAFF }, schema: { tags: ['tickets'], operationId: 'listMacros', summary: 'Macros (workspace macros, then the demo set)', response: { 200: Type.Object({ items: Type.Array(Macro) }) } } }, async () =>
    withTx(ctx, undefined, async (tx) => ({ items: await listMacros(tx) })));

  app.post('/api/v1/tickets/:id/macros/:macroId/preview', { preHandler: guard, config: { access: STAFF }, schema: { tags: ['tickets'], operationId: 'previewMacro', summary: 'What a macro would do (changes nothing)', params: MacroParams, body: MacroBody, response: { 200: MacroPreview, ...fails(404) } } }, async (req) => {
    const p = req.params as Static<typeof MacroParams>;
    const b = (req.body ?? {}) as Static<typeof MacroBody>;
    const r = await previewMacro(ctx, requireActor(req), p.id, { macroId: p.macroId, values: b.values });
    return { ticket: r.ticket, changes: r.diff, comments: r.comments, signals: r.signals };
  });

  app.post('/api/v1/tickets/:id/macros/:macroId/apply', { preHandler: guard, config: { access: STAFF }, schema: { tags: ['tickets'], operationId: 'applyMacro', summary: 'Apply a macro as one audited change', params: MacroParams, body: MacroBody, response: { 200: MacroApplied, ...fails(404, 409) } } }, async (req) => {
    const p = req.params as Static<typeof MacroParams>;
    const b = (req.body ?? {}) as Static<typeof MacroBody>;
    const r = await applyMacro(ctx, requireActor(req), p.id, { macroId: p.macroId, values: b.values, expectedVersion: b.version });
    return { ...changed(r, requireActor(req)), signals: r.signals };
  });

  // A bulk update is a resource of its own: under /tickets/bulk/:id its path could not be told
  // from /tickets/:id/…. The former paths stay, hidden, for the CLIs that still call them.
  routeWithFormerPaths(app, { method: 'POST', url: '/api/v1/ticket-bulk-updates', config: { access: STAFF }, schema: { tags: ['tickets'], operationId: 'startTicketBulkUpdate', summary: 'Bulk update a search result or a list of tickets (durable job; reuse id to retry)', body: BulkBody, response: { 202: TicketBulkUpdate, ...fails(409) } }, handler: async (req, reply) => {
    const b = req.body as Static<typeof BulkBody>;
    const r = await startBulkUpdate(ctx, requireActor(req), b as Parameters<typeof startBulkUpdate>[2]);
    return reply.status(202).send(r);
  } }, ['/api/v1/tickets/bulk']);

  routeWithFormerPaths(app, { method: 'GET', url: '/api/v1/ticket-bulk-updates/:id', config: { access: STAFF }, schema: { tags: ['tickets'], operationId: 'getTicketBulkUpdate', summary: 'Progress and per-ticket result of a bulk update', params: IdParams, response: { 200: TicketBulkUpdate, ...fails(404) } }, handler: async (req) =>
    getBulkUpdate(ctx, requireActor(req), id(req)) }, ['/api/v1/tickets/bulk/:id']);

  app.post('/api/v1/tickets/:id/links', { preHandler: mayOpen((req) => (req.body as Static<typeof LinkBody>).ticket), config: { access: STAFF }, schema: { tags: ['tickets'], operationId: 'linkTickets', summary: 'Link another ticket (internal notes on both)', params: IdParams, body: LinkBody, response: { 200: LinkAnswer, 201: LinkAnswer, ...fails(404) } } }, async (req, reply) => {
    const b = req.body as Static<typeof LinkBody>;
    const r = await linkTickets(ctx, requireActor(req), id(req), b.ticket, (b.kind ?? 'related') as LinkKind);
    return reply.status(r.created ? 201 : 200).send(r);
  });

  app.post('/api/v1/tickets/:id/follow-up', { preHandler: guard, config: { access: STAFF }, schema: { tags: ['tickets'], operationId: 'createFollowUpTicket', summary: 'Create a linked follow-up ticket for the same customer', params: IdParams, body: FollowUpBody, response: { 201: Type.Object({ ticket: Ticket }), ...fails(404) } } }, async (req, reply) => {
    const b = (req.body ?? {}) as Static<typeof FollowUpBody>;
    const r = await createFollowUp(ctx, requireActor(req), id(req), { ...b, priority: b.priority as TicketPriority | undefined });
    return reply.status(201).send({ ticket: r.ticket });
  });

  app.post('/api/v1/tickets/:id/merge', { preHandler: mayOpen((req) => (req.body as Static<typeof MergeBody>).into), config: { access: STAFF }, schema: { tags: ['tickets'], operationId: 'mergeTickets', summary: 'Merge this ticket into another (comments move, requester told, this one closes)', params: IdParams, body: MergeBody, response: { 200: TicketMerge, ...fails(404, 409) } } }, async (req) => {
    const b = req.body as Static<typeof MergeBody>;
    return mergeTickets(ctx, requireActor(req), id(req), b.into, { message: b.message });
  });

  app.get('/api/v1/views', { config: { access: 'user' }, schema: { tags: ['tickets'], operationId: 'listTicketViews', summary: 'Saved ticket views with their counts', response: { 200: Type.Object({ items: Type.Array(SavedView) }) } } }, async (req) => ({ items: await listViews(ctx, requireActor(req)) }));
}
