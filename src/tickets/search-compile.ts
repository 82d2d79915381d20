// TK-4: turns a parsed search into a Kysely filter over the `tickets` table (typed by
// store/schema.ts, with ticket_tags and ticket_comments in subqueries). It runs on SQLite and
// PostgreSQL alike; instants are compared as ISO-8601 UTC strings (text order on SQLite,
// timestamptz coercion on PostgreSQL).
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { invalid } from '../kernel/errors.ts';
import { containsLike } from '../kernel/like.ts';
import { isoUtc } from '../kernel/time.ts';
import type { Database } from '../store/schema.ts';
import { PRIORITY_RANK, STATUS_RANK } from './ticket.ts';
import type { CompareOp, DateField, OrderField, PersonField, PersonRef, PresenceField, SearchQuery, SearchTerm, SortDirection } from './search-query.ts';

export type ViewerRole = 'customer' | 'agent' | 'manager' | 'admin';

export interface SearchViewer {
  userId: string;
  role: ViewerRole;
  organizationId: string | null;
  /**
   * TK-8: staff who are neither on call nor managers pass false; they then see emergency tickets
   * only when assigned to them. Default true.
   */
  seesEmergencies?: boolean;
}

export interface CompileOptions {
  viewer: SearchViewer;
  /**
   * Maps `assignee:alice@example.com` etc. to an id. Return null when nothing matches (the clause
   * then matches no ticket). Without a resolver the text is used as the id itself.
   */
  resolve?: (field: PersonField, ref: string) => string | null | undefined;
  /** Used when the query has no order_by / sort. */
  defaultOrder?: { field: OrderField; direction: SortDirection };
}

export const DEFAULT_SEARCH_ORDER: { field: OrderField; direction: SortDirection } = { field: 'updated_at', direction: 'desc' };

type EB = ExpressionBuilder<Database, 'tickets'>;
type Cond = Expression<SqlBool>;

export function isStaffRole(role: ViewerRole): boolean {
  return role !== 'customer';
}

const DATE_COLUMN: Record<DateField, 'tickets.created_at' | 'tickets.updated_at' | 'tickets.solved_at' | 'tickets.due_at'> = { created: 'tickets.created_at', updated: 'tickets.updated_at', solved: 'tickets.solved_at', due: 'tickets.due_at' };
const PERSON_COLUMN: Record<PersonField, 'tickets.assignee_id' | 'tickets.requester_id' | 'tickets.organization_id'> = { assignee: 'tickets.assignee_id', requester: 'tickets.requester_id', organization: 'tickets.organization_id' };
const ORDER_COLUMN: Record<OrderField, 'tickets.created_at' | 'tickets.updated_at' | 'tickets.priority_rank' | 'tickets.status_rank' | 'tickets.number'> = { created_at: 'tickets.created_at', updated_at: 'tickets.updated_at', priority: 'tickets.priority_rank', status: 'tickets.status_rank', number: 'tickets.number' };
const SQL_OP: Record<Exclude<CompareOp, ':'>, '<' | '>' | '<=' | '>='> = { '<': '<', '>': '>', '<=': '<=', '>=': '>=' };

const never = (): Cond => sql<SqlBool>`1 = 0`;
const always = (): Cond => sql<SqlBool>`1 = 1`;
/** Works whether the flag column is an integer (SQLite) or a boolean (PostgreSQL). */
const flag = (column: string): Cond => sql<SqlBool>`cast(${sql.ref(column)} as integer) = 1`;

