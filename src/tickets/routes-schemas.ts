// The helpdesk's answers as the API document names them (components Ticket, TicketDetail …).
// Fastify serialises with these and drops what they leave out: every field a client reads is here.
import { Type } from '@sinclair/typebox';
import { TimelineEntry } from '../api/schemas.ts';
import { TICKET_PRIORITIES, TICKET_STAGES, TICKET_STATUSES } from './ticket.ts';

const NStr = Type.Union([Type.String(), Type.Null()]);
const oneOf = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));

export const TicketStatusT = oneOf(TICKET_STATUSES);
export const TicketPriorityT = oneOf(TICKET_PRIORITIES);

/** A ticket as its viewer may see it: customers never get tags, stage, assignee, followers, custom fields or the version. */
export const Ticket = Type.Object({
  id: Type.String(), number: Type.Integer(), subject: Type.String(), requesterId: Type.String(), organizationId: NStr, form: Type.String(),
  priority: TicketPriorityT, status: TicketStatusT,
  stage: Type.Optional(oneOf(TICKET_STAGES)), tags: Type.Optional(Type.Array(Type.String())), assigneeId: Type.Optional(NStr),
  followerIds: Type.Optional(Type.Array(Type.String())),
  customFields: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]))),
  isEmergency: Type.Boolean(), version: Type.Optional(Type.Integer()),
  createdAt: Type.String(), updatedAt: Type.String(), solvedAt: NStr,
}, { title: 'Ticket' });

export const AttachmentMeta = Type.Object({
  id: Type.Optional(Type.String()), filename: NStr, contentType: Type.String(), size: Type.Integer(), sha256: Type.Optional(Type.String()),
}, { title: 'AttachmentMeta' });

export const TicketComment = Type.Object({
  id: Type.String(), ticketId: Type.String(), authorId: NStr, body: Type.String(), isPublic: Type.Boolean(), via: Type.String(),
  createdAt: Type.String(), attachments: Type.Array(AttachmentMeta), messageId: NStr,
}, { title: 'TicketComment' });

export const FieldChange = Type.Object({
  field: Type.String(), from: Type.Unknown(), to: Type.Unknown(), added: Type.Optional(Type.Array(Type.String())), removed: Type.Optional(Type.Array(Type.String())),
}, { title: 'FieldChange' });

export const SlaStatus = Type.Object({
  metric: Type.Union([Type.Literal('first_reply'), Type.Literal('next_reply'), Type.Null()]),
  state: oneOf(['none', 'running', 'paused', 'fulfilled', 'stopped'] as const), dueAt: NStr, breached: Type.Boolean(),
  remainingMs: Type.Union([Type.Number(), Type.Null()]),
}, { title: 'SlaStatus' });

export const TicketLink = Type.Object({
  id: Type.String(), sourceId: Type.String(), targetId: Type.String(), kind: Type.String(), createdAt: Type.String(), otherNumber: Type.Optional(Type.Integer()),
}, { title: 'TicketLink' });

export const TicketDetail = Type.Object({
  ticket: Ticket, comments: Type.Array(TicketComment), links: Type.Array(TicketLink), sla: Type.Union([SlaStatus, Type.Null()]),
}, { title: 'TicketDetail' });

export const CreatedTicket = Type.Object({ ticket: Ticket, comment: Type.Union([TicketComment, Type.Null()]) }, { title: 'CreatedTicket' });

/** A change as it was made: the ticket after it, the field diff (staff only) and the comments added. */
export const TicketChange = Type.Object({
  ticket: Ticket, changes: Type.Optional(Type.Array(FieldChange)), comments: Type.Array(TicketComment),
}, { title: 'TicketChange' });

export const TicketSearchResult = Type.Object({
  items: Type.Array(Ticket), total: Type.Union([Type.Integer(), Type.Null()]), nextOffset: Type.Union([Type.Integer(), Type.Null()]),
}, { title: 'TicketSearchResult' });

export const SavedView = Type.Object({ id: Type.String(), title: Type.String(), query: Type.String(), staffOnly: Type.Boolean(), count: Type.Integer() }, { title: 'SavedView' });

export const Timeline = Type.Object({ items: Type.Array(TimelineEntry) }, { title: 'Timeline' });

/** A macro action keeps its own fields (value, tags, body …) by type: open beyond `type`. */
const MacroAction = Type.Object({ type: Type.String() }, { additionalProperties: true });
export const Macro = Type.Object({
  id: Type.String(), title: Type.String(), description: Type.Optional(Type.String()), active: Type.Boolean(), actions: Type.Array(MacroAction),
}, { title: 'Macro' });
const RenderedComment = Type.Object({ public: Type.Boolean(), body: Type.String() });
export const MacroPreview = Type.Object({
  ticket: Ticket, changes: Type.Array(FieldChange), comments: Type.Array(RenderedComment), signals: Type.Array(Type.String()),
}, { title: 'MacroPreview' });
export const MacroApplied = Type.Composite([TicketChange, Type.Object({ signals: Type.Array(Type.String()) })], { title: 'MacroApplied' });

export const TicketBulkUpdate = Type.Object({
  id: Type.String(), status: oneOf(['queued', 'running', 'done'] as const), total: Type.Integer(), done: Type.Integer(), failed: Type.Integer(),
  query: NStr, createdAt: Type.String(), finishedAt: NStr,
  results: Type.Optional(Type.Array(Type.Object({
    ticketId: Type.String(), number: Type.Integer(), ok: Type.Boolean(), unchanged: Type.Boolean(),
    error: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
  }))),
}, { title: 'TicketBulkUpdate' });

export const TicketMerge = Type.Object({ source: Ticket, target: Ticket, movedComments: Type.Integer() }, { title: 'TicketMerge' });

/** The portal's view of a request: public comments, each signed with its author's display name. */
export const PortalTicketDetail = Type.Object({
  ticket: Ticket, comments: Type.Array(Type.Composite([TicketComment, Type.Object({ authorName: NStr })])), links: Type.Array(TicketLink), sla: Type.Union([SlaStatus, Type.Null()]),
}, { title: 'PortalTicketDetail' });
export const TicketForm = Type.Object({ id: Type.String(), name: Type.String() }, { title: 'TicketForm' });
