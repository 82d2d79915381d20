// TK-5 / WF-10: bulk update of a search result — tags, one public reply, status, priority — planned
// one ticket at a time, so one closed ticket yields one error line and the rest go through.
import { DomainError, invalid } from '../kernel/errors.ts';
import type { Temporal } from '../kernel/time.ts';
import { KNOWN_PLACEHOLDERS, placeholdersIn, renderTemplate, templateVariables, type MacroContext, type RenderedComment } from './macro.ts';
import {
  TICKET_PRIORITIES, TICKET_STATUSES, applyChanges, normalizeTags,
  type FieldChange, type Ticket, type TicketChanges, type TicketConfig, type TicketPriority, type TicketStatus,
} from './ticket.ts';

export interface BulkUpdateRequest {
  /** Chosen by the caller and reused on retry: with the ticket id it is the idempotency key. */
  id: string;
  addTags?: string[];
  removeTags?: string[];
  status?: TicketStatus;
  priority?: TicketPriority;
  /** Same text for every ticket; placeholders ({{ticket.number}}, {{requester.first_name}}…) per ticket. */
  publicReply?: string;
  internalNote?: string;
}

export interface BulkLimits { maxTickets: number; maxBodyLength: number }
/** The helpdesk's own bulk limit is 100 tickets per call; the same default keeps a call short. */
export const DEFAULT_BULK_LIMITS: BulkLimits = { maxTickets: 100, maxBodyLength: 65_536 };

export type BulkTicketResult =
  | { ticketId: string; number: number; key: string; ok: true; unchanged: boolean; changes: TicketChanges; ticket: Ticket; diff: FieldChange[]; comments: RenderedComment[] }
  | { ticketId: string; number: number; key: string; ok: false; error: { kind: string; code: string; message: string } };

/** Idempotency key of one ticket's share of a bulk request (job key, timeline dedupe). */
export function bulkIdempotencyKey(requestId: string, ticketId: string): string {
  return `bulk:${requestId}:${ticketId}`;
}

/** Validates the request as a whole (once, before any ticket); throws invalid('bulk.…'). */
export function validateBulkRequest(req: BulkUpdateRequest, ticketIds: readonly string[], limits: BulkLimits = DEFAULT_BULK_LIMITS): string[] {
  if (typeof req.id !== 'string' || !/^[A-Za-z0-9._:-]{1,100}$/.test(req.id)) {
    throw invalid('bulk.bad_request_id', 'A bulk request needs an id of 1–100 characters (letters, digits, . _ : -); reuse it when retrying.', {});
  }
  const ids = [...new Set(ticketIds)];
  if (ids.length === 0) throw invalid('bulk.no_tickets', 'Select at least one ticket.', {});
  if (ids.length > limits.maxTickets) throw invalid('bulk.too_many', `${ids.length} tickets selected; a bulk update takes at most ${limits.maxTickets}. Split it into several.`, { count: ids.length, max: limits.maxTickets });
  const hasAction = !!(req.addTags?.length || req.removeTags?.length || req.status || req.priority || req.publicReply || req.internalNote);
  if (!hasAction) throw invalid('bulk.empty', 'Nothing to do: give tags to add or remove, a status, a priority, a public reply or an internal note.', {});
  if (req.status !== undefined && !TICKET_STATUSES.includes(req.status)) throw invalid('bulk.bad_status', `Status "${req.status}" is not valid: use one of ${TICKET_STATUSES.join(', ')}.`, {});
  if (req.priority !== undefined && !TICKET_PRIORITIES.includes(req.priority)) throw invalid('bulk.bad_priority', `Priority "${req.priority}" is not valid: use one of ${TICKET_PRIORITIES.join(', ')}.`, {});
  normalizeTags([...(req.addTags ?? []), ...(req.removeTags ?? [])]);
  const both = normalizeTags(req.addTags ?? []).filter((t) => normalizeTags(req.removeTags ?? []).includes(t));
  if (both.length) throw invalid('bulk.tag_conflict', `Tag(s) ${both.join(', ')} are both added and removed; keep one.`, { tags: both });
  for (const [name, body] of [['publicReply', req.publicReply], ['internalNote', req.internalNote]] as const) {
    if (body === undefined) continue;
    if (body.trim() === '') throw invalid('bulk.empty_comment', `${name} is empty; write the text or leave it out.`, {});
    if (body.length > limits.maxBodyLength) throw invalid('bulk.comment_too_long', `${name} is ${body.length} characters; the limit is ${limits.maxBodyLength}.`, {});
    for (const p of placeholdersIn(body)) {
      if (!(KNOWN_PLACEHOLDERS as readonly string[]).includes(p)) throw invalid('macro.unknown_placeholder', `Unknown placeholder {{${p}}} in ${name}. Use one of: ${[...KNOWN_PLACEHOLDERS].sort().join(', ')}.`, { placeholder: p });
    }
  }
  return ids;
}

export interface BulkPlanContext {
  at: Temporal.Instant;
  /** Who acts, and this ticket's requester/organisation, for placeholders. */
  template: MacroContext;
  config?: TicketConfig;
}

/**
 * Plans one ticket's share of a bulk update. Domain problems on this ticket (closed, a status it
 * cannot take, a placeholder without a value) become an error result instead of an exception.
 */
export function planBulkUpdate(ticket: Ticket, req: BulkUpdateRequest, ctx: BulkPlanContext): BulkTicketResult {
  const head = { ticketId: ticket.id, number: ticket.number, key: bulkIdempotencyKey(req.id, ticket.id) };
  try {
    const changes: TicketChanges = {};
    if (req.status !== undefined) changes.status = req.status;
    if (req.priority !== undefined) changes.priority = req.priority;
    if (req.addTags?.length || req.removeTags?.length) {
      changes.tags = { ...(req.addTags?.length ? { add: req.addTags } : {}), ...(req.removeTags?.length ? { remove: req.removeTags } : {}) };
    }
    const result = applyChanges(ticket, changes, { at: ctx.at, config: ctx.config });
    const vars = templateVariables(result.ticket, ctx.template);
    const known = new Set<string>([...KNOWN_PLACEHOLDERS, ...Object.keys(ctx.template.values ?? {})]);
    const comments: RenderedComment[] = [];
    if (req.publicReply) comments.push({ public: true, body: renderTemplate(req.publicReply, vars, known, 'the bulk reply') });
    if (req.internalNote) comments.push({ public: false, body: renderTemplate(req.internalNote, vars, known, 'the bulk note') });
    return { ...head, ok: true, unchanged: result.diff.length === 0 && comments.length === 0, changes, ticket: result.ticket, diff: result.diff, comments };
  } catch (e) {
    if (e instanceof DomainError) return { ...head, ok: false, error: { kind: e.kind, code: e.code, message: e.message } };
    throw e;
  }
}
