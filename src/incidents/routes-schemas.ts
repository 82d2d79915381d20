// The answers of the incident routes (WF-10 / PG-7 widespread, SM-7 security), as the API document
// states them. Fastify writes each answer through its schema and leaves out undeclared fields.
import { Type } from '@sinclair/typebox';
import { TimelineEntry } from '../api/schemas.ts';

const Lit = <T extends string>(...v: T[]) => Type.Union(v.map((x) => Type.Literal(x)));
const NStr = Type.Union([Type.String(), Type.Null()]);
const State = Lit('open', 'resolved');
const PageStatus = Lit('triggered', 'acknowledged', 'resolved');

/** A bulk response's progress (its per-ticket results where the view keeps them). */
export const BulkProgress = Type.Object({
  id: Type.String(), status: Lit('queued', 'running', 'done'), total: Type.Integer(), done: Type.Integer(), failed: Type.Integer(), query: NStr,
  createdAt: Type.String(), finishedAt: NStr,
  results: Type.Optional(Type.Array(Type.Object({
    ticketId: Type.String(), number: Type.Integer(), ok: Type.Boolean(), unchanged: Type.Boolean(),
    error: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
  }))),
});

export const IncidentSummary = Type.Object({
  id: Type.String(), number: Type.Integer(), tag: Type.String(), title: Type.String(), state: State, detected: Type.Boolean(), createdAt: Type.String(), pageId: NStr,
  related: Type.Integer(), candidates: Type.Integer(), splitOut: Type.Integer(), responded: Type.Integer(),
}, { title: 'IncidentSummary' });

export const Incident = Type.Object({
  id: Type.String(), number: Type.Integer(), tag: Type.String(), title: Type.String(), state: State, detected: Type.Boolean(),
  statusPageUrl: Type.String(), incidentIssueUrl: NStr, createdAt: Type.String(), lastJoinedAt: Type.String(),
  page: Type.Union([Type.Object({ id: Type.String(), number: Type.Integer(), status: PageStatus, alertCount: Type.Integer(), targetUserIds: Type.Array(Type.String()) }), Type.Null()]),
  counts: Type.Object({ related: Type.Integer(), candidates: Type.Integer(), splitOut: Type.Integer(), grouped: Type.Integer(), responded: Type.Integer() }),
  tickets: Type.Array(Type.Object({
    ticketId: Type.String(), number: Type.Integer(), relation: Lit('candidate', 'related', 'split_out'), grouped: Type.Boolean(), respondedAt: NStr, bulkId: NStr, joinedAt: Type.String(),
    status: NStr, subject: NStr, organizationId: NStr,
    ownPage: Type.Union([Type.Object({ id: Type.String(), number: Type.Integer(), status: PageStatus }), Type.Null()]),
  })),
  bulk: Type.Array(BulkProgress),
  timeline: Type.Array(Type.Object({ at: Type.String(), action: Type.String(), actor: Type.Object({ kind: Type.String(), id: NStr, name: NStr }), detail: Type.Record(Type.String(), Type.Unknown()) })),
}, { title: 'Incident' });

const Numbers = Type.Array(Type.Integer());
export const IncidentJoined = Type.Composite([Incident, Type.Object({ joined: Numbers, unchanged: Numbers, pagesAcknowledged: Numbers })]);
export const IncidentSplit = Type.Composite([Incident, Type.Object({ split: Numbers, unchanged: Numbers, pageIds: Type.Array(Type.String()) })]);
export const IncidentResolved = Type.Composite([Incident, Type.Object({ changed: Type.Boolean({ description: 'false when it was resolved already' }) })]);

const CommsManager = Type.Union([
  Type.Object({ kind: Type.Literal('person'), userId: Type.String(), name: Type.String(), email: Type.String() }),
  Type.Object({ kind: Type.Literal('contact'), name: Type.String(), email: NStr }),
]);

export const SecurityIncidentSummary = Type.Object({
  id: Type.String(), number: Type.Integer(), label: Type.String(), title: Type.String(), state: State, tickets: Type.Integer(), responded: Type.Integer(), createdAt: Type.String(),
}, { title: 'SecurityIncidentSummary' });

export const SecurityIncident = Type.Object({
  id: Type.String(), number: Type.Integer(), label: Type.String({ description: 'S-number' }), kind: Type.Literal('security'), title: Type.String(), state: State,
  coordinator: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }), Type.Null()]),
  communicationsManager: CommsManager, createdAt: Type.String(), resolvedAt: NStr, url: Type.String(),
  tickets: Type.Array(Type.Object({ id: Type.String(), number: Type.Integer(), addedAt: Type.String(), respondedAt: NStr, bulkId: NStr })),
  bulk: Type.Array(BulkProgress), timeline: Type.Array(TimelineEntry),
}, { title: 'SecurityIncident' });

/** POST /api/v1/incidents answers the security incident (kind: security) or the widespread one. */
export const DeclaredIncident = Type.Union([SecurityIncident, Incident]);
