// The JSON shapes of the Zendesk-compatible API (/api/v2), as TypeBox schemas: request bodies are
// checked against them and answers serialised by them (a field not declared here never reaches a
// client). Field names and types follow Zendesk's documentation.
import { Type } from '@sinclair/typebox';

const N = Type.Union([Type.Integer(), Type.Null()]);
const S = Type.Union([Type.String(), Type.Null()]);
const Via = Type.Object({ channel: Type.String(), source: Type.Object({}, { additionalProperties: true }) });
const FieldValue = Type.Union([Type.String({ maxLength: 10_000 }), Type.Number(), Type.Boolean(), Type.Null()]);
const CustomField = Type.Object({ id: N, value: FieldValue });

export const ZError = Type.Object({
  error: Type.String(), description: Type.Optional(Type.String()), hotline_code: Type.Optional(Type.String()),
  details: Type.Optional(Type.Record(Type.String(), Type.Array(Type.Object({ description: Type.String(), error: Type.String() })))),
}, { title: 'ZendeskError', description: "Zendesk's error body" });
export const zErrors = { 400: ZError, 401: ZError, 403: ZError, 404: ZError, 409: ZError, 422: ZError };

export const ZTicket = Type.Object({
  id: Type.Integer({ description: 'The ticket number' }), url: Type.String(), external_id: S, via: Via, created_at: Type.String(), updated_at: Type.String(),
  type: S, subject: Type.String(), raw_subject: Type.String(), description: Type.String(), priority: S, status: Type.String(), recipient: S,
  requester_id: N, submitter_id: N, assignee_id: N, organization_id: N, group_id: N, collaborator_ids: Type.Array(Type.Integer()),
  follower_ids: Type.Array(Type.Integer()), email_cc_ids: Type.Array(Type.Integer()), has_incidents: Type.Boolean(), is_public: Type.Boolean(),
  due_at: S, tags: Type.Array(Type.String()), custom_fields: Type.Array(CustomField), fields: Type.Array(CustomField), satisfaction_rating: Type.Null(),
  sharing_agreement_ids: Type.Array(Type.Integer()), ticket_form_id: N, brand_id: N, allow_channelback: Type.Boolean(), allow_attachments: Type.Boolean(),
  from_messaging_channel: Type.Boolean(),
}, { title: 'ZendeskTicket' });
export const ZSearchResult = Type.Intersect([ZTicket, Type.Object({ result_type: Type.Literal('ticket') })]);

export const ZComment = Type.Object({
  id: N, type: Type.Literal('Comment'), author_id: N, body: Type.String(), html_body: Type.String(), plain_body: Type.String(), public: Type.Boolean(),
  attachments: Type.Array(Type.Unknown()), via: Via, created_at: Type.String(),
}, { title: 'ZendeskComment' });
const ZChange = Type.Object({ id: Type.Integer(), type: Type.Literal('Change'), field_name: Type.String(), value: Type.Unknown(), previous_value: Type.Unknown() });
export const ZAudit = Type.Object({ ticket_id: Type.Integer(), author_id: N, created_at: Type.String(), events: Type.Array(Type.Union([ZComment, ZChange])) });

export const ZUser = Type.Object({
  id: Type.Integer(), url: Type.String(), name: Type.String(), email: Type.String(), role: Type.String(), role_type: N, organization_id: N,
  time_zone: Type.String(), iana_time_zone: Type.String(), active: Type.Boolean(), verified: Type.Boolean(), suspended: Type.Boolean(), shared: Type.Boolean(),
  moderator: Type.Boolean(), ticket_restriction: S, external_id: S, created_at: Type.String(), updated_at: Type.String(), tags: Type.Array(Type.String()),
  user_fields: Type.Object({}, { additionalProperties: true }),
}, { title: 'ZendeskUser' });
export const ZOrganization = Type.Object({
  id: Type.Integer(), url: Type.String(), name: Type.String(), external_id: S, domain_names: Type.Array(Type.String()), details: Type.String(),
  notes: Type.String(), group_id: N, shared_tickets: Type.Boolean(), shared_comments: Type.Boolean(), tags: Type.Array(Type.String()),
  organization_fields: Type.Object({}, { additionalProperties: true }), created_at: Type.String(), updated_at: Type.String(),
}, { title: 'ZendeskOrganization' });
export const ZJobStatus = Type.Object({
  id: Type.String(), url: Type.String(), job_type: Type.String(), total: Type.Integer(), progress: Type.Integer(), status: Type.String(), message: S,
  results: Type.Union([Type.Array(Type.Object({ id: Type.Integer(), action: Type.String(), success: Type.Boolean(), status: Type.String(), errors: Type.Optional(Type.String()) })), Type.Null()]),
}, { title: 'ZendeskJobStatus' });

