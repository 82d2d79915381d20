// The answers of the emergency routes, as the API document states them. Fastify writes each answer
// through its schema and leaves out any field not declared here, so every field a client reads
// (web app, CLI, tests) is declared, nullable ones as unions with null.
import { Type } from '@sinclair/typebox';
import { ThreadEntry } from '../api/schemas.ts';

const Lit = <T extends string>(...v: T[]) => Type.Union(v.map((x) => Type.Literal(x)));
const NStr = Type.Union([Type.String(), Type.Null()]);
const NInt = Type.Union([Type.Integer(), Type.Null()]);

export const PriorityT = Lit('low', 'normal', 'high', 'urgent');
const EmergencyState = Lit('open', 'resolved', 'not_paged');
const RunbookStatus = Lit('done', 'pending', 'overdue', 'not_applicable');
const PageStatus = Lit('triggered', 'acknowledged', 'resolved');
const Verdict = Type.Union([Lit('strict', 'exception', 'needs_more_info', 'not_emergency'), Type.Null()]);

/** Has anyone been reached for a page: the "nobody has been reached" banner. */
export const PageReach = Type.Object({
  reached: Type.Boolean(), state: Lit('reached', 'pending', 'not_reached'),
  code: Lit('closed', 'delivered', 'pending', 'all_failed', 'outbox_only', 'no_contact_method'), reason: Type.String(),
  fix: Type.Union([Type.Object({ label: Type.String(), href: Type.String() }), Type.Null()]),
});

/** An emergency's board row (also each row of the RP-3 history). */
export const EmergencyRow = Type.Object({
  id: Type.String(), ticketId: Type.String(), ticketNumber: Type.Integer(), subject: Type.String(), createdAt: Type.String(), resolvedAt: NStr,
  timers: Type.Array(Type.Object({ kind: Type.String(), dueAt: Type.String() })),
  state: EmergencyState, priority: PriorityT, status: Type.String(), organizationId: NStr, pageId: NStr,
  owner: Type.Union([Type.String({ description: 'e-mail of the assignee or, before anyone owns the ticket, the DRI' }), Type.Null()]),
  ageMinutes: Type.Integer(), entitlement: Type.String(), qualification: Verdict, channel: Type.String(),
  next: Type.Union([Type.Object({ item: Type.String(), label: Type.String(), status: RunbookStatus, dueAt: NStr }), Type.Null()]),
  reach: Type.Union([PageReach, Type.Null()]),
}, { title: 'EmergencyRow' });
export const EmergencyList = Type.Object({
  items: Type.Array(EmergencyRow),
  nextOffset: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: 'history lists only: the offset of the next page, null on the last' })),
});

const Entitlement = Type.Object({
  kind: Type.String(), emergencySupport: Type.Boolean(), page: Type.Boolean(), message: Type.String(), daysSinceExpiry: NInt, graceEndsOn: NStr,
});

export const Emergency = Type.Object({
  id: Type.String(), ticketId: Type.String(), ticketNumber: Type.Integer(), organizationId: NStr, state: EmergencyState,
  driUserId: NStr, pageId: NStr, rotation: Type.String(), channel: Type.String(),
  route: Type.Object({ rotation: Type.String(), channel: Type.String(), usGov: Type.Union([Type.Object({ coverage: Lit('12x5', '24x7'), offHours: Type.Boolean() }), Type.Null()]), dedicated: Type.Boolean() }),
  entitlement: Entitlement, qualification: Verdict, exceptionCriterion: NStr, category: NStr, guards: Type.Array(Type.String()),
  firstPublicReplyAt: NStr, customerRepliedAt: NStr, acknowledgedAt: NStr, callEndedAt: NStr,
  bridgeUrl: Type.Union([Type.String({ description: 'WF-5: the call link the customer joins' }), Type.Null()]),
  createdAt: Type.String(), updatedAt: Type.String(), resolvedAt: NStr, version: Type.Integer(),
  ticket: Type.Object({
    id: Type.String(), number: Type.Integer(), form: Type.String(), priority: PriorityT, status: Type.String(), tags: Type.Array(Type.String()),
    assignee: NStr, requesterEmail: Type.String(), orgId: NStr, createdAt: Type.String(), subject: Type.Optional(Type.String()), orgName: Type.Optional(NStr),
  }),
  reach: Type.Union([PageReach, Type.Null()]),
  thread: Type.Array(ThreadEntry),
  runbook: Type.Object({
    next: NStr, overdue: Type.Array(Type.String()),
    items: Type.Array(Type.Object({ item: Type.String(), label: Type.String(), status: RunbookStatus, dueAt: NStr, doneAt: NStr })),
  }),
  timers: Type.Array(Type.Object({ key: Type.String(), kind: Type.String(), ticketId: NStr, dueAt: Type.String(), state: Lit('pending', 'fired', 'cancelled', 'skipped') })),
  records: Type.Array(Type.Object({ kind: Type.String(), data: Type.Record(Type.String(), Type.Unknown()), at: Type.String() })),
  pages: Type.Array(Type.Object({ id: Type.String(), number: Type.Integer(), status: PageStatus, targetUserIds: Type.Array(Type.String()) })),
  stuckOptions: Type.Array(Type.Object({ option: Lit('cmoc', 'manager_on_call', 'developer_escalation'), label: Type.String() })),
}, { title: 'Emergency' });

/** What the engineer is told after an action (posted on the ticket or the thread as well). */
export const Notice = Type.Object({ ticketId: NStr, code: Type.String(), text: Type.String(), audience: Lit('engineer', 'manager', 'team') }, { title: 'EmergencyNotice' });

/** An action's answer: the emergency after it, the notices, the pages raised and follow-up tickets opened. */
export const EmergencyActionResult = Type.Object({
  emergency: Emergency, notices: Type.Array(Notice), pageIds: Type.Array(Type.String()), followUpTicketIds: Type.Array(Type.String()),
}, { title: 'EmergencyActionResult' });

export const CallAllowed = Type.Object({ ok: Type.Boolean(), code: Type.Optional(Type.String()), reason: Type.Optional(Type.String()) });
export const BridgeView = Type.Object({ ticketId: Type.String(), ticketNumber: Type.Integer(), bridgeUrl: NStr, live: Type.Boolean() }, { title: 'EmergencyBridge' });

const LoadTicket = Type.Object({
  id: Type.String(), number: Type.Integer(), priority: PriorityT, status: Type.String(),
  starred: Type.Optional(Type.Boolean()), escalated: Type.Optional(Type.Boolean()), highTouch: Type.Optional(Type.Boolean()),
});
export const OnCallLoad = Type.Object({
  engineer: Type.String(), onCallWeek: Type.Union([Type.Object({ start: Type.String(), end: Type.String() }), Type.Null()]), emergenciesSolved: Type.Integer(),
  phase: Lit('normal', 'prepare', 'on_call', 'after'), baseline: Type.Number(), target: Type.Integer(), load: Type.Integer(), overTarget: Type.Integer(),
  handOver: Type.Array(LoadTicket), keep: Type.Array(LoadTicket),
}, { title: 'OnCallLoad' });

export const Triggered = Type.Object({ emergencyId: Type.String(), ticketNumber: Type.Integer(), state: EmergencyState });
export const MightBecome = Type.Object({ ticketId: Type.String(), notices: Type.Array(Notice) });
