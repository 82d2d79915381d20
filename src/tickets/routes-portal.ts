// TK-8: the customer portal. A customer opens a ticket or an emergency for their organisation,
// with files if need be (TK-2: the same per-file limit as staff comments), lists their
// organisation's requests and replies; internal notes and other organisations' tickets are out
// of reach by construction (the same services and visibility rules as staff).
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireActor } from '../api/auth.ts';
import { Body, fails, IdParams, Str } from '../api/schemas.ts';
import { CreatedTicket, PortalTicketDetail, Ticket, TicketComment, TicketForm, TicketSearchResult } from './routes-schemas.ts';
import { withTx, type Ctx } from '../runtime/context.ts';
import { findUser } from '../people/index.ts';
import { addComment, createTicket, getTicket, ticketView } from './service.ts';
import { searchTickets } from './service-search.ts';
import { loadTicketSettings } from './service-settings.ts';
import { MAX_ATTACHMENTS_PER_COMMENT } from './attachment.ts';
import { AttachmentBody, commentBodyLimit, decodeAttachments } from './routes.ts';

const CUSTOMERS = ['customer'] as const;
const OpenBody = Body({
  subject: Str(500, 1), description: Str(65_536, 1), form: Str(40, 1),
  /** An emergency: production down or unusable (urgent priority, pages the on-call engineer). */
  emergency: Type.Optional(Type.Boolean()),
  priority: Type.Optional(Type.Union([Type.Literal('low'), Type.Literal('normal'), Type.Literal('high')])),
  /** A phone number to reach the requester now (kept as the ticket's contact_phone field: staff only). */
  contactPhone: Type.Optional(Type.String({ maxLength: 40, pattern: '^\\+?[0-9 ()./-]{4,40}$' })),
  attachments: Type.Optional(Type.Array(AttachmentBody, { maxItems: MAX_ATTACHMENTS_PER_COMMENT })),
});
const ReplyBody = Body({ body: Str(65_536, 1), attachments: Type.Optional(Type.Array(AttachmentBody, { maxItems: MAX_ATTACHMENTS_PER_COMMENT })) });
const ListQs = Type.Object({ q: Type.Optional(Str(1000)), offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,7}$' })) }, { additionalProperties: false });

export function registerPortalRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.post('/api/v1/portal/tickets', { bodyLimit: commentBodyLimit(ctx), config: { access: CUSTOMERS }, schema: { tags: ['portal'], operationId: 'openPortalTicket', summary: 'Open a ticket or an emergency, with attachments as base64', body: OpenBody, response: { 201: CreatedTicket, ...fails(413) } } }, async (req, reply) => {
    const b = req.body as Static<typeof OpenBody>;
    const actor = requireActor(req);
    const r = await createTicket(ctx, actor, {
      subject: b.subject, description: b.description, form: b.form,
      priority: b.emergency ? 'urgent' : (b.priority ?? 'normal'), isEmergency: b.emergency === true,
      // Kept as a custom field, which never reaches customers (ticketView): colleagues do not see it.
      ...(b.contactPhone?.trim() ? { contactPhone: b.contactPhone.trim() } : {}),
      files: decodeAttachments(b.attachments),
    });
    return reply.status(201).send({ ticket: ticketView(r.ticket, actor), comment: r.comment });
  });

  // TK-1: the forms a request can be about, as the workspace names them (for the portal's form).
  app.get('/api/v1/ticket-forms', { config: { access: 'user' }, schema: { tags: ['portal'], operationId: 'listTicketForms', summary: 'Ticket forms (products) with their names', response: { 200: Type.Object({ items: Type.Array(TicketForm) }) } } }, async () =>
    ({ items: (await withTx(ctx, undefined, (tx) => loadTicketSettings(tx))).forms }));

  app.get('/api/v1/portal/tickets', { config: { access: CUSTOMERS }, schema: { tags: ['portal'], operationId: 'listPortalTickets', summary: 'Your organisation\'s requests', querystring: ListQs, response: { 200: TicketSearchResult } } }, async (req) => {
    const qs = req.query as Static<typeof ListQs>;
    const r = await searchTickets(ctx, requireActor(req), qs.q ?? 'order_by:updated_at', { limit: 50, offset: qs.offset ? Number(qs.offset) : 0, count: true });
    return { items: r.items, total: r.total, nextOffset: r.nextOffset };
  });

  app.get('/api/v1/portal/tickets/:id', { config: { access: CUSTOMERS }, schema: { tags: ['portal'], operationId: 'getPortalTicket', summary: 'One of your requests with its public conversation; each reply signed with its author\'s display name', params: IdParams, response: { 200: PortalTicketDetail, ...fails(404) } } }, async (req) =>
    withTx(ctx, undefined, async (tx) => {
      const d = await getTicket(ctx, requireActor(req), (req.params as { id: string }).id, tx);
      // A reply is signed by the person who wrote it (their display name: never an e-mail address);
      // the workspace may sign staff replies with the team's name instead (portal.sign_replies_as).
      const { portal } = await loadTicketSettings(tx);
      const names = new Map<string, string>();
      for (const id of new Set(d.comments.map((c) => c.authorId).filter((x): x is string => !!x))) {
        const u = await findUser(tx, { id });
        if (u) names.set(id, u.role !== 'customer' && portal.signRepliesAs === 'team' ? portal.teamName : u.name);
      }
      return { ...d, comments: d.comments.map((c) => ({ ...c, authorName: (c.authorId && names.get(c.authorId)) || null })) };
    }));

  app.post('/api/v1/portal/tickets/:id/replies', { bodyLimit: commentBodyLimit(ctx), config: { access: CUSTOMERS }, schema: { tags: ['portal'], operationId: 'replyToPortalTicket', summary: 'Reply to one of your requests, with attachments as base64', params: IdParams, body: ReplyBody, response: { 201: Type.Object({ ticket: Ticket, comments: Type.Array(TicketComment) }), ...fails(404, 413) } } }, async (req, reply) => {
    const actor = requireActor(req);
    const b = req.body as Static<typeof ReplyBody>;
    const r = await addComment(ctx, actor, (req.params as { id: string }).id, { body: b.body, isPublic: true, files: decodeAttachments(b.attachments) });
    return reply.status(201).send({ ticket: ticketView(r.ticket, actor), comments: r.comments });
  });
}
