// Schema pieces shared by route files, and the API document's conventions.
//
// Every route declares `operationId` (camelCase verb+noun, unique), `tags`, `summary`, and
// `response` with the schema of each 2xx answer (201 where it creates) — Fastify serialises with it
// and drops fields it does not declare, so it names every field a client reads.
// Error answers are `ErrorResponse`. 400 (where params, query or body are validated), 401 (signed-in
// routes) and 403 (routes for some roles) are added to every route by src/api/openapi.ts; a route
// adds the others it can give with `...fails(404, 409)`.
// A shape used by more than one route, or one a client names, gets a `title` (PascalCase, unique):
// the document then has it once under components.schemas (and the web app's generated types as
// `components['schemas']['Ticket']`), referenced wherever it is used. Two shapes under one title
// fail the document. Parameters (path, query) are never named components.
// Bodies are closed (additionalProperties: false) so a typo in a field name is a 400, not a
// silently ignored field.
import { Type, type TObject, type TProperties } from '@sinclair/typebox';

export const Body = <T extends TProperties>(props: T) => Type.Object(props, { additionalProperties: false });

export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String({ description: 'stable, e.g. ticket.not_found' }), message: Type.String(), details: Type.Optional(Type.Record(Type.String(), Type.Unknown())) }),
}, { title: 'ErrorResponse', description: 'Every error: a stable code and a message for people' });

/** The error body under a response description (@fastify/swagger's `x-response-description`). */
const answer = (text: string): typeof ErrorResponse => ({ ...ErrorResponse, 'x-response-description': text });

export const errors = {
  400: answer('Bad input: the request does not match its schema or breaks a rule'),
  401: answer('Not signed in: no valid session or token'),
  403: answer('Signed in, but this role may not do this'),
  404: answer('Not found'),
  409: answer('Conflict with the current state'),
  410: answer('Gone: expired or used up'),
  413: answer('Too large'),
  422: answer('Understood, but cannot be processed'),
  429: answer('Too many requests: slow down'),
};

/** The error answers a route gives beyond the common ones: `response: { 200: X, ...fails(404, 409) }`. */
export function fails<C extends keyof typeof errors>(...codes: C[]): Pick<typeof errors, C> {
  return Object.fromEntries(codes.map((c) => [c, errors[c]])) as Pick<typeof errors, C>;
}

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

export const Str = (max = 200, min = 0) => Type.String({ minLength: min, maxLength: max });
export const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** A list answer: `{ items: [...] }`. */
export const Items = <T extends Parameters<typeof Type.Array>[0]>(item: T, title?: string) => Type.Object({ items: Type.Array(item) }, title ? { title } : {});

export const Meta = Type.Object({
  name: Type.String(), version: Type.String(), database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
}, { title: 'Meta' });

export type { TObject };

const NStr = Type.Union([Type.String(), Type.Null()]);

/** One entry of a conversation thread (an emergency's or an escalation's), as conversations keeps it. */
export const ThreadEntry = Type.Object({
  id: Type.String(), ticketId: NStr, channel: Type.String(),
  kind: Type.Union(['open', 'reply', 'channel', 'note', 'mention', 'notice'].map((k) => Type.Literal(k))),
  author: Type.Union([Type.String({ description: 'e-mail, or null for Hotline itself' }), Type.Null()]), text: Type.String(), mentions: Type.Array(Type.String()),
  late: Type.Boolean(), mirrored: Type.Boolean({ description: 'copied to the chat mirror' }), at: Type.String(),
}, { title: 'ThreadEntry' });

/** One step on a subject's timeline (src/store/timeline.ts): who did what, when, through which door. */
export const TimelineEntry = Type.Object({
  id: Type.String(), subjectType: Type.String(), subjectId: Type.String(), at: Type.String(),
  actor: Type.Object({ kind: Type.String(), id: NStr, name: NStr }), action: Type.String(), via: NStr, detail: Type.Record(Type.String(), Type.Unknown()),
}, { title: 'TimelineEntry' });