/** Offset paging (`page`, `per_page`) answers with these… */
export const OffsetPage = { next_page: S, previous_page: S, count: Type.Integer() };
/** …cursor paging (`page[size]`, `page[after]`) with these. */
export const CursorPage = {
  meta: Type.Optional(Type.Object({ has_more: Type.Boolean(), after_cursor: S, before_cursor: S })),
  links: Type.Optional(Type.Object({ next: S, prev: S })),
};
const Digits = (n: number) => Type.String({ pattern: `^[0-9]{1,${n}}$` });
/** Unknown query parameters are ignored, as Zendesk does (clients send `include=…` and the like). */
export const PageQs = Type.Object({
  page: Type.Optional(Digits(6)), per_page: Type.Optional(Digits(3)), 'page[size]': Type.Optional(Digits(3)),
  'page[after]': Type.Optional(Type.String({ maxLength: 200 })), 'page[before]': Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: true });
export const SearchQs = Type.Object({
  ...PageQs.properties, query: Type.String({ maxLength: 1000 }),
  sort_by: Type.Optional(Type.String({ maxLength: 40 })), sort_order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
}, { additionalProperties: true });
export const IdsQs = Type.Object({ ids: Type.String({ pattern: '^[0-9]{1,9}(,[0-9]{1,9}){0,99}$' }) }, { additionalProperties: true });
export const NumParams = Type.Object({ id: Digits(9) }, { additionalProperties: false });
export const JobParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9._:-]{1,100}$' }) }, { additionalProperties: false });

const Str = (max: number) => Type.String({ maxLength: max });
const Ints = Type.Array(Type.Integer(), { maxItems: 100 });
const Tags = Type.Array(Str(80), { maxItems: 100 });
const CommentIn = Type.Object({ body: Type.Optional(Str(65_536)), html_body: Type.Optional(Str(200_000)), public: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
/** The ticket fields Hotline keeps; a field it has no place for is a 422 naming it, never silently dropped. */
export const TicketIn = Type.Object({
  subject: Type.Optional(Str(500)), raw_subject: Type.Optional(Str(500)), description: Type.Optional(Str(65_536)), comment: Type.Optional(CommentIn),
  status: Type.Optional(Str(20)), priority: Type.Optional(Type.Union([Str(20), Type.Null()])), type: Type.Optional(Type.Union([Str(20), Type.Null()])),
  requester_id: Type.Optional(Type.Integer()), requester: Type.Optional(Type.Object({ email: Type.Optional(Str(254)), name: Type.Optional(Str(120)) }, { additionalProperties: false })),
  submitter_id: Type.Optional(Type.Integer()), assignee_id: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  organization_id: Type.Optional(Type.Union([Type.Integer(), Type.Null()])), group_id: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  tags: Type.Optional(Tags), additional_tags: Type.Optional(Tags), remove_tags: Type.Optional(Tags),
  custom_fields: Type.Optional(Type.Array(Type.Object({ id: Type.Integer(), value: FieldValue }, { additionalProperties: false }), { maxItems: 100 })),
  external_id: Type.Optional(Type.Union([Str(200), Type.Null()])), collaborator_ids: Type.Optional(Ints), follower_ids: Type.Optional(Ints),
}, { additionalProperties: false, title: 'ZendeskTicketInput' });
export const TicketBody = Type.Object({ ticket: TicketIn }, { additionalProperties: false });
export const BulkBody = Type.Object({
  ticket: Type.Object({
    status: Type.Optional(Str(20)), priority: Type.Optional(Str(20)), additional_tags: Type.Optional(Tags), remove_tags: Type.Optional(Tags), comment: Type.Optional(CommentIn),
  }, { additionalProperties: false }),
}, { additionalProperties: false });
