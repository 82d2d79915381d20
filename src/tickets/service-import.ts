// Tickets moved in from another helpdesk (Zendesk), written as history: each ticket keeps its
// creation instant, status, priority, tags, custom fields and its comments in order, public
// replies public and internal notes internal (TK-2), and remembers the id it had there, so a
// second run skips it.
//
// History, not news: nothing here goes through commitChange or createTicket, because those start
// what a new ticket starts. An imported ticket
// - emits no ticket event, so the emergency workflow (WF-1), requester mail (TK-8) and paging
//   never hear of it, even when it is urgent, and it is stored with is_emergency 0;
// - arms no SLA clock (sla_clock stays empty, due_at null) and enqueues no breach job (TK-7);
// - is not announced to live views one by one (a list shows it when next read);
// - gets one timeline entry, `ticket.imported`, saying where it came from.
import type { Actor } from '../kernel/actor.ts';
import { invalid } from '../kernel/errors.ts';
import { newId, newOrderedId, newSecret } from '../kernel/ids.ts';
import { isoUtc, Temporal } from '../kernel/time.ts';
import type { Tx } from '../store/tx.ts';
import { clockToJson } from './store.ts';
import { commentId } from './store.ts';
import { insertImported, knownRefs, rolesOf, takeTicketNumbers, type ImportRows } from './store-import.ts';
import { loadTicketSettings } from './service-settings.ts';
import { EMPTY_SLA_CLOCK } from './sla.ts';
import { checkCustomField, normalizeTag, PRIORITY_RANK, STATUS_RANK, type CustomFieldValue, type TicketPriority, type TicketStatus } from './ticket.ts';

export interface HistoricComment {
  /** The comment's id in the source: a second run never writes it twice. */
  externalId: string;
  authorId: string | null;
  body: string;
  isPublic: boolean;
  createdAt: string;
}

export interface HistoricTicket {
  externalId: string;
  subject: string;
  requesterId: string;
  organizationId: string | null;
  assigneeId: string | null;
  status: TicketStatus;
  priority: TicketPriority;
  tags: readonly string[];
  customFields: Record<string, CustomFieldValue>;
  createdAt: string;
  updatedAt: string;
  comments: HistoricComment[];
}

export interface HistoricOutcome {
  created: number;
  /** Already imported by an earlier run: left as they are. */
  skipped: number;
  comments: number;
  internalNotes: number;
  /** Hotline ids of the new tickets, by source id. */
  ids: Map<string, string>;
  /** What could not be kept as it was (a tag or field Hotline cannot hold). */
  dropped: { externalId: string; what: string }[];
}

const STAFF = new Set(['admin', 'manager', 'engineer']);
const SUBJECT_MAX = 500;

function iso(v: string, what: string): string {
  try {
    return isoUtc(Temporal.Instant.from(v));
  } catch {
    throw invalid('ticket.bad_import', `${what}: "${v}" is not an instant.`, { value: v });
  }
}

/**
 * Writes a batch of tickets of `source` (one page of the export) in the caller's transaction.
 * `form` is the form every ticket gets (default: the workspace's first).
 */