function likeLower(column: string, text: string): Cond {
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${containsLike(text)}`;
}

function ranked(eb: EB, column: 'tickets.status_rank' | 'tickets.priority_rank', op: CompareOp, ranks: number[]): Cond {
  if (op === ':') return ranks.length === 1 ? eb(column, '=', ranks[0]) : eb(column, 'in', ranks);
  return eb(column, SQL_OP[op], ranks[0]);
}

function person(eb: EB, field: PersonField, values: PersonRef[], opts: CompileOptions): Cond {
  const column = PERSON_COLUMN[field];
  const ors: Cond[] = [];
  const ids: string[] = [];
  for (const v of values) {
    if (v.kind === 'none') ors.push(eb(column, 'is', null));
    else if (v.kind === 'me') {
      const me = field === 'organization' ? opts.viewer.organizationId : opts.viewer.userId;
      if (me !== null) ids.push(me);
    } else {
      const id = opts.resolve ? opts.resolve(field, v.ref) : v.ref;
      if (id != null) ids.push(id);
    }
  }
  // "is not null" keeps -assignee:bob true for unassigned tickets (NULL would drop them).
  if (ids.length > 0) ors.push(eb.and([eb(column, 'is not', null), eb(column, 'in', ids)]));
  return ors.length === 0 ? never() : eb.or(ors);
}

function presence(eb: EB, field: PresenceField): Cond {
  switch (field) {
    case 'assignee': return eb('tickets.assignee_id', 'is not', null);
    case 'organization': return eb('tickets.organization_id', 'is not', null);
    case 'solved': return eb('tickets.solved_at', 'is not', null);
    case 'due': return eb('tickets.due_at', 'is not', null);
    case 'tags': return eb.exists(eb.selectFrom('ticket_tags as tt').select(sql.lit(1).as('one')).whereRef('tt.ticket_id', '=', 'tickets.id'));
  }
}

function freeText(eb: EB, text: string, ticketNumber: number | null, staff: boolean): Cond {
  let comments = eb.selectFrom('ticket_comments as tc').select(sql.lit(1).as('one'))
    .whereRef('tc.ticket_id', '=', 'tickets.id')
    .where(likeLower('tc.body', text));
  // TK-2: internal notes never reach the customer, not even through search.
  if (!staff) comments = comments.where(flag('tc.is_public'));
  const ors: Cond[] = [likeLower('tickets.subject', text), eb.exists(comments)];
  if (ticketNumber !== null) ors.push(eb('tickets.number', '=', ticketNumber));
  return eb.or(ors);
}

function termCondition(eb: EB, term: SearchTerm, opts: CompileOptions): Cond {
  switch (term.kind) {
    case 'status': return ranked(eb, 'tickets.status_rank', term.op, term.values.map((v) => STATUS_RANK[v]));
    case 'priority': return ranked(eb, 'tickets.priority_rank', term.op, term.values.map((v) => PRIORITY_RANK[v]));
    case 'number': return eb('tickets.number', term.op === ':' ? '=' : SQL_OP[term.op], term.value);
    case 'date': {
      const column = DATE_COLUMN[term.field];
      return eb.and([eb(column, 'is not', null), ...term.bounds.map((b) => eb(column, b.op, isoUtc(b.at)))]);
    }
    case 'form': return eb('tickets.form', 'in', term.values);
    case 'stage': return eb('tickets.stage', 'in', term.values);
    case 'tags': return eb.exists(eb.selectFrom('ticket_tags as tt').select(sql.lit(1).as('one'))
      .whereRef('tt.ticket_id', '=', 'tickets.id').where('tt.tag', 'in', term.anyOf));
    case 'person': return person(eb, term.field, term.values, opts);
    case 'presence': return presence(eb, term.field);
    case 'emergency': return term.value ? flag('tickets.is_emergency') : eb.not(flag('tickets.is_emergency'));
    case 'subject': return likeLower('tickets.subject', term.text);
    case 'text': return freeText(eb, term.text, term.ticketNumber, isStaffRole(opts.viewer.role));
  }
}

/**
 * TK-2, TK-8: a customer cannot search by what they do not see of a ticket (tags, stage, assignee,
 * due date): which of their tickets match would reveal it. Such a query is refused, naming the field.
 */
export function checkCustomerQuery(query: SearchQuery): void {
  for (const term of query.terms) {
    const field = customerHiddenField(term);
    if (field) {
      throw invalid('search.field_not_available', `You cannot search by ${field}; search by status, priority, form, dates, requester, organisation or text.`, { field });
    }
  }
}

function customerHiddenField(term: SearchTerm): string | null {
  switch (term.kind) {
    case 'tags': return 'tags';
    case 'stage': return 'stage';
    case 'person': return term.field === 'assignee' ? 'assignee' : null;
    case 'presence': return term.field === 'assignee' || term.field === 'tags' || term.field === 'due' ? term.field : null;
    case 'date': return term.field === 'due' ? 'due' : null;
    default: return null;
  }
}

/** Who may see which tickets, independent of the query (customers: own organisation or own tickets). */
export function visibilityCondition(eb: EB, viewer: SearchViewer): Cond {
  if (!isStaffRole(viewer.role)) {
    const own = eb('tickets.requester_id', '=', viewer.userId);
    return viewer.organizationId === null ? own : eb.or([own, eb('tickets.organization_id', '=', viewer.organizationId)]);
  }
  if (viewer.seesEmergencies === false) {
    return eb.or([eb.not(flag('tickets.is_emergency')), eb('tickets.assignee_id', '=', viewer.userId)]);
  }
  return always();
}

/** The WHERE condition for a query, visibility included. */
export function searchCondition(query: SearchQuery, opts: CompileOptions): (eb: EB) => Cond {
  return (eb) => {
    const parts = query.terms.map((term) => {
      const c = termCondition(eb, term, opts);
      return term.negated ? eb.not(c) : c;
    });
    return eb.and([visibilityCondition(eb, opts.viewer), ...parts]);
  };
}

export function searchOrder(query: SearchQuery, opts: Pick<CompileOptions, 'defaultOrder'> = {}): { field: OrderField; direction: SortDirection } {
  const d = opts.defaultOrder ?? DEFAULT_SEARCH_ORDER;
  // Like the helpdesk API, sort defaults to desc once order_by is named.
  return { field: query.orderBy ?? d.field, direction: query.sort ?? (query.orderBy ? 'desc' : d.direction) };
}

/** Adds the search's WHERE and ORDER BY (with ticket number as tie-breaker) to a tickets query. */
export function applySearch<O>(qb: SelectQueryBuilder<Database, 'tickets', O>, query: SearchQuery, opts: CompileOptions): SelectQueryBuilder<Database, 'tickets', O> {
  const order = searchOrder(query, opts);
  let out = qb.where(searchCondition(query, opts)).orderBy(ORDER_COLUMN[order.field], order.direction);
  if (order.field !== 'number') out = out.orderBy('tickets.number', order.direction);
  return out;
}

/** `select tickets.* from tickets where … order by …`; the caller adds limit/offset or count. */
export function searchTicketsQuery(db: Kysely<Database>, query: SearchQuery, opts: CompileOptions) {
  return applySearch(db.selectFrom('tickets').selectAll('tickets'), query, opts);
}

/** `select count(*) as count from tickets where …` (no ORDER BY, so it runs on PostgreSQL too). */
export function searchCountQuery(db: Kysely<Database>, query: SearchQuery, opts: CompileOptions) {
  return db.selectFrom('tickets').select((eb) => eb.fn.countAll<number | string | bigint>().as('count')).where(searchCondition(query, opts));
}