export async function importHistoricTickets(tx: Tx, now: Temporal.Instant, actor: Actor, source: string, items: readonly HistoricTicket[], opts: { form?: string } = {}): Promise<HistoricOutcome> {
  const out: HistoricOutcome = { created: 0, skipped: 0, comments: 0, internalNotes: 0, ids: new Map(), dropped: [] };
  const settings = await loadTicketSettings(tx);
  const form = opts.form ?? settings.ticket.forms[0];
  if (!settings.ticket.forms.includes(form)) throw invalid('ticket.bad_form', `Form "${form}" is not one of this workspace's forms (${settings.ticket.forms.join(', ')}).`, { form });
  const known = await knownRefs(tx, source, 'ticket', items.map((t) => t.externalId));
  const fresh = items.filter((t, i) => !known.has(t.externalId) && items.findIndex((x) => x.externalId === t.externalId) === i);
  out.skipped = items.length - fresh.length;
  if (fresh.length === 0) return out;

  const authors = [...new Set(fresh.flatMap((t) => t.comments.map((c) => c.authorId).filter((a): a is string => !!a)))];
  const roles = await rolesOf(tx, authors);
  const last = await takeTicketNumbers(tx, fresh.length);
  const at = isoUtc(now);
  const emptyClock = clockToJson(EMPTY_SLA_CLOCK);
  const rows: ImportRows = { tickets: [], tags: [], comments: [], refs: [], timeline: [] };

  fresh.forEach((t, i) => {
    const id = newId();
    const number = last - fresh.length + 1 + i;
    const createdAt = iso(t.createdAt, `ticket ${t.externalId} created_at`);
    const updatedAt = iso(t.updatedAt, `ticket ${t.externalId} updated_at`);
    const tags = new Set<string>();
    for (const raw of t.tags) {
      try {
        tags.add(normalizeTag(raw));
      } catch {
        out.dropped.push({ externalId: t.externalId, what: `tag "${raw}"` });
      }
    }
    const fields: Record<string, CustomFieldValue> = {};
    for (const [k, v] of Object.entries(t.customFields)) {
      if (v === null) continue;
      try {
        fields[k] = checkCustomField(k, v);
      } catch {
        out.dropped.push({ externalId: t.externalId, what: `custom field ${k}` });
      }
    }
    const comments = [...t.comments].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    // RP-1: the first public comment by staff after the ticket was opened is its first reply.
    const firstReply = comments.find((c) => c.isPublic && c.authorId && STAFF.has(roles.get(c.authorId) ?? '') && Date.parse(c.createdAt) > Date.parse(createdAt));
    const solved = t.status === 'solved' || t.status === 'closed';
    const subject = (t.subject.trim() || '(no subject)').slice(0, SUBJECT_MAX);
    rows.tickets.push({
      id, workspace: 'default', number, subject, status: t.status, status_rank: STATUS_RANK[t.status], priority: t.priority,
      priority_rank: PRIORITY_RANK[t.priority], form, stage: firstReply ? 'next_reply' : 'first_reply', organization_id: t.organizationId,
      requester_id: t.requesterId, assignee_id: t.assigneeId, is_emergency: 0, created_at: createdAt, updated_at: updatedAt,
      solved_at: solved ? updatedAt : null, due_at: null, version: 1, custom_fields: JSON.stringify(fields), followers: '[]', via: source,
      sla_clock: emptyClock, sla_breached_at: null, reply_token: newSecret(12), merged_into_id: null,
      first_reply_at: firstReply ? iso(firstReply.createdAt, 'comment created_at') : null,
    });
    for (const tag of [...tags].sort()) rows.tags.push({ ticket_id: id, tag });
    for (const c of comments) {
      const cAt = Temporal.Instant.from(c.createdAt);
      rows.comments.push({
        id: commentId(cAt), ticket_id: id, author_id: c.authorId, body: c.body, is_public: c.isPublic ? 1 : 0, via: source,
        created_at: isoUtc(cAt), attachments: '[]', message_id: null, dedupe_key: `${source}:comment:${c.externalId}`,
      });
      out.comments++;
      if (!c.isPublic) out.internalNotes++;
    }
    rows.refs.push({ source, kind: 'ticket', external_id: t.externalId, local_id: id, created_at: at });
    rows.timeline.push({
      id: newOrderedId(), subject_type: 'ticket', subject_id: id, at, actor_kind: actor.kind, actor_id: actor.userId, action: 'ticket.imported', via: actor.via,
      detail: JSON.stringify({ number, source, externalId: t.externalId, createdAt }),
    });
    out.ids.set(t.externalId, id);
  });
  await insertImported(tx, rows);
  out.created = fresh.length;
  return out;
}
